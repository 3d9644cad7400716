package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.io.InputFormatException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads TREC qrels ({@code qid iter docno grade} per line, whitespace separated) for evaluation: per query id, in file
 * order, the grade of each judged docno. The lines are read and checked as {@link TrecQrelsImport} reads them (the
 * iter column is ignored, a grade must be an integer, a docno judged twice for one query is an error, blank lines
 * are skipped), but the first problem fails the whole read.
 */
public final class TrecQrelsReader {

    private TrecQrelsReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws InputFormatException for the first problem, as {@code file:line: problem} (with the count of further
     *                              problems)
     */
    public static Map<String, Map<String, Integer>> read(Path file) throws InputFormatException {
        Objects.requireNonNull(file, "file");
        ReadContext ctx = ReadContext.simple(false);
        List<JudgmentRecord> judgments = TrecQrelsImport.read(file, ctx).judgments();
        List<ImportProblem> problems = ctx.problems.list();
        if (!problems.isEmpty()) {
            ImportProblem first = problems.get(0);
            long more = ctx.problems.count() - 1;
            throw new InputFormatException(file, (int) Math.min(Integer.MAX_VALUE, first.line()), first.reason()
                    + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : ""));
        }
        if (judgments.isEmpty()) {
            throw new InputFormatException(file, 0, "no judgments (expected lines of qid iter docno grade)");
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (JudgmentRecord j : judgments) {
            out.computeIfAbsent(j.queryId(), k -> new LinkedHashMap<>()).put(j.documentKey(), j.grade());
        }
        out.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        return Collections.unmodifiableMap(out);
    }
}
