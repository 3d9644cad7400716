package io.rerankworkbench.store;

import io.rerankworkbench.core.Query;

import java.time.Instant;

/**
 * A variant of a query: another phrasing ranked over the same candidates and judged by the same grades.
 *
 * @param id        the variant's key in the project file
 * @param queryId   the key of its query
 * @param number    its 1-based position among its query's variants in the order they were kept ("variant 2 of q03");
 *                  deleting a variant renumbers the later ones
 * @param text      the phrasing, never blank, never its query's text
 * @param createdAt when it was kept
 */
public record StoredVariant(long id, long queryId, int number, String text, Instant createdAt) {

    /** The query to rank for this variant: its query's user-visible id with the variant's text. */
    public Query toQuery(StoredQuery query) {
        if (query.id() != queryId) {
            throw new IllegalArgumentException("variant " + id + " belongs to query " + queryId + ", not "
                    + query.id());
        }
        return new Query(query.externalId(), text);
    }
}
