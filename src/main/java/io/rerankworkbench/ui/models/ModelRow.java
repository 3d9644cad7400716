package io.rerankworkbench.ui.models;

import io.rerankworkbench.app.ModelEntry;
import io.rerankworkbench.core.ByteSize;
import io.rerankworkbench.rerank.ModelInfo;

/**
 * One line of the Models table.
 *
 * @param kind    "bi-encoder", "cross-encoder", or "—" while unknown (not loaded yet)
 * @param state   where the model is in its life cycle in this session
 * @param failure why its last load failed, when {@code state} is {@link LoadState#FAILED}
 * @param info    the loaded model's description, or null
 */
public record ModelRow(String name, boolean isDefault, boolean bundled, String kind, int layers, int maxLength,
                       long sizeBytes, String location, LoadState state, String failure, ModelInfo info) {

    static final String UNKNOWN = "—";

    static ModelRow of(ModelEntry entry, boolean loading, String localFailure) {
        LoadState state;
        String failure = null;
        if (loading) {
            state = LoadState.LOADING;
        } else if (entry.loaded()) {
            state = LoadState.LOADED;
        } else if (entry.loadFailure() != null || localFailure != null) {
            state = LoadState.FAILED;
            failure = entry.loadFailure() != null ? entry.loadFailure() : localFailure;
        } else {
            state = LoadState.NOT_LOADED;
        }
        String kind = entry.kind().map(k -> k.label()).orElse(UNKNOWN);
        return new ModelRow(entry.name(), entry.isDefault(), entry.bundled(), kind, entry.layers(), entry.maxLength(),
                entry.sizeBytes(), entry.location(), state, failure, entry.info());
    }

    public String layersLabel() {
        return layers > 0 ? Integer.toString(layers) : UNKNOWN;
    }

    public String maxLengthLabel() {
        return Integer.toString(maxLength);
    }

    public String sizeLabel() {
        return sizeBytes > 0 ? ByteSize.format(sizeBytes) : UNKNOWN;
    }

    /** "bundled", or the model's folder. */
    public String locationLabel() {
        return location;
    }

    /** "not loaded", "loading…", "loaded" or "failed: reason". */
    public String stateLabel() {
        return switch (state) {
            case NOT_LOADED -> "not loaded";
            case LOADING -> "loading…";
            case LOADED -> "loaded";
            case FAILED -> "failed: " + reason();
        };
    }

    /** Why the model failed to load, without the "name: " the engine puts first; null unless it failed. */
    public String reason() {
        return failure == null ? null : withoutName(failure, name);
    }

    /** {@code message} without a leading "name: ", which is noise where the name is already shown. */
    static String withoutName(String message, String name) {
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }
}
