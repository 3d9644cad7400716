package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A query and its candidates in first-stage order.
 *
 * @param id        the user-visible query id (unique within a project)
 * @param createdAt null when the source does not say (the project then stamps the import time)
 * @param origin    where an import read it first ({@code file:line}), for messages; null when not from a file line.
 *                  Not part of equality: the same query read from two places is the same query
 */
public record QueryRecord(String id, String text, Instant createdAt, List<CandidateRecord> candidates,
                          String origin) {
    public QueryRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        candidates = List.copyOf(candidates);
    }

    /** A query not read from a file line. */
    public QueryRecord(String id, String text, Instant createdAt, List<CandidateRecord> candidates) {
        this(id, text, createdAt, candidates, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryRecord q && id.equals(q.id) && text.equals(q.text)
                && Objects.equals(createdAt, q.createdAt) && candidates.equals(q.candidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, text, createdAt, candidates);
    }
}
