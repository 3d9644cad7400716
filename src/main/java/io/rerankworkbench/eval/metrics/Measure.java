package io.rerankworkbench.eval.metrics;

import java.util.List;

/**
 * The measures, in the order trec_eval prints them (judged@k, which trec_eval 9 does not have, last). A measure
 * with a cut-off takes {@code k} from its {@link MeasureSpec}.
 */
public enum Measure {
    /** Documents retrieved (after {@code -M} and {@code -J}); summed, not averaged, in {@code all}. */
    NUM_RET("num_ret", false, List.of()),
    /** Relevant documents in the judgments; summed in {@code all}. */
    NUM_REL("num_rel", false, List.of()),
    /** Relevant documents retrieved; summed in {@code all}. */
    NUM_REL_RET("num_rel_ret", false, List.of()),
    /** Average precision: the precision at each relevant document retrieved, summed, divided by num_rel. */
    MAP("map", false, List.of()),
    /** 1 / rank of the first relevant document, 0 when none is retrieved. */
    RECIP_RANK("recip_rank", false, List.of()),
    /** Precision at k: relevant documents in the top k divided by k (also when fewer than k are retrieved). */
    P("P", true, TrecCutoffs.STANDARD),
    /** Recall at k: relevant documents in the top k divided by num_rel (0 when there is none). */
    RECALL("recall", true, TrecCutoffs.STANDARD),
    /** nDCG at k (trec_eval's ndcg_cut): DCG of the top k over the ideal DCG at k. */
    NDCG_CUT("ndcg_cut", true, TrecCutoffs.STANDARD),
    /** Average precision counting only relevant documents in the top k, still divided by num_rel. */
    MAP_CUT("map_cut", true, TrecCutoffs.STANDARD),
    /** 1 when a relevant document is in the top k, else 0. */
    SUCCESS("success", true, List.of(1, 5, 10)),
    /**
     * Judged documents (with any grade ≥ 0) in the top k divided by k. Not a trec_eval 9 measure; trec_eval 10's
     * {@code unj} is 1 − judged at the same k.
     */
    JUDGED("judged", true, List.of(5, 10, 20));

    private final String trecName;
    private final boolean cut;
    private final List<Integer> defaultCutoffs;

    Measure(String trecName, boolean cut, List<Integer> defaultCutoffs) {
        this.trecName = trecName;
        this.cut = cut;
        this.defaultCutoffs = defaultCutoffs;
    }

    /** The name trec_eval gives the measure (for a cut measure, without {@code _k}). */
    public String trecName() {
        return trecName;
    }

    /** Whether the measure takes a cut-off k. */
    public boolean hasCutoff() {
        return cut;
    }

    /** The cut-offs {@code -m NAME} gives without parameters (trec_eval's defaults). */
    public List<Integer> defaultCutoffs() {
        return defaultCutoffs;
    }

    /** Whether {@code all} holds the sum over queries rather than the mean (as in trec_eval). */
    public boolean summed() {
        return this == NUM_RET || this == NUM_REL || this == NUM_REL_RET;
    }

    private static final class TrecCutoffs {
        static final List<Integer> STANDARD = List.of(5, 10, 15, 20, 30, 100, 200, 500, 1000);
    }
}
