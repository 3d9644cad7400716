package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A query and its candidates in first-stage order.
 *
 * @param id        the user-visible query id (unique within a project)
 * @param createdAt null when the source does not say (the project then stamps the import time)
 */
public record QueryRecord(String id, String text, Instant createdAt, List<CandidateRecord> candidates) {
    public QueryRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        candidates = List.copyOf(candidates);
    }
}
