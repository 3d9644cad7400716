package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.ProjectData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Imports candidates from a TREC run ({@code qid Q0 docno rank score tag} per line, whitespace separated) with the
 * texts of its documents (JSONL with {@code "_id"|"id"|"doc_id"}, {@code "text"}, optional {@code "title"}; or
 * {@code id<TAB>text}) and, optionally, of its queries (JSONL with {@code "_id"|"id"|"qid"|"query_id"} and
 * {@code "text"|"query"}; or {@code qid<TAB>text}). Without a queries file a query's text is its id, and a note says
 * so.
 *
 * <p>A query's candidates are ordered by the run's rank, ties by score (highest first), and numbered 1..n in that
 * order (as trec_eval does, gaps and ties in the given ranks are not kept); the first-stage score is the run's score.
 * The {@code Q0} and {@code tag} columns are not kept. Problems: a line without 6 fields, a rank that is not a whole
 * number ≥ 1, a score that is not a number, a docno twice for one query, a docno missing from the document file or a
 * qid missing from the queries file (both reported at the run line).
 */
public final class TrecRunImport {

    static final Pattern WHITESPACE = TrecRunLine.WHITESPACE;
    static final List<String> DOC_ID_FIELDS = List.of("_id", "id", "doc_id", "docid", "docno");
    static final List<String> QUERY_ID_FIELDS = List.of("_id", "id", "qid", "query_id");

    private TrecRunImport() {
    }

    /**
     * Reads a run with its documents and (optionally) queries. Never throws for bad input; see
     * {@link ImportResult}.
     *
     * @param queries null when there is no queries file
     */
    public static ImportResult read(Path run, Path documents, Path queries, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            return ctx.result(read(run, documents, queries, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    private record Line(String docno, int rank, double score, long line) {
    }

    /** Whether a line looks like a run line (6 whitespace-separated fields, the fourth a whole number). */
    static boolean looksLikeRun(String line) {
        String[] f = WHITESPACE.split(line.strip());
        return f.length == 6 && Values.integer(f[3]) != null;
    }

    static ProjectData read(Path run, Path documents, Path queries, ReadContext ctx) {
        Map<String, List<Line>> byQuery = new LinkedHashMap<>();
        Map<String, Map<String, Long>> seen = new HashMap<>();
        Set<String> docnos = new HashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        boolean runRead = Lines.read(run, null, ctx, (lineNo, text) -> {
            List<String> bad = new ArrayList<>(1);
            TrecRunLine line = TrecRunLine.parse(text, true, bad);
            if (line != null) {
                Long first = seen.computeIfAbsent(line.qid(), k -> new HashMap<>()).get(line.docno());
                if (first != null) {
                    bad.add("docno " + Values.quote(line.docno()) + " appears twice for query "
                            + Values.quote(line.qid()) + " (first on line " + first + ")");
                }
            }
            if (!bad.isEmpty()) {
                bad.forEach(reason -> ctx.problem(run, lineNo, reason));
                ctx.badRow();
                return;
            }
            seen.get(line.qid()).put(line.docno(), lineNo);
            docnos.add(line.docno());
            tags.add(line.tag());
            byQuery.computeIfAbsent(line.qid(), k -> new ArrayList<>()).add(new Line(line.docno(), line.rank(),
                    line.score(), lineNo));
        });
        if (!runRead) {
            return ProjectData.empty();
        }
        if (tags.size() > 1) {
            ctx.note(name(run) + " holds " + tags.size() + " run tags (" + String.join(", ", tags)
                    + "); their lines are read as one ranking per query");
        }
        if (documents == null) {
            ctx.fatal(run, 0, "a TREC run needs a document file with the texts (JSONL or id<TAB>text)");
            return ProjectData.empty();
        }
        Map<String, TextTable.Entry> docs = TextTable.read(documents, ctx, docnos, DOC_ID_FIELDS, List.of("text"),
                true);
        if (docs == null) {
            return ProjectData.empty();
        }
        Map<String, TextTable.Entry> queryTexts = null;
        if (queries != null) {
            queryTexts = TextTable.read(queries, ctx, byQuery.keySet(), QUERY_ID_FIELDS, List.of("text", "query"),
                    false);
            if (queryTexts == null) {
                return ProjectData.empty();
            }
        } else {
            ctx.note("no queries file was given: each query's text is its id (" + name(run) + ")");
        }
        CandidateCollector collector = new CandidateCollector(null);
        for (Map.Entry<String, List<Line>> e : byQuery.entrySet()) {
            String qid = e.getKey();
            List<Line> lines = e.getValue();
            String qtext = qid;
            if (queryTexts != null) {
                TextTable.Entry q = queryTexts.get(qid);
                if (q == null) {
                    ctx.problem(run, lines.get(0).line(), "query " + Values.quote(qid) + " is not in "
                            + name(queries));
                    ctx.badRows(lines.size());
                    continue;
                }
                qtext = q.text().strip();
            }
            CandidateCollector.Query query = null;
            for (Line l : lines) {
                TextTable.Entry doc = docs.get(l.docno());
                if (doc == null) {
                    ctx.problem(run, l.line(), "docno " + Values.quote(l.docno()) + " is not in "
                            + name(documents));
                    ctx.badRow();
                    continue;
                }
                if (query == null) {
                    query = collector.getOrAdd(qid, l.line());
                    query.text = qtext;
                }
                collector.add(query, l.docno(), doc.title(), doc.text(), l.rank(), l.score(), null, run, l.line());
            }
        }
        return collector.build(ctx, run, true);
    }

    static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }
}
