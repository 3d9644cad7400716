package io.rerankworkbench.io.exports;

import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The judgments as TREC qrels: {@code qid 0 docno grade}, one line per judged (query, document) pair, LF line ends.
 * When a pair has several grades (regrades, several annotators) {@link ExportOptions#gradeRule()} makes one of them.
 * Queries in the data's order, documents in the order they were first graded; queries nobody graded are left out
 * (listed in the summary). Ids that are empty or hold whitespace make the export fail, as for {@link TrecRunExport}.
 */
public final class QrelsWriter {

    private final ExportOptions options;

    public QrelsWriter(ExportOptions options) {
        this.options = options;
    }

    /** Checks everything, then writes. Does not close {@code out}. */
    public ExportSummary write(ProjectData data, OutputStream out) throws IOException {
        Map<String, DocumentRecord> documents = new HashMap<>();
        for (DocumentRecord d : data.documents()) {
            documents.put(d.key(), d);
        }
        Map<String, Map<String, Integer>> grades = options.gradeRule().grades(data.judgments());
        List<String> order = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (QueryRecord q : data.queries()) {
            if (grades.containsKey(q.id())) {
                order.add(q.id());
            } else {
                skipped.add(q.id());
            }
        }
        for (String query : grades.keySet()) {
            if (!order.contains(query)) {
                order.add(query); // judged queries the selection did not list: still the data's judgments
            }
        }
        TrecIds ids = new TrecIds();
        for (String query : order) {
            ids.check("query id", query);
            for (String key : grades.get(query).keySet()) {
                DocumentRecord d = documents.get(key);
                if (d == null) {
                    throw new ExportException("a judgment of query " + query + " refers to document " + key
                            + ", which is missing");
                }
                ids.check("document id", d.id());
            }
        }
        ids.throwIfAny("qrels");

        long lines = 0;
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (String query : order) {
            for (Map.Entry<String, Integer> e : grades.get(query).entrySet()) {
                writer.write(query + " 0 " + documents.get(e.getKey()).id() + " " + e.getValue() + "\n");
                lines++;
            }
        }
        writer.flush();
        return new ExportSummary(order.size(), lines, skipped);
    }
}
