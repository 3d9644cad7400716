package io.rerankworkbench.eval.compare;

import java.util.List;

/**
 * The agreement of two rankers over a set of queries: the per-query measures, their means, a histogram of τ-b and
 * the queries ordered by disagreement.
 *
 * @param queries      one entry per query both rankers ranked, in the order given
 * @param means        means over the queries where each measure is defined
 * @param tauHistogram counts of τ-b in {@link #HISTOGRAM_BINS} equal bins over [-1, 1] (the last bin includes 1);
 *                     queries whose τ-b is undefined are not counted
 */
public record AgreementOverQueries(List<QueryAgreement> queries, Means means, int[] tauHistogram) {

    public static final int HISTOGRAM_BINS = 20;

    /**
     * Means of each measure over the queries where it is defined (NaN when it is defined for none).
     *
     * @param queries    queries compared
     * @param tauQueries queries where τ-b (and ρ) are defined
     */
    public record Means(int queries, int tauQueries, double kendallTauB, double spearmanRho, double rboMin,
                        double rboResidual, double rboExt, double jaccardAtK, double overlapAtK, double enteredAtK,
                        double droppedAtK) {
    }

    public AgreementOverQueries {
        queries = List.copyOf(queries);
        tauHistogram = tauHistogram.clone();
    }

    public static AgreementOverQueries of(List<QueryAgreement> queries) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The queries, most disagreement first: lowest τ-b first, then lowest extrapolated RBO, then query id; queries
     * whose τ-b is undefined last.
     */
    public List<QueryAgreement> byDisagreement() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public int[] tauHistogram() {
        return tauHistogram.clone();
    }
}
