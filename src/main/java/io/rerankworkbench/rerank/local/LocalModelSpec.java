package io.rerankworkbench.rerank.local;

import java.util.Objects;

/**
 * Where a local model's files are and how to use it.
 *
 * @param name              display name
 * @param onnxResource      class-path resource of the ONNX graph
 * @param tokenizerResource class-path resource of the model's {@code tokenizer.json}
 * @param maxLength         the longest input, in tokens including special tokens, the model was trained with
 */
public record LocalModelSpec(String name, String onnxResource, String tokenizerResource, int maxLength) {

    /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, 384 dimensions, mean pooling, trained with 256 tokens. */
    public static final LocalModelSpec ALL_MINILM_L6_V2 = new LocalModelSpec(
            "all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json", 256);

    public LocalModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onnxResource, "onnxResource");
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength too small: " + maxLength);
        }
    }
}
