package io.rerankworkbench.rerank;

/**
 * A bi-encoder's per-token output vectors for one text, before pooling.
 *
 * @param input   the tokens
 * @param vectors {@code [token][dimension]}
 * @param meanPooled whether the model pools by averaging these vectors (then token-pair contributions add up to the
 *                   cosine score); otherwise only a token-similarity view is meaningful
 */
public record TokenVectors(TokenizedInput input, float[][] vectors, boolean meanPooled) {
}
