package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;

import java.util.List;
import java.util.Objects;

/**
 * What reading import sources produced: the data, every problem found, and how many bad rows were left out.
 * When {@code problems} is not empty and the user did not choose to skip bad rows, nothing may be written;
 * {@link #mayWrite(boolean)} says it in one call.
 *
 * <p>Judgments in {@code data} refer to their query by id. A judgment's {@code documentKey} is a
 * {@link io.rerankworkbench.core.project.DocumentRecord#key()} when {@code data} holds a document with that key;
 * otherwise (qrels and ratings imported on their own) it is the document id of one of the query's candidates that the
 * writer looks up in the project.
 *
 * @param skippedRows          rows left out because the user chose to skip bad rows (their problems are still listed)
 * @param fatal                true when at least one problem is not about a single row (a file that cannot be read or
 *                             decoded, a missing column, a wrong format, a cancelled import): skipping bad rows cannot
 *                             make such a result complete, so it must not be written either way
 * @param notes                things the user should know that are not problems (e.g. "no queries file: the query
 *                             text is the query id"); shown, never block the import
 * @param judgmentsByQueryText judgments whose query is known only by its <em>text</em> (Quepid ratings): their
 *                             {@link JudgmentRecord#queryId()} holds the query text, to be matched exactly against
 *                             the text of a query in the project; their {@code documentKey} is a document id as
 *                             above. {@link ProjectImports} already resolves those whose text matches a query of the
 *                             same import into {@code data}
 */
public record ImportResult(ProjectData data, List<ImportProblem> problems, long skippedRows, boolean fatal,
                           List<String> notes, List<JudgmentRecord> judgmentsByQueryText) {

    public ImportResult {
        Objects.requireNonNull(data, "data");
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        judgmentsByQueryText = List.copyOf(judgmentsByQueryText);
        if (skippedRows < 0) {
            throw new IllegalArgumentException("skippedRows must be >= 0, was " + skippedRows);
        }
    }

    /**
     * The original three-part shape. Without more knowledge every problem is taken to block the import
     * ({@code fatal} is true whenever there are problems).
     */
    public ImportResult(ProjectData data, List<ImportProblem> problems, long skippedRows) {
        this(data, problems, skippedRows, !problems.isEmpty(), List.of(), List.of());
    }

    /** Whether anything was wrong (see {@link #mayWrite(boolean)} for what that means for writing). */
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /**
     * Whether the data may be written: when there are no problems, or when the user chose to skip bad rows and every
     * problem was about a row that has been left out.
     */
    public boolean mayWrite(boolean skipBadRows) {
        return problems.isEmpty() || (skipBadRows && !fatal);
    }
}
