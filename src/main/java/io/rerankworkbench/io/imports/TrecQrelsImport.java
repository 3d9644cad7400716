package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports TREC qrels ({@code qid iter docno grade} per line, whitespace separated) as judgments only: annotator
 * {@code "qrels"}, origin {@code file:line}, in file order. The result has no queries or documents; each judgment's
 * {@code documentKey} is the docno, which the project writer resolves against the candidates of the query with id
 * {@code qid} already in the project (or imported with it). A grade must be an integer (negative grades, which some
 * TREC tracks use for "junk", are kept as they are).
 */
public final class TrecQrelsImport {

    /** The annotator of judgments read from qrels (here and in BEIR datasets). */
    public static final String ANNOTATOR = "qrels";

    private TrecQrelsImport() {
    }

    /** Reads one qrels file. Never throws for bad input; see {@link ImportResult}. */
    public static ImportResult read(Path file, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            return ctx.result(read(file, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    /** Whether a line looks like a qrels line (4 whitespace-separated fields, the last a whole number). */
    static boolean looksLikeQrels(String line) {
        String[] f = TrecRunImport.WHITESPACE.split(line.strip());
        return f.length == 4 && Values.grade(f[3]) != null;
    }

    static ProjectData read(Path file, ReadContext ctx) {
        List<JudgmentRecord> judgments = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        Lines.read(file, null, ctx, (lineNo, text) -> {
            String[] f = TrecRunImport.WHITESPACE.split(text.strip());
            if (f.length != 4) {
                ctx.problem(file, lineNo, "expected 4 fields (qid iter docno grade), found " + f.length);
                ctx.badRow();
                return;
            }
            List<String> bad = new ArrayList<>(1);
            Integer grade = Values.grade(f[3]);
            if (grade == null) {
                bad.add("grade " + Values.quote(f[3]) + " is not an integer");
            }
            String pair = f[0] + '\u0000' + f[2];
            Long first = seen.get(pair);
            if (first != null) {
                bad.add("docno " + Values.quote(f[2]) + " is judged twice for query " + Values.quote(f[0])
                        + " (first on line " + first + ")");
            }
            if (!bad.isEmpty()) {
                bad.forEach(reason -> ctx.problem(file, lineNo, reason));
                ctx.badRow();
                return;
            }
            seen.put(pair, lineNo);
            judgments.add(new JudgmentRecord(f[0], f[2], grade, ANNOTATOR, null, null, null,
                    CandidateCollector.origin(file, lineNo)));
        });
        return new ProjectData(List.of(), List.of(), List.of(), List.of(), judgments);
    }
}
