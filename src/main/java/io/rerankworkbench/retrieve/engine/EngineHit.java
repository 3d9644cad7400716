package io.rerankworkbench.retrieve.engine;

import java.util.Objects;

/**
 * One result of a search engine, in the engine's order.
 *
 * @param score the engine's own score (NaN when it returned none)
 */
public record EngineHit(String id, String title, String text, double score) {
    public EngineHit {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }
}
