package io.rerankworkbench.eval.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

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

    /** The summary of {@code queries}: means over the queries where each measure is defined, and τ-b's histogram. */
    public static AgreementOverQueries of(List<QueryAgreement> queries) {
        List<ListAgreement> all = queries.stream().map(QueryAgreement::agreement).toList();
        int[] histogram = new int[HISTOGRAM_BINS];
        int tauQueries = 0;
        for (ListAgreement a : all) {
            if (!Double.isNaN(a.kendallTauB())) {
                tauQueries++;
                histogram[bin(a.kendallTauB())]++;
            }
        }
        Means means = new Means(all.size(), tauQueries, mean(all, ListAgreement::kendallTauB),
                mean(all, ListAgreement::spearmanRho), mean(all, a -> a.rbo().min()),
                mean(all, a -> a.rbo().residual()), mean(all, a -> a.rbo().ext()),
                mean(all, ListAgreement::jaccardAtK), mean(all, ListAgreement::overlapAtK),
                mean(all, ListAgreement::enteredAtK), mean(all, ListAgreement::droppedAtK));
        return new AgreementOverQueries(queries, means, histogram);
    }

    /** The histogram bin of τ: [-1, -0.9), [-0.9, -0.8), …, [0.9, 1]. */
    static int bin(double tau) {
        int bin = Math.max(0, Math.min(HISTOGRAM_BINS - 1, (int) Math.floor((tau + 1) / 2 * HISTOGRAM_BINS)));
        // The division rounds: −0.9 would land in the bin below its own. The edges are binStart's, exactly.
        while (bin + 1 < HISTOGRAM_BINS && tau >= binStart(bin + 1)) {
            bin++;
        }
        while (bin > 0 && tau < binStart(bin)) {
            bin--;
        }
        return bin;
    }

    /** The lower edge of histogram bin {@code bin}; its upper edge is the next bin's lower edge (1 for the last). */
    public static double binStart(int bin) {
        return (2.0 * bin - HISTOGRAM_BINS) / HISTOGRAM_BINS; // one rounding: −0.3, not −0.30000000000000004
    }

    private static double mean(List<ListAgreement> all, ToDoubleFunction<ListAgreement> measure) {
        double sum = 0;
        int n = 0;
        for (ListAgreement a : all) {
            double v = measure.applyAsDouble(a);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The queries, most disagreement first: lowest τ-b first, then lowest extrapolated RBO, then query id; queries
     * whose τ-b is undefined last.
     */
    public List<QueryAgreement> byDisagreement() {
        List<QueryAgreement> sorted = new ArrayList<>(queries);
        sorted.sort(DISAGREEMENT_FIRST);
        return sorted;
    }

    // NaN sorts after every number under Double.compare, which is where undefined values belong.
    private static final Comparator<QueryAgreement> DISAGREEMENT_FIRST =
            Comparator.<QueryAgreement>comparingDouble(q -> q.agreement().kendallTauB())
                    .thenComparingDouble(q -> q.agreement().rbo().ext())
                    .thenComparing(QueryAgreement::queryId);

    @Override
    public int[] tauHistogram() {
        return tauHistogram.clone();
    }
}
