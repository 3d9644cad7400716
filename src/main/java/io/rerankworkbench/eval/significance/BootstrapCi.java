package io.rerankworkbench.eval.significance;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap confidence interval of the mean of a measure over queries.
 *
 * <p>Each of the {@code resamples} rounds draws n queries with replacement from the n given (the queries are the
 * sampled units: a ranker's quality is an average over a sample of queries) and takes the mean of their values.
 * The interval's ends are quantiles of those B resampled means at (1 − level)/2 and (1 + level)/2 — for the
 * default 95 %, the 2.5th and 97.5th percentiles (Efron &amp; Tibshirani, <i>An Introduction to the Bootstrap</i>,
 * 1993, ch. 13). {@link #mean()} is the mean of the values themselves, not of the resamples.
 *
 * <p>Quantile definition: Hyndman &amp; Fan's type 7 (the default of R's {@code quantile} and of numpy's
 * {@code percentile}): with the B means sorted as m[0] ≤ … ≤ m[B−1] and h = (B − 1)·p, the p-quantile is
 * m[⌊h⌋] + (h − ⌊h⌋)·(m[⌊h⌋+1] − m[⌊h⌋]), a linear interpolation between the two neighbouring order statistics.
 *
 * <p>Draws come from a {@link SplittableRandom} with the given seed, so the same values, level, resamples and seed
 * always give the same interval. A single query, or values that are all equal, give an interval of zero width.
 * To put an interval on the difference between two rankers, pass the per-query differences.
 *
 * @param mean      the mean of the values over the queries
 * @param lower     the lower end of the interval
 * @param upper     the upper end of the interval
 * @param level     the confidence level, in (0, 1)
 * @param resamples the number B of bootstrap resamples
 * @param seed      the seed of the random draws
 */
public record BootstrapCi(double mean, double lower, double upper, double level, int resamples, long seed) {

    public static final double DEFAULT_LEVEL = 0.95;
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final long DEFAULT_SEED = 20_071_106L;

    /** The 95 % interval from 10,000 resamples with the default seed. */
    public static BootstrapCi of(double[] values) {
        return of(values, DEFAULT_LEVEL, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * The interval at the given level from the given number of resamples and seed.
     *
     * @throws IllegalArgumentException if values is empty or holds a NaN or infinite value (the message names the
     *                                  index), if level is not strictly between 0 and 1, or resamples &lt; 1
     */
    public static BootstrapCi of(double[] values, double level, int resamples, long seed) {
        PerQuery.requireFinite(values, "values");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be between 0 and 1 (exclusive), got " + level);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        int n = values.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        double mean = PerQuery.mean(values);
        return new BootstrapCi(mean, quantile(means, tail), quantile(means, 1 - tail), level, resamples, seed);
    }

    /** Width of the interval, upper − lower. */
    public double width() {
        return upper - lower;
    }

    /** True if x lies in the closed interval [lower, upper]. */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    /** The type-7 p-quantile of values sorted ascending (see the class comment); p in [0, 1]. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double fraction = h - lo;
        // Equal neighbours must give exactly that value (a constant vector gives zero width), so skip the product.
        if (fraction == 0 || sorted[lo] == sorted[lo + 1]) {
            return sorted[lo];
        }
        return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
    }
}
