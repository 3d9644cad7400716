package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers queries, their candidates and labels row by row (rows of one query need not be adjacent) and builds the
 * {@link ProjectData} at the end. Readers check each row first and add only good ones, so a dropped row never leaves
 * a document or judgment behind.
 */
final class CandidateCollector {

    /** A query being gathered. */
    static final class Query {
        final String id;
        String text;
        final long line;
        final List<Cand> cands = new ArrayList<>();
        private final Map<String, Long> docLines = new HashMap<>();
        private final Map<Integer, Long> rankLines = new HashMap<>();

        Query(String id, long line) {
            this.id = id;
            this.line = line;
        }

        /** The line where this document id was first a candidate of the query, or null. */
        Long docLine(String docId) {
            return docLines.get(docId);
        }

        /** The line where this initial rank was first given in the query, or null. */
        Long rankLine(int rank) {
            return rankLines.get(rank);
        }

        /** The rank the next candidate gets when the source gives none: its position in file order. */
        int nextPosition() {
            return cands.size() + 1;
        }
    }

    private record Cand(String docKey, int rank, double score, int order, Integer grade, String origin) {
    }

    private final Map<String, Query> queries = new LinkedHashMap<>();
    private final Map<String, String> generatedIds = new HashMap<>();
    private final DocumentTable documents = new DocumentTable();
    private final String annotator;

    /** @param annotator the annotator of judgments made from labels in the source */
    CandidateCollector(String annotator) {
        this.annotator = annotator;
    }

    Query get(String id) {
        return queries.get(id);
    }

    Query getOrAdd(String id, long line) {
        return queries.computeIfAbsent(id, k -> new Query(k, line));
    }

    /** A stable id for a query known only by its text: q1, q2, … in order of first appearance. */
    String idForText(String text) {
        return generatedIds.computeIfAbsent(text, t -> "q" + (generatedIds.size() + 1));
    }

    /** Adds a checked candidate: its document id is new to the query, its rank >= 1. */
    void add(Query q, String docId, String title, String text, int rank, double score, Integer grade, Path file,
             long line) {
        String key = documents.keyFor(docId, title, text);
        q.docLines.put(docId, line);
        q.rankLines.putIfAbsent(rank, line);
        q.cands.add(new Cand(key, rank, score, q.cands.size(), grade, origin(file, line)));
    }

    static String origin(Path file, long line) {
        return (file.getFileName() == null ? file.toString() : file.getFileName().toString()) + ":" + line;
    }

    /**
     * The gathered data. A query that never got a text is a problem at its first line (its rows are bad rows).
     *
     * @param renumber sort by rank then score (highest first) and number the candidates 1..n, as TREC tools do
     *                 with runs whose ranks tie or have gaps; otherwise keep the given ranks, sorted, ties in file order
     */
    ProjectData build(ReadContext ctx, Path file, boolean renumber) {
        List<QueryRecord> records = new ArrayList<>();
        List<JudgmentRecord> judgments = new ArrayList<>();
        Set<String> usedKeys = new LinkedHashSet<>();
        for (Query q : queries.values()) {
            if (q.text == null || q.text.isBlank()) {
                ctx.problem(file, q.line, "query " + Values.quote(q.id) + " has no text");
                ctx.badRows(q.cands.size());
                continue;
            }
            if (q.cands.isEmpty()) {
                continue;
            }
            List<Cand> sorted = new ArrayList<>(q.cands);
            Comparator<Cand> order = Comparator.comparingInt(Cand::rank);
            order = renumber ? order.thenComparing(Comparator.comparingDouble(Cand::score).reversed())
                    .thenComparingInt(Cand::order) : order.thenComparingInt(Cand::order);
            sorted.sort(order);
            List<CandidateRecord> cands = new ArrayList<>(sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                Cand c = sorted.get(i);
                cands.add(new CandidateRecord(c.docKey(), renumber ? i + 1 : c.rank(), c.score()));
                usedKeys.add(c.docKey());
                if (c.grade() != null) {
                    judgments.add(new JudgmentRecord(q.id, c.docKey(), c.grade(), annotator, null, null, null,
                            c.origin()));
                }
            }
            records.add(new QueryRecord(q.id, q.text, null, cands));
        }
        List<DocumentRecord> docs = new ArrayList<>(usedKeys.size());
        for (String key : usedKeys) {
            docs.add(documents.get(key));
        }
        return new ProjectData(records, docs, List.of(), List.of(), judgments);
    }
}
