package io.rerankworkbench.eval.significance;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm–Bonferroni step-down adjustment of a family of p-values (Holm, "A simple sequentially rejective multiple
 * test procedure", Scand. J. Statistics 6, 1979).
 *
 * <p>Comparing more than two rankers pairwise runs several tests, and the chance that at least one of them looks
 * significant by luck grows with their number. Holm's adjustment keeps that family-wise error rate at α (reject
 * the hypotheses whose adjusted p ≤ α) and is uniformly more powerful than plain Bonferroni. With the m p-values
 * sorted ascending, p(1) ≤ … ≤ p(m), the adjusted value of p(j) is max over i ≤ j of min(1, (m − i + 1)·p(i)):
 * the running maximum keeps the adjusted values in the same order as the raw ones. This equals R's
 * {@code p.adjust(p, "holm")} and statsmodels' {@code multipletests(p, method="holm")}.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * The adjusted p-values, in the order of the input.
     *
     * @throws IllegalArgumentException if pValues is null or empty, or a value is NaN or outside [0, 1] (the message
     *                                  names the index)
     */
    public static double[] adjust(double... pValues) {
        if (pValues == null || pValues.length == 0) {
            throw new IllegalArgumentException("Holm's adjustment needs at least one p-value");
        }
        for (int i = 0; i < pValues.length; i++) {
            double p = pValues[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-value [" + i + "] is " + p + ": must be between 0 and 1");
            }
        }
        int m = pValues.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
