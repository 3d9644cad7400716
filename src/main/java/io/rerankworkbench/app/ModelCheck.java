package io.rerankworkbench.app;

import io.rerankworkbench.rerank.ModelInfo;

/**
 * What {@code models check} found: the model's description and the score it gives a sample pair.
 *
 * @param sampleProbability the probability of relevance for the sample pair, or {@code NaN} when the model gives none
 */
public record ModelCheck(ModelInfo info, String sampleQuery, String sampleDocument, double sampleScore,
                         double sampleProbability) {

    /** A pair every English retrieval model should find relevant. */
    public static final String SAMPLE_QUERY = "what is the capital of france";
    public static final String SAMPLE_DOCUMENT = "Paris is the capital of France.";

    public boolean hasProbability() {
        return !Double.isNaN(sampleProbability);
    }
}
