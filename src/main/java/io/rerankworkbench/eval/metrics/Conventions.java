package io.rerankworkbench.eval.metrics;

import java.util.Objects;

/**
 * How measures are computed: a record of the settings on which evaluation tools differ. {@link #TREC_EVAL} is
 * trec_eval's behaviour with no options.
 *
 * @param gain              nDCG gain of a grade g: {@link Gain#LINEAR} g (trec_eval) or {@link Gain#EXPONENTIAL}
 *                          2^g − 1; grades ≤ 0 gain nothing either way
 * @param ideal             nDCG's ideal DCG: from the best k judgments ({@link Ideal#CUT_AT_K}, trec_eval's
 *                          {@code ndcg_cut}) or from all judged documents ({@link Ideal#ALL_JUDGED}, Quepid's
 *                          nDCG, which is never above the trec_eval value)
 * @param relevanceLevel    the least grade that counts as relevant (trec_eval {@code -l}, default 1); nDCG uses the
 *                          grades themselves, as trec_eval does
 * @param ties              documents with equal scores: {@link Ties#DOCNO_DESCENDING} (trec_eval: by docno, in
 *                          descending code-point order, which is strcmp order for UTF-8) or {@link Ties#GIVEN_ORDER}
 *                          (the order the ranker gave them)
 * @param depth             only the first {@code depth} documents of each ranking are evaluated, after ordering
 *                          (trec_eval {@code -M}); {@link Integer#MAX_VALUE} for all
 * @param judgedOnly        unjudged documents are removed from the ranking before anything is computed, after
 *                          {@code depth} (trec_eval {@code -J}, "condensed lists"); otherwise they count as not
 *                          relevant
 * @param completeQueries   {@code all} averages over every query of the judgments, a query the run lacks counting 0
 *                          (trec_eval {@code -c}); otherwise over the queries both have
 */
public record Conventions(Gain gain, Ideal ideal, int relevanceLevel, Ties ties, int depth, boolean judgedOnly,
                          boolean completeQueries) {

    /** nDCG gain of a grade. */
    public enum Gain { LINEAR, EXPONENTIAL }

    /** Which judgments form nDCG's ideal ranking. */
    public enum Ideal { CUT_AT_K, ALL_JUDGED }

    /** How equal scores are ordered. */
    public enum Ties { DOCNO_DESCENDING, GIVEN_ORDER }

    /** trec_eval 9/10 with no options. */
    public static final Conventions TREC_EVAL = new Conventions(Gain.LINEAR, Ideal.CUT_AT_K, 1,
            Ties.DOCNO_DESCENDING, Integer.MAX_VALUE, false, false);

    public Conventions {
        Objects.requireNonNull(gain, "gain");
        Objects.requireNonNull(ideal, "ideal");
        Objects.requireNonNull(ties, "ties");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be ≥ 1, was " + depth);
        }
    }

    public Conventions withGain(Gain g) {
        return new Conventions(g, ideal, relevanceLevel, ties, depth, judgedOnly, completeQueries);
    }

    public Conventions withIdeal(Ideal i) {
        return new Conventions(gain, i, relevanceLevel, ties, depth, judgedOnly, completeQueries);
    }

    public Conventions withRelevanceLevel(int level) {
        return new Conventions(gain, ideal, level, ties, depth, judgedOnly, completeQueries);
    }

    public Conventions withTies(Ties t) {
        return new Conventions(gain, ideal, relevanceLevel, t, depth, judgedOnly, completeQueries);
    }

    public Conventions withDepth(int d) {
        return new Conventions(gain, ideal, relevanceLevel, ties, d, judgedOnly, completeQueries);
    }

    public Conventions withJudgedOnly(boolean j) {
        return new Conventions(gain, ideal, relevanceLevel, ties, depth, j, completeQueries);
    }

    public Conventions withCompleteQueries(boolean c) {
        return new Conventions(gain, ideal, relevanceLevel, ties, depth, judgedOnly, c);
    }
}
