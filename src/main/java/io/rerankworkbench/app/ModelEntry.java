package io.rerankworkbench.app;

import io.rerankworkbench.rerank.ModelInfo;
import io.rerankworkbench.rerank.ModelKind;

import java.util.Optional;

/**
 * One model of the library as the Models view and {@code models list} show it, without loading it.
 *
 * @param location    the model's folder, or {@code "bundled"}
 * @param maxLength   the longest input in tokens
 * @param layers      transformer layers, 0 when unknown
 * @param knownKind   the kind when it is known without loading (one recorded in the library when the model was
 *                    loaded before, or a bundled model's declared kind),
 *                    else null
 * @param info        the loaded model's description, or null when it is not loaded in this process
 * @param loadFailure why the last attempt to load it failed, or null
 */
public record ModelEntry(String name, String location, boolean bundled, boolean isDefault, long sizeBytes,
                         int maxLength, int layers, ModelKind knownKind, ModelInfo info, String loadFailure) {

    public boolean loaded() {
        return info != null;
    }

    public Optional<ModelKind> kind() {
        return Optional.ofNullable(info != null ? info.kind() : knownKind);
    }
}
