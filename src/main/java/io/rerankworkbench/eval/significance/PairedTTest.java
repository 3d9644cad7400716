package io.rerankworkbench.eval.significance;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Paired two-sided Student's t-test on the per-query differences d[i] = a[i] − b[i].
 *
 * <p>t = mean(d) / (s / √n), with s the sample standard deviation of d (divisor n − 1), and n − 1 degrees of
 * freedom; p = 2·P(T ≤ −|t|) for T following Student's t distribution (Apache Commons Math's
 * {@link TDistribution}). This is what {@code scipy.stats.ttest_rel} computes. The test assumes the mean
 * difference is roughly normal, which holds for the usual tens of queries by the central limit theorem; Smucker,
 * Allan &amp; Carterette (2007) found it agrees closely with the randomization test on IR measures.
 *
 * <p>When every difference is the same value c, s = 0: for c ≠ 0 the difference is certain, t = ±∞ and p = 0 (as
 * scipy); for c = 0 (the rankers score alike on every query) t = 0/0 is undefined and is reported as NaN with
 * p = 1, since there is no evidence of a difference (scipy reports NaN for both).
 *
 * @param meanDifference   the mean of a[i] − b[i]
 * @param t                the t statistic (NaN when every difference is 0)
 * @param degreesOfFreedom n − 1
 * @param pValue           the two-sided p-value
 */
public record PairedTTest(double meanDifference, double t, int degreesOfFreedom, double pValue) {

    /**
     * Tests a against b.
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than two queries, or hold a NaN
     *                                  or infinite value (the message names the array and index)
     */
    public static PairedTTest of(double[] a, double[] b) {
        double[] d = PerQuery.differences(a, b);
        int n = d.length;
        if (n < 2) {
            throw new IllegalArgumentException("a paired t-test needs at least two queries, got " + n);
        }
        double mean = PerQuery.mean(d);
        double squares = 0;
        for (double v : d) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        int df = n - 1;
        if (sd == 0) {
            return mean == 0
                    ? new PairedTTest(mean, Double.NaN, df, 1.0)
                    : new PairedTTest(mean, Math.copySign(Double.POSITIVE_INFINITY, mean), df, 0.0);
        }
        double t = mean / (sd / Math.sqrt(n));
        // No random generator: only the distribution function is used.
        TDistribution distribution = new TDistribution(null, df);
        double p = 2 * distribution.cumulativeProbability(-Math.abs(t));
        return new PairedTTest(mean, t, df, Math.min(1.0, p));
    }
}
