package io.rerankworkbench.eval.metrics;

import java.util.Objects;

/** A document of a run with the score its ranker gave it (higher is better). */
public record Scored(String docId, double score) {
    public Scored {
        Objects.requireNonNull(docId, "docId");
    }
}
