package io.rerankworkbench.retrieve.index;

import java.util.Objects;

/**
 * One document's embedding, as a {@link VectorIndex} takes it.
 *
 * @param id     the document's id
 * @param vector its embedding; normalised to unit length when indexed (the array itself is not changed)
 */
public record VectorEntry(String id, float[] vector) {

    public VectorEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
    }
}
