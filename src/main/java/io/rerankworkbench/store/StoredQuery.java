package io.rerankworkbench.store;

import io.rerankworkbench.core.Query;

import java.time.Instant;

/** A query row: the database key, and the id and text the user sees. */
public record StoredQuery(long id, String externalId, String text, Instant createdAt) {
    public Query toQuery() {
        return new Query(externalId, text);
    }
}
