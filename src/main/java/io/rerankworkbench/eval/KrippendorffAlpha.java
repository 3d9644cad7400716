package io.rerankworkbench.eval;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Krippendorff's α for any number of raters with missing grades, computed from the coincidence matrix
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011): every ordered pair of values two different
 * raters gave one unit adds 1/(m − 1) to o(c, k), m being the number of values that unit has; units with fewer than
 * two values are not pairable and are left out. α = 1 − D_o / D_e with
 * D_o = Σ o(c,k)·δ²(c,k) / n and D_e = Σ n_c·n_k·δ²(c,k) / (n(n − 1)).
 */
public final class KrippendorffAlpha {

    /** The difference function δ² for the level of measurement. */
    public enum Metric {
        /** Categories are merely different: δ² = 1 for c ≠ k. */
        NOMINAL,
        /** Ranks: δ² is the squared number of values (by their marginal frequency) lying between c and k. */
        ORDINAL,
        /** Equal intervals: δ² = (c − k)². */
        INTERVAL
    }

    private KrippendorffAlpha() {
    }

    /**
     * α over the units' values.
     *
     * @param units each unit's values, one per rater who graded it (raters who did not are simply absent)
     * @return NaN with a reason when no unit has two values, or when every value is the same (D_e = 0)
     */
    public static Coefficient alpha(List<int[]> units, Metric metric) {
        TreeMap<Integer, Integer> index = new TreeMap<>();
        int pairable = 0;
        for (int[] unit : units) {
            if (unit.length >= 2) {
                pairable++;
                for (int value : unit) {
                    index.putIfAbsent(value, 0);
                }
            }
        }
        if (pairable == 0) {
            return Coefficient.undefined("no item was graded by two or more annotators", 0);
        }
        int[] values = new int[index.size()];
        int next = 0;
        for (Map.Entry<Integer, Integer> e : index.entrySet()) {
            values[next] = e.getKey();
            e.setValue(next++);
        }
        int v = values.length;
        double[][] coincidences = new double[v][v];
        for (int[] unit : units) {
            int m = unit.length;
            if (m < 2) {
                continue;
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    if (a != b) {
                        coincidences[index.get(unit[a])][index.get(unit[b])] += 1.0 / (m - 1);
                    }
                }
            }
        }
        double[] marginals = new double[v];
        double n = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                marginals[c] += coincidences[c][k];
            }
            n += marginals[c];
        }
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                double delta = delta(metric, values, marginals, c, k);
                observed += coincidences[c][k] * delta;
                expected += marginals[c] * marginals[k] * delta;
            }
        }
        observed /= n;
        expected /= n * (n - 1);
        if (expected == 0) {
            return Coefficient.undefined("every annotator gave every item the same grade, so there is no variation "
                    + "to agree on and α is undefined", pairable);
        }
        return Coefficient.of(1 - observed / expected, pairable);
    }

    private static double delta(Metric metric, int[] values, double[] marginals, int c, int k) {
        return switch (metric) {
            case NOMINAL -> c == k ? 0 : 1;
            case INTERVAL -> (double) (values[c] - values[k]) * (values[c] - values[k]);
            case ORDINAL -> {
                int low = Math.min(c, k);
                int high = Math.max(c, k);
                double sum = 0;
                for (int g = low; g <= high; g++) {
                    sum += marginals[g];
                }
                sum -= (marginals[c] + marginals[k]) / 2;
                yield sum * sum;
            }
        };
    }
}
