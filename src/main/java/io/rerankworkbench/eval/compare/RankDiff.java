package io.rerankworkbench.eval.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each document of two rankings stands in each: the rows a side-by-side comparison draws and exports.
 * Ranking A is the left (reference) side, B the right; a rank is the 1-based position in the list.
 *
 * @param rows every document in either ranking: A's documents in A's order, then B's other documents in B's order
 */
public record RankDiff(List<Row> rows, int sizeA, int sizeB) {

    /** Where a document stands at a cut-off k. */
    public enum Status {
        /** In the top k of both rankings. */
        KEPT,
        /** In B's top k but not in A's: it came in. */
        ENTERED,
        /** In A's top k but not in B's: it went out. */
        DROPPED,
        /** In the top k of neither. */
        OUTSIDE
    }

    /**
     * One document.
     *
     * @param rankA  its position in A, 0 when A does not hold it
     * @param rankB  its position in B, 0 when B does not hold it
     * @param scoreA its score in A (NaN when absent or A has no scores)
     * @param scoreB as {@code scoreA}, in B
     */
    public record Row(String docId, int rankA, int rankB, double scoreA, double scoreB) {

        public boolean inA() {
            return rankA > 0;
        }

        public boolean inB() {
            return rankB > 0;
        }

        /** Places gained from A to B (positive: higher in B); 0 unless both hold the document. */
        public int movement() {
            return inA() && inB() ? rankA - rankB : 0;
        }

        /** Its status at cut-off {@code k} (k ≤ 0: no cut-off). */
        public Status status(int k) {
            boolean a = inA() && (k <= 0 || rankA <= k);
            boolean b = inB() && (k <= 0 || rankB <= k);
            if (a && b) {
                return Status.KEPT;
            }
            if (b) {
                return Status.ENTERED;
            }
            return a ? Status.DROPPED : Status.OUTSIDE;
        }
    }

    public RankDiff {
        rows = List.copyOf(rows);
    }

    /**
     * The rows of two rankings.
     *
     * @param scoresA A's scores in A's order, or null
     * @param scoresB B's scores in B's order, or null
     */
    public static RankDiff of(RankedList a, double[] scoresA, RankedList b, double[] scoresB) {
        check(a, scoresA, "A");
        check(b, scoresB, "B");
        Map<String, Integer> inB = new HashMap<>(b.size() * 2);
        for (int i = 0; i < b.size(); i++) {
            inB.put(b.id(i), i);
        }
        List<Row> rows = new ArrayList<>(a.size() + b.size());
        Map<String, Boolean> seen = new HashMap<>(a.size() * 2);
        for (int i = 0; i < a.size(); i++) {
            String id = a.id(i);
            Integer j = inB.get(id);
            rows.add(new Row(id, i + 1, j == null ? 0 : j + 1, score(scoresA, i), j == null ? Double.NaN
                    : score(scoresB, j)));
            seen.put(id, Boolean.TRUE);
        }
        for (int j = 0; j < b.size(); j++) {
            String id = b.id(j);
            if (!seen.containsKey(id)) {
                rows.add(new Row(id, 0, j + 1, Double.NaN, score(scoresB, j)));
            }
        }
        return new RankDiff(rows, a.size(), b.size());
    }

    private static void check(RankedList list, double[] scores, String side) {
        if (scores != null && scores.length != list.size()) {
            throw new IllegalArgumentException("list " + side + " has " + list.size() + " documents but "
                    + scores.length + " scores");
        }
    }

    private static double score(double[] scores, int i) {
        return scores == null ? Double.NaN : scores[i];
    }

    /** The rows of A's documents in A's order (index i = rank i + 1). */
    public List<Row> sideA() {
        return rows.subList(0, sizeA);
    }

    /** The rows of B's documents in B's order (index j = rank j + 1). */
    public List<Row> sideB() {
        Row[] byRank = new Row[sizeB];
        for (Row r : rows) {
            if (r.inB()) {
                byRank[r.rankB() - 1] = r;
            }
        }
        return Collections.unmodifiableList(java.util.Arrays.asList(byRank));
    }

    /** The same rows with the sides swapped. */
    public RankDiff swapped() {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : sideB()) {
            out.add(new Row(r.docId(), r.rankB(), r.rankA(), r.scoreB(), r.scoreA()));
        }
        for (Row r : rows) {
            if (!r.inB()) {
                out.add(new Row(r.docId(), 0, r.rankA(), Double.NaN, r.scoreA()));
            }
        }
        return new RankDiff(out, sizeB, sizeA);
    }

    /** How many documents have {@code status} at {@code k}. */
    public int count(Status status, int k) {
        int n = 0;
        for (Row r : rows) {
            if (r.status(k) == status) {
                n++;
            }
        }
        return n;
    }
}
