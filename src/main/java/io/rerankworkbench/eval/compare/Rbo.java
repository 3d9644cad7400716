package io.rerankworkbench.eval.compare;

/**
 * Rank-biased overlap of two lists as Webber, Moffat and Zobel (2010) define it for prefixes seen to a depth: the
 * lower bound ({@code min}, eq. 11 and its uneven-length form), the residual ({@code residual}: how much the unseen
 * tails could still add, so {@code min + residual} is the upper bound) and the extrapolated point estimate
 * ({@code ext}, eq. 32), which lies between the bounds.
 *
 * @param p     persistence, 0 &lt; p &lt; 1
 * @param depth the depth evaluated: the longer list's length
 */
public record Rbo(double p, int depth, double min, double residual, double ext) {

    /** The upper bound: {@code min + residual}. */
    public double max() {
        return min + residual;
    }
}
