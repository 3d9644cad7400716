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
    private int lastGenerated;
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
        String id = generatedIds.get(text);
        if (id == null) {
            // Skip numbers a file that mixes given and missing ids already uses for another query.
            do {
                id = "q" + (++lastGenerated);
            } while (queries.containsKey(id));
            generatedIds.put(text, id);
        }
        return id;
    }

    /** Adds a checked candidate: its document id is new to the query, its rank >= 1. */
    void add(Query q, String docId, String title, String text, int rank, double score, Integer grade, Path file,
             long line) {
        String key = documents.keyFor(docId, title, text);
        q.docLines.put(docId, line);
        q.rankLines.putIfAbsent(rank, line);
        q.cands.add(new Cand(key, rank, score, q.cands.size(), grade, origin(file, line)));
    }

    /**
     * Checks one query–document row against what came before (same query text, no repeated rank or document) and
     * adds it when it and its earlier checks ({@code bad}) are fine; otherwise reports every reason at the row's line
     * and counts it as a bad row.
     *
     * @param qid   the query id (null or empty only when {@code bad} already says so)
     * @param qtext the query text, may be empty on rows after the first of a query
     * @param docId null to number the documents by rank
     * @param rank  null for file order
     */
    void addRow(ReadContext ctx, Path file, long line, List<String> bad, String qid, String qtext, String docId,
                String title, String text, Integer rank, double score, Integer grade) {
        Query q = null;
        if (qid != null && !qid.isEmpty()) {
            q = get(qid);
            if (q != null && q.text != null && !qtext.isEmpty() && !q.text.equals(qtext)) {
                bad.add("query " + Values.quote(qid) + " has text " + Values.quote(qtext) + " here but "
                        + Values.quote(q.text) + " on line " + q.line);
            }
            if (q != null && rank != null && q.rankLine(rank) != null) {
                bad.add("initial rank " + rank + " appears twice for query " + Values.quote(qid)
                        + " (first on line " + q.rankLine(rank) + ")");
            }
            String effectiveDoc = docId != null ? docId : rank != null ? rank.toString()
                    : q != null ? Integer.toString(q.nextPosition()) : null;
            if (q != null && effectiveDoc != null && !effectiveDoc.isEmpty() && q.docLine(effectiveDoc) != null
                    && (docId != null || rank == null)) {
                bad.add("doc id " + Values.quote(effectiveDoc) + " appears twice for query " + Values.quote(qid)
                        + " (first on line " + q.docLine(effectiveDoc) + ")");
            }
        }
        if (!bad.isEmpty()) {
            for (String reason : bad) {
                ctx.problem(file, line, reason);
            }
            ctx.badRow();
            return;
        }
        if (q == null) {
            q = getOrAdd(qid, line);
        }
        if (q.text == null && !qtext.isEmpty()) {
            q.text = qtext;
        }
        int r = rank != null ? rank : q.nextPosition();
        add(q, docId != null ? docId : Integer.toString(r), title, text.isBlank() ? "" : text, r, score, grade, file,
                line);
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
            records.add(new QueryRecord(q.id, q.text, null, cands, origin(file, q.line)));
        }
        List<DocumentRecord> docs = new ArrayList<>(usedKeys.size());
        for (String key : usedKeys) {
            docs.add(documents.get(key));
        }
        return new ProjectData(records, docs, List.of(), List.of(), judgments);
    }
}
