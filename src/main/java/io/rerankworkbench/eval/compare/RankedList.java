package io.rerankworkbench.eval.compare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ranking of documents, best first, as the agreement measures see it.
 *
 * <p>{@code tieKeys} says which neighbours tie: two documents next to each other whose keys are equal (a ranker's
 * equal scores, the ideal order's equal grades) share a tie group; {@code null} means a strict order (the original
 * order). Only adjacent equal keys tie, so a list whose keys are not sorted is still read in its given order.
 *
 * @param ids     document ids, best first, each once
 * @param tieKeys one key per document, or null
 */
public record RankedList(List<String> ids, double[] tieKeys) {

    public RankedList {
        ids = List.copyOf(ids);
        if (tieKeys != null) {
            if (tieKeys.length != ids.size()) {
                throw new IllegalArgumentException("expected " + ids.size() + " tie keys, got " + tieKeys.length);
            }
            tieKeys = tieKeys.clone();
        }
        Map<String, Integer> seen = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            Integer before = seen.put(Objects.requireNonNull(ids.get(i), "id"), i);
            if (before != null) {
                throw new IllegalArgumentException("document " + ids.get(i) + " is at positions " + (before + 1)
                        + " and " + (i + 1));
            }
        }
    }

    /** A strict order: no two documents tie. */
    public static RankedList strict(List<String> ids) {
        return new RankedList(ids, null);
    }

    /** A ranker's order, best first, with its scores: equal neighbouring scores tie. */
    public static RankedList scored(List<String> ids, double[] scores) {
        return new RankedList(ids, scores);
    }

    public int size() {
        return ids.size();
    }

    /** The document at {@code position}, 0-based. */
    public String id(int position) {
        return ids.get(position);
    }

    /** Whether the documents at 0-based positions {@code i} and {@code i + 1} tie. */
    public boolean tiesWithNext(int i) {
        return tieKeys != null && i + 1 < tieKeys.length && Double.compare(tieKeys[i] + 0.0, tieKeys[i + 1] + 0.0) == 0;
    }

    /** The tie key at 0-based {@code position}, or NaN for a strict order. */
    public double tieKey(int position) {
        return tieKeys == null ? Double.NaN : tieKeys[position];
    }

    @Override
    public double[] tieKeys() {
        return tieKeys == null ? null : tieKeys.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankedList other && ids.equals(other.ids) && Arrays.equals(tieKeys, other.tieKeys);
    }

    @Override
    public int hashCode() {
        return 31 * ids.hashCode() + Arrays.hashCode(tieKeys);
    }

    @Override
    public String toString() {
        return "RankedList" + ids;
    }
}
