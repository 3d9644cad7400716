package io.rerankworkbench.retrieve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fuses ranked lists (runs) of the same query into one. Both methods are deterministic: documents with equal fused
 * scores are ordered by id. Every hit of every run counts (not only the first {@code depth}); {@code depth} only
 * cuts the fused list. When a document appears twice in one run, its first (best) place counts.
 */
public final class Fusion {

    /** The RRF constant of Cormack, Clarke and Büttcher (2009), used by most engines. */
    public static final int DEFAULT_RRF_K = 60;

    /** How weighted fusion puts each run's scores on one scale before weighting them. */
    public enum Normalization {
        /** {@code (s − min) / (max − min)} over the run's list: 0 for its last hit, 1 for its first. */
        MIN_MAX,
        /** {@code (s − mean) / sd} over the run's list, with the population standard deviation. */
        Z_SCORE
    }

    private Fusion() {
    }

    /** Reciprocal rank fusion with {@link #DEFAULT_RRF_K}. */
    public static List<Hit> rrf(List<List<Hit>> runs, int depth) {
        return rrf(runs, DEFAULT_RRF_K, depth);
    }

    /**
     * Reciprocal rank fusion: a document's score is {@code Σ 1 / (k + rank)} over the runs that hold it, rank
     * counted from 1; runs that don't hold it add nothing. Scores of the input runs are ignored.
     *
     * @param k     the constant damping the top ranks' weight, ≥ 1
     * @param depth how many fused hits to return, ≥ 1
     */
    public static List<Hit> rrf(List<List<Hit>> runs, int k, int depth) {
        checkRuns(runs);
        if (k < 1) {
            throw new IllegalArgumentException("RRF k must be at least 1, got " + k);
        }
        checkDepth(depth);
        Map<String, List<Double>> parts = new LinkedHashMap<>();
        for (List<Hit> run : runs) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < run.size(); i++) {
                String id = run.get(i).docId();
                if (seen.add(id)) {
                    parts.computeIfAbsent(id, x -> new ArrayList<>()).add(1.0 / (k + i + 1));
                }
            }
        }
        return ranked(parts, depth);
    }

    /**
     * Weighted score fusion: each run's scores are normalised over that run's own list, and a document's score is
     * {@code Σ weight_r · normalised_r(doc)}. A document missing from a run contributes 0 for that run — for
     * min-max the same as the run's last hit, for z-score the same as the run's mean. A run whose scores are all
     * equal normalises to 0 everywhere (it adds nothing; no division by zero).
     *
     * @param weights one finite, non-negative weight per run
     * @param depth   how many fused hits to return, ≥ 1
     * @throws IllegalArgumentException on a weight count that doesn't match the runs, a bad weight, or a score that
     *                                  is not a finite number
     */
    public static List<Hit> weighted(List<List<Hit>> runs, double[] weights, Normalization normalization,
                                     int depth) {
        checkRuns(runs);
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(normalization, "normalization");
        if (weights.length != runs.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + runs.size()
                    + " runs: give one weight per run");
        }
        for (int r = 0; r < weights.length; r++) {
            if (!Double.isFinite(weights[r]) || weights[r] < 0) {
                throw new IllegalArgumentException("run " + (r + 1) + ": weight must be a number ≥ 0, got "
                        + weights[r]);
            }
        }
        checkDepth(depth);
        Map<String, List<Double>> parts = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            List<Hit> run = firstOccurrences(runs.get(r));
            double[] normalised = normalise(run, normalization, r);
            for (int i = 0; i < run.size(); i++) {
                parts.computeIfAbsent(run.get(i).docId(), x -> new ArrayList<>()).add(weights[r] * normalised[i]);
            }
        }
        return ranked(parts, depth);
    }

    private static double[] normalise(List<Hit> run, Normalization normalization, int r) {
        double[] s = new double[run.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = run.get(i).score();
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException("run " + (r + 1) + ", rank " + (i + 1) + " ("
                        + run.get(i).docId() + "): score is not a finite number: " + s[i]);
            }
        }
        double[] out = new double[s.length];
        if (s.length == 0) {
            return out;
        }
        switch (normalization) {
            case MIN_MAX -> {
                double min = Arrays.stream(s).min().orElseThrow();
                double max = Arrays.stream(s).max().orElseThrow();
                if (max > min) {
                    for (int i = 0; i < s.length; i++) {
                        out[i] = (s[i] - min) / (max - min);
                    }
                }
            }
            case Z_SCORE -> {
                double mean = Arrays.stream(s).sum() / s.length;
                double squares = 0;
                for (double x : s) {
                    squares += (x - mean) * (x - mean);
                }
                double sd = Math.sqrt(squares / s.length);
                if (sd > 0) {
                    for (int i = 0; i < s.length; i++) {
                        out[i] = (s[i] - mean) / sd;
                    }
                }
            }
            default -> throw new AssertionError(normalization);
        }
        return out;
    }

    private static List<Hit> firstOccurrences(List<Hit> run) {
        Set<String> seen = new HashSet<>();
        List<Hit> out = new ArrayList<>(run.size());
        for (Hit h : run) {
            if (seen.add(h.docId())) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Sums each document's parts smallest first, so the sum doesn't depend on the order of the runs (equal fused
     * scores stay exactly equal and fall to the id tie-break), then sorts and cuts at {@code depth}.
     */
    private static List<Hit> ranked(Map<String, List<Double>> parts, int depth) {
        List<Hit> fused = new ArrayList<>(parts.size());
        for (Map.Entry<String, List<Double>> e : parts.entrySet()) {
            double[] p = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(p);
            double sum = 0;
            for (double x : p) {
                sum += x;
            }
            fused.add(new Hit(e.getKey(), sum == 0 ? 0.0 : sum));
        }
        fused.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::docId));
        return fused.size() > depth ? List.copyOf(fused.subList(0, depth)) : List.copyOf(fused);
    }

    private static void checkRuns(List<List<Hit>> runs) {
        Objects.requireNonNull(runs, "runs");
        for (int r = 0; r < runs.size(); r++) {
            if (runs.get(r) == null) {
                throw new IllegalArgumentException("run " + (r + 1) + " is missing (null)");
            }
        }
    }

    private static void checkDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("fusion depth must be at least 1, got " + depth);
        }
    }
}
