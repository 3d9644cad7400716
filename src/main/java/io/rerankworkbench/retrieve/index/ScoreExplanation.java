package io.rerankworkbench.retrieve.index;

/**
 * Why a document got its score, in the index's own words.
 *
 * @param value the score ({@code 0} when the document matches none of the query's terms)
 * @param text  the explanation as an indented tree of the formula's parts (Lucene's explanation text)
 */
public record ScoreExplanation(double value, String text) {
}
