package io.rerankworkbench.eval.plot;

/**
 * A score a ranker gave to one judged query's document, with the document's grade.
 *
 * @param score the ranker's score (any real number: probabilities, cosines or raw logits)
 * @param grade the document's grade, or {@code null} when it has none (unjudged)
 */
public record GradedScore(double score, Integer grade) {
}
