package io.rerankworkbench.core;

/**
 * What a ranker found for one document.
 *
 * @param score         the ranking score (cosine similarity, or a cross-encoder's logit)
 * @param probability   a calibrated probability of relevance when the model gives one, else {@code NaN}
 * @param tokensDropped tokens the model could not see (truncation); 0 when chunking or when the text fit
 * @param bestChunk     when the document was scored in chunks, the character span of the best-scoring chunk;
 *                      else {@code null}
 */
public record DocumentScore(double score, double probability, int tokensDropped, TextSpan bestChunk) {

    public DocumentScore {
        if (tokensDropped < 0) {
            throw new IllegalArgumentException("tokensDropped must be >= 0");
        }
    }

    public static DocumentScore of(double score) {
        return new DocumentScore(score, Double.NaN, 0, null);
    }

    public boolean hasProbability() {
        return !Double.isNaN(probability);
    }
}
