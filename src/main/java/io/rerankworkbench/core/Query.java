package io.rerankworkbench.core;

import java.util.Objects;

/** A search query: an identifier (from a query file, or generated) and its text. */
public record Query(String id, String text) {
    public Query {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
