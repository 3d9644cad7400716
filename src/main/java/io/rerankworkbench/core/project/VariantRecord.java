package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.Objects;

/**
 * A variant of a query: another phrasing ranked over the query's candidates and judged by its grades.
 *
 * @param key       unique within one {@link ProjectData} (the project file's variant id as text when read from one);
 *                  a {@link RunRecord#variantKey()} names it
 * @param text      the phrasing
 * @param createdAt null when the source does not say (the project then stamps the import time)
 * @param origin    where an import read it ({@code file:line}), for messages; null when not from a file line. Not
 *                  part of equality
 */
public record VariantRecord(String key, String text, Instant createdAt, String origin) {
    public VariantRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
    }

    /** A variant not read from a file line. */
    public VariantRecord(String key, String text, Instant createdAt) {
        this(key, text, createdAt, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariantRecord v && key.equals(v.key) && text.equals(v.text)
                && Objects.equals(createdAt, v.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, text, createdAt);
    }
}
