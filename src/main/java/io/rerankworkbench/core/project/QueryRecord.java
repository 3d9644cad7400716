package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A query, its candidates in first-stage order, and its variants in the order they were kept.
 *
 * @param id        the user-visible query id (unique within a project)
 * @param createdAt null when the source does not say (the project then stamps the import time)
 * @param variants  other phrasings of the query, oldest first (empty for every source but a project or a bundle)
 * @param origin    where an import read it first ({@code file:line}), for messages; null when not from a file line.
 *                  Not part of equality: the same query read from two places is the same query
 */
public record QueryRecord(String id, String text, Instant createdAt, List<CandidateRecord> candidates,
                          List<VariantRecord> variants, String origin) {
    public QueryRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        candidates = List.copyOf(candidates);
        variants = List.copyOf(variants);
    }

    /** A query without variants. */
    public QueryRecord(String id, String text, Instant createdAt, List<CandidateRecord> candidates, String origin) {
        this(id, text, createdAt, candidates, List.of(), origin);
    }

    /** A query without variants, not read from a file line. */
    public QueryRecord(String id, String text, Instant createdAt, List<CandidateRecord> candidates) {
        this(id, text, createdAt, candidates, List.of(), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryRecord q && id.equals(q.id) && text.equals(q.text)
                && Objects.equals(createdAt, q.createdAt) && candidates.equals(q.candidates)
                && variants.equals(q.variants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, text, createdAt, candidates, variants);
    }
}
