package io.rerankworkbench.rerank;

import java.util.List;

/** Attention probabilities for one input, or why there are none. */
public sealed interface AttentionResult {

    /**
     * Every layer's and head's attention over one input.
     *
     * @param input   the tokens attended over
     * @param weights {@code [layer][head][fromToken][toToken]}, each row summing to 1
     */
    record Available(TokenizedInput input, float[][][][] weights) implements AttentionResult {
        public int layers() {
            return weights.length;
        }

        public int heads() {
            return weights.length == 0 ? 0 : weights[0].length;
        }
    }

    /** The model does not expose attention (e.g. its attention is fused into one operator). */
    record Unavailable(String reason) implements AttentionResult {
    }

    /** For a bi-encoder: the query's and the document's self-attention, each computed on its own. */
    record Separate(AttentionResult query, AttentionResult document) implements AttentionResult {
    }

    static List<String> layersLabel(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "layer " + (i + 1)).toList();
    }
}
