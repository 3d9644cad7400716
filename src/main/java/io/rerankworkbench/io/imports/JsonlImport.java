package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.project.ProjectData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports candidates from JSON Lines, in one of two shapes, told apart by the file's first object:
 * <ul>
 *   <li><b>one object per query</b> (the first object has {@code "documents"}):
 *       {@code {"query_id"|"id"|"qid", "query"|"text", "documents": [...]}} where each document is
 *       {@code {"id"|"doc_id"|"_id"?, "text", "title"?, "score"?, "label"?}} or a plain string. Documents are ranked
 *       in array order; one without an id is numbered by its rank ("1", "2", …). A line with any problem is one bad
 *       row.</li>
 *   <li><b>one object per query–document pair</b>:
 *       {@code {"query_id"|"qid", "query"|"query_text", "doc_id"|"docid", "text", "title"?, "rank"?, "score"?,
 *       "label"?}}, gathered per query like the rows of a CSV file ({@link CsvImport}).</li>
 * </ul>
 * A query without an id gets q1, q2, … in order of first appearance. Ids may be strings or integers; scores JSON
 * numbers; labels integers, which become judgments by annotator {@code "import"}.
 */
public final class JsonlImport {

    private JsonlImport() {
    }

    /** Reads one JSONL file. Never throws for bad input; see {@link ImportResult}. */
    public static ImportResult read(Path file, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            return ctx.result(read(file, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    /** Whether a JSON object is in the one-object-per-query shape. */
    static boolean isPerQuery(JsonNode first) {
        return first.has("documents");
    }

    static ProjectData read(Path file, ReadContext ctx) {
        CandidateCollector collector = new CandidateCollector(CsvImport.ANNOTATOR);
        Boolean[] perQuery = {null};
        Map<String, Long> queryLines = new HashMap<>();
        Lines.read(file, null, ctx, (lineNo, line) -> {
            List<String> bad = new ArrayList<>(2);
            JsonNode obj = Json.parseObject(line, bad);
            if (obj == null) {
                reportBad(ctx, file, lineNo, bad);
                return;
            }
            if (perQuery[0] == null) {
                perQuery[0] = isPerQuery(obj);
            }
            if (perQuery[0]) {
                perQueryLine(ctx, file, lineNo, obj, collector, queryLines);
            } else {
                pairLine(ctx, file, lineNo, obj, collector);
            }
        });
        return collector.build(ctx, file, false);
    }

    private static void reportBad(ReadContext ctx, Path file, long line, List<String> bad) {
        for (String reason : bad) {
            ctx.problem(file, line, reason);
        }
        ctx.badRow();
    }

    private static void pairLine(ReadContext ctx, Path file, long line, JsonNode obj, CandidateCollector collector) {
        List<String> bad = new ArrayList<>(2);
        String qid = Json.string(obj, "", bad, false, true, "query_id", "qid");
        String qtext = Json.string(obj, "", bad, qid == null, false, "query", "query_text");
        String docId = Json.string(obj, "", bad, false, true, "doc_id", "docid");
        String title = Json.string(obj, "", bad, false, false, "title");
        title = title == null || title.isBlank() ? null : title.strip();
        String text = Json.string(obj, "", bad, title == null, false, "text");
        Integer rank = Json.integer(obj, "", bad, "rank");
        Double score = Json.number(obj, "", bad, "score");
        Integer label = Json.integer(obj, "", bad, "label");
        qid = qid == null ? null : qid.strip();
        qtext = qtext == null ? "" : qtext.strip();
        if (qid != null && qid.isEmpty()) {
            bad.add("query id is empty");
        } else if (qid == null && !qtext.isEmpty()) {
            qid = collector.idForText(qtext);
        } else if (qid == null && Json.present(obj, "query", "query_text") != null && qtext.isEmpty()) {
            bad.add("query text is empty");
        }
        if (docId != null && docId.isBlank()) {
            bad.add("doc id is empty");
        }
        if (text != null && text.isBlank() && title == null) {
            bad.add("text is empty");
        }
        if (rank != null && rank < 1) {
            bad.add("field \"rank\" must be ≥ 1, found " + rank);
            rank = null;
        }
        collector.addRow(ctx, file, line, bad, qid, qtext, docId == null ? null : docId.strip(), title,
                text == null ? "" : text, rank, score == null ? Double.NaN : score, label);
    }

    private static void perQueryLine(ReadContext ctx, Path file, long line, JsonNode obj,
                                     CandidateCollector collector, Map<String, Long> queryLines) {
        List<String> bad = new ArrayList<>(2);
        String qid = Json.string(obj, "", bad, false, true, "query_id", "id", "qid");
        String qtext = Json.string(obj, "", bad, true, false, "query", "text");
        JsonNode docs = obj.get("documents");
        if (docs == null || docs.isNull()) {
            bad.add("missing field \"documents\"");
        } else if (!docs.isArray()) {
            bad.add("field \"documents\" must be an array, found " + Json.type(docs));
        }
        if (qtext != null && qtext.isBlank()) {
            bad.add("query text is empty");
        }
        if (qid != null && qid.isBlank()) {
            bad.add("query id is empty");
        }
        if (qid == null && qtext != null && !qtext.isBlank()) {
            qid = collector.idForText(qtext.strip());
        }
        if (qid != null && !qid.isBlank()) {
            qid = qid.strip();
            Long previous = queryLines.get(qid);
            if (previous != null) {
                bad.add("query " + Values.quote(qid) + " already appeared on line " + previous);
            }
        }
        record Doc(String id, String title, String text, double score, Integer label) {
        }
        List<Doc> parsed = new ArrayList<>();
        if (docs != null && docs.isArray()) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < docs.size(); i++) {
                JsonNode d = docs.get(i);
                String where = "documents[" + i + "]: ";
                String id;
                String title = null;
                String text;
                double score = Double.NaN;
                Integer label = null;
                if (d.isTextual()) {
                    id = Integer.toString(i + 1);
                    text = d.asText();
                } else if (d.isObject()) {
                    id = Json.string(d, where, bad, false, true, "id", "doc_id", "_id");
                    id = id == null ? Integer.toString(i + 1) : id.strip();
                    title = Json.string(d, where, bad, false, false, "title");
                    title = title == null || title.isBlank() ? null : title.strip();
                    text = Json.string(d, where, bad, title == null, false, "text");
                    text = text == null ? "" : text;
                    Double s = Json.number(d, where, bad, "score");
                    score = s == null ? Double.NaN : s;
                    label = Json.integer(d, where, bad, "label");
                } else {
                    bad.add(where + "expected an object or a string, found " + Json.type(d));
                    continue;
                }
                if (id.isEmpty()) {
                    bad.add(where + "doc id is empty");
                }
                if (text.isBlank() && title == null && (d.isTextual() || d.has("text"))) {
                    bad.add(where + "text is empty");
                }
                Integer earlier = seen.putIfAbsent(id, i);
                if (earlier != null) {
                    bad.add(where + "doc id " + Values.quote(id) + " appears twice (first in documents[" + earlier
                            + "])");
                }
                parsed.add(new Doc(id, title, text, score, label));
            }
        }
        if (!bad.isEmpty()) {
            reportBad(ctx, file, line, bad);
            return;
        }
        queryLines.put(qid, line);
        CandidateCollector.Query q = collector.getOrAdd(qid, line);
        q.text = qtext.strip();
        for (Doc d : parsed) {
            collector.add(q, d.id(), d.title(), d.text(), q.nextPosition(), d.score(), d.label(), file, line);
        }
    }
}
