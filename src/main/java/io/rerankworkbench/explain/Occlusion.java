package io.rerankworkbench.explain;

import java.util.List;

/**
 * Occlusion saliency for any ranker: take each unit (word or sentence) out of the document, re-score, and see how
 * much the score drops. Toolkit- and ranker-free: the caller scores {@link #variants} (plus the full document as
 * the baseline) with whatever ranker it has, local or remote, and hands the scores to {@link #map}.
 */
public final class Occlusion {

    private Occlusion() {
    }

    /** Documents longer than this many words are occluded by sentence by default. */
    public static final int WORD_LIMIT = 300;

    /** Word for documents up to {@link #WORD_LIMIT} words, sentence beyond. */
    public static OcclusionUnit defaultUnit(String document) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The units of {@code document}, in order (java.text.BreakIterator, punctuation-only words skipped). */
    public static List<AxisUnit> units(String document, OcclusionUnit unit) {
        throw new UnsupportedOperationException("not yet");
    }

    /** One text per unit: the document with that unit taken out (whitespace around it collapsed to one space). */
    public static List<String> variants(String document, List<AxisUnit> units) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The occlusion map: one row ("score drop"), a column per unit, value = baseline − score without the unit.
     *
     * @param baseline the full document's score, re-scored together with the variants
     * @param scores   the variants' scores, in the order of {@code units}
     * @param score    the run's score of the document (NaN when unknown)
     */
    public static ExplanationMap map(String ranker, List<AxisUnit> units, OcclusionUnit unit, double baseline,
                                     double[] scores, double score) {
        throw new UnsupportedOperationException("not yet");
    }
}
