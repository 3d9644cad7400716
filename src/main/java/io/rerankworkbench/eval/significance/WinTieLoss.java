package io.rerankworkbench.eval.significance;

/**
 * How many queries ranker a wins, ties and loses against ranker b on a measure: a win is a[i] − b[i] &gt; eps, a
 * loss a[i] − b[i] &lt; −eps, and a tie |a[i] − b[i]| ≤ eps. The tolerance keeps values that differ only by
 * rounding (the same nDCG computed along two paths) from counting as a win or a loss.
 *
 * @param wins   queries where a is better
 * @param ties   queries where they are within eps
 * @param losses queries where b is better
 * @param eps    the tie tolerance
 */
public record WinTieLoss(int wins, int ties, int losses, double eps) {

    public static final double DEFAULT_EPS = 1e-9;

    /** Counts with the default tolerance 1e-9. */
    public static WinTieLoss of(double[] a, double[] b) {
        return of(a, b, DEFAULT_EPS);
    }

    /**
     * Counts with the given tolerance.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a NaN or infinite value
     *                                  (the message names the array and index), or eps is negative or NaN
     */
    public static WinTieLoss of(double[] a, double[] b, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("tie tolerance must be a finite number ≥ 0, got " + eps);
        }
        double[] d = PerQuery.differences(a, b);
        int wins = 0;
        int losses = 0;
        for (double v : d) {
            if (v > eps) {
                wins++;
            } else if (v < -eps) {
                losses++;
            }
        }
        return new WinTieLoss(wins, d.length - wins - losses, losses, eps);
    }

    /** The number of queries, wins + ties + losses. */
    public int queries() {
        return wins + ties + losses;
    }
}
