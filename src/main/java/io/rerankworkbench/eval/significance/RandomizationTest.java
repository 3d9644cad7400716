package io.rerankworkbench.eval.significance;

import java.util.SplittableRandom;

/**
 * Paired two-sided randomization (permutation) test of the mean per-query difference between two rankers.
 *
 * <p>Under the null hypothesis the two rankers are exchangeable on each query, so the label "a" or "b" on each
 * query's pair of values is arbitrary: swapping it flips the sign of that query's difference d[i] = a[i] − b[i].
 * The p-value is the share of sign patterns whose mean difference is at least as far from zero as the observed
 * one, |mean(±d)| ≥ |mean(d)|. Smucker, Allan &amp; Carterette (CIKM 2007, "A comparison of statistical
 * significance tests for information retrieval evaluation") recommend this test for comparing IR systems; it
 * assumes nothing about the distribution of the differences.
 *
 * <p>Two ways to count:
 * <ul>
 *   <li><b>Exact</b> ({@link #exact}): all 2<sup>n</sup> sign patterns, for n ≤ {@value #MAX_EXACT_QUERIES};
 *       p = count / 2<sup>n</sup>. The observed pattern and its mirror are among them, so p ≥ 2 / 2<sup>n</sup>.</li>
 *   <li><b>Monte Carlo</b> ({@link #monteCarlo}): B random patterns, each sign flipped with probability 1/2, from a
 *       seeded {@link SplittableRandom}; p = (count + 1) / (B + 1). The +1 counts the observed pattern, which is
 *       one of the equally likely patterns under the null; Phipson &amp; Smyth (2010, "Permutation p-values should
 *       never be zero") show that this keeps the test valid (never below the true p-value on average and never
 *       zero), where the plain ratio count / B can report p = 0 and rejects too often. The cost is a bias of at
 *       most 1/(B + 1).</li>
 * </ul>
 * {@link #of(double[], double[], int, long)} enumerates exactly whenever 2<sup>n</sup> ≤ the permutations asked
 * for (cheaper and exact), and samples otherwise.
 *
 * <p>Sums of the same numbers in a different order can differ in the last bits, so a pattern counts as "at least
 * as extreme" when |Σ±d| ≥ |Σd| − {@value #RELATIVE_TOLERANCE}·Σ|d|: genuinely tied patterns (common with
 * measures such as P@10, whose differences are multiples of 0.1) are counted, and the tolerance is far below any
 * real difference. Identical rankers (every d = 0) give p = 1.
 *
 * @param meanDifference the observed mean of a[i] − b[i]
 * @param pValue         the two-sided p-value
 * @param queries        n, the number of queries
 * @param permutations   the number of sign patterns counted: 2<sup>n</sup> when exact, B otherwise
 * @param exact          true when every sign pattern was enumerated
 * @param seed           the seed of the random patterns (unused when exact)
 */
public record RandomizationTest(double meanDifference, double pValue, int queries, long permutations,
                                boolean exact, long seed) {

    public static final int DEFAULT_PERMUTATIONS = 10_000;
    public static final long DEFAULT_SEED = 20_071_106L;
    /** Largest n for {@link #exact}: 2^20 ≈ one million patterns. */
    public static final int MAX_EXACT_QUERIES = 20;
    static final double RELATIVE_TOLERANCE = 1e-9;

    /** 10,000 permutations with the default seed (exact when n ≤ 13). */
    public static RandomizationTest of(double[] a, double[] b) {
        return of(a, b, DEFAULT_PERMUTATIONS, DEFAULT_SEED);
    }

    /**
     * Exact when 2<sup>n</sup> ≤ permutations, otherwise Monte Carlo with the given permutations and seed.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a NaN or infinite value
     *                                  (the message names the array and index), or permutations &lt; 1
     */
    public static RandomizationTest of(double[] a, double[] b, int permutations, long seed) {
        double[] d = PerQuery.differences(a, b);
        if (d.length <= MAX_EXACT_QUERIES && (1L << d.length) <= permutations) {
            return exactOf(d, seed);
        }
        return monteCarloOf(d, permutations, seed);
    }

    /**
     * Enumerates all 2<sup>n</sup> sign patterns.
     *
     * @throws IllegalArgumentException for bad input as in {@link #of(double[], double[], int, long)}, or n &gt;
     *                                  {@value #MAX_EXACT_QUERIES}
     */
    public static RandomizationTest exact(double[] a, double[] b) {
        double[] d = PerQuery.differences(a, b);
        if (d.length > MAX_EXACT_QUERIES) {
            throw new IllegalArgumentException("exact enumeration takes at most " + MAX_EXACT_QUERIES
                    + " queries (2^" + MAX_EXACT_QUERIES + " sign patterns), got " + d.length);
        }
        return exactOf(d, DEFAULT_SEED);
    }

    /** B random sign patterns, p = (count + 1) / (B + 1), whatever n is. */
    public static RandomizationTest monteCarlo(double[] a, double[] b, int permutations, long seed) {
        return monteCarloOf(PerQuery.differences(a, b), permutations, seed);
    }

    private static RandomizationTest exactOf(double[] d, long seed) {
        int n = d.length;
        double observed = Math.abs(sum(d));
        double threshold = observed - RELATIVE_TOLERANCE * sumAbs(d);
        // Meet in the middle: every pattern's sum is (a pattern of the first half) + (a pattern of the second
        // half), so 2^h + 2^(n−h) partial sums, each added once per pattern, instead of n additions per pattern.
        int h = n / 2;
        double[] left = patternSums(d, 0, h);
        double[] right = patternSums(d, h, n);
        long count = 0;
        for (double l : left) {
            for (double r : right) {
                if (Math.abs(l + r) >= threshold) {
                    count++;
                }
            }
        }
        long patterns = 1L << n;
        return new RandomizationTest(sum(d) / n, (double) count / patterns, n, patterns, true, seed);
    }

    /** The sums of ±d[from..to) for every sign pattern; bit j of the index set means d[from + j] is flipped. */
    private static double[] patternSums(double[] d, int from, int to) {
        int k = to - from;
        double[] sums = new double[1 << k];
        for (int mask = 0; mask < sums.length; mask++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += (mask & (1 << j)) != 0 ? -d[from + j] : d[from + j];
            }
            sums[mask] = s;
        }
        return sums;
    }

    private static RandomizationTest monteCarloOf(double[] d, int permutations, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        int n = d.length;
        double observed = Math.abs(sum(d));
        double threshold = observed - RELATIVE_TOLERANCE * sumAbs(d);
        // Flipping a sign is flipping the IEEE sign bit: XOR with a random bit, no unpredictable branch per query.
        long[] raw = new long[n];
        for (int i = 0; i < n; i++) {
            raw[i] = Double.doubleToRawLongBits(d[i]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long count = 0;
        for (int p = 0; p < permutations; p++) {
            double s = 0;
            long bits = 0;
            for (int i = 0; i < n; i++) {
                // One random long gives the coin flips for 64 queries.
                if ((i & 63) == 0) {
                    bits = random.nextLong();
                }
                s += Double.longBitsToDouble(raw[i] ^ (bits << 63));
                bits >>>= 1;
            }
            if (Math.abs(s) >= threshold) {
                count++;
            }
        }
        double pValue = (count + 1.0) / (permutations + 1.0);
        return new RandomizationTest(sum(d) / n, pValue, n, permutations, false, seed);
    }

    private static double sum(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s;
    }

    private static double sumAbs(double[] d) {
        double s = 0;
        for (double v : d) {
            s += Math.abs(v);
        }
        return s;
    }
}
