package io.rerankworkbench.eval.compare;

/**
 * The agreement measures between two rankings; definitions in docs/compare.md. Stateless and thread-safe.
 */
public final class ListAgreements {

    /** The default persistence of rank-biased overlap: the top 10 carry about 86 % of the weight. */
    public static final double DEFAULT_P = 0.9;
    /** The default cut-off of the set measures. */
    public static final int DEFAULT_K = 10;

    private ListAgreements() {
    }

    /**
     * Every measure at once.
     *
     * @param k cut-off of the set measures; 0 for all (the longer list's length)
     * @param p persistence of rank-biased overlap, 0 &lt; p &lt; 1
     */
    public static ListAgreement compare(RankedList a, RankedList b, int k, double p) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Kendall's τ-b over the documents in both lists; NaN when undefined. O(n log n). */
    public static double kendallTauB(RankedList a, RankedList b) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Spearman's ρ over the documents in both lists, ties at their mean rank; NaN when undefined. */
    public static double spearmanRho(RankedList a, RankedList b) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Rank-biased overlap with persistence {@code p} (0 &lt; p &lt; 1). */
    public static Rbo rbo(RankedList a, RankedList b, double p) {
        throw new UnsupportedOperationException("not yet");
    }
}
