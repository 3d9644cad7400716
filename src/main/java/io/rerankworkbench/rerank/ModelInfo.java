package io.rerankworkbench.rerank;

import java.util.List;

/**
 * What is known about a loaded local model, for the Models view and {@code models check}.
 *
 * @param layers     transformer layers, or 0 when the model's config does not say
 * @param sizeBytes  size of the model's files on disk (or in the bundled jar)
 * @param location   the folder, or "bundled" for models shipped with the app
 * @param inputs     the graph's inputs, e.g. {@code input_ids[-1, -1]}
 * @param outputs    the graph's outputs
 * @param details    pooling, prompts, labels: one short phrase each
 */
public record ModelInfo(String name, ModelKind kind, int maxLength, int layers, long sizeBytes, String location,
                        List<String> inputs, List<String> outputs, List<String> details) {

    public ModelInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        details = List.copyOf(details);
    }
}
