package io.rerankworkbench.store;

import io.rerankworkbench.core.Ranking;

import java.time.Instant;

/**
 * A kept run of one query: the ranking it produced and how it was made.
 *
 * @param number     the run's number: its 1-based position among its query's runs in the order they were made ("Run 2
 *                   of q03"). Runs are only ever added to a query, so a number never changes; the window's run picker,
 *                   the ranked-list and TREC exports and the command line all use it
 * @param paramsJson ranker parameters as JSON, or null
 * @param usageJson  provider usage (tokens, billed units) as JSON, or null
 * @param startedAt  null when unknown
 * @param finishedAt null when unknown or not finished
 * @param variantId  the key of the query variant whose run this is, or null for a run of the query's own text; a
 *                   variant's runs are numbered among themselves ({@link VariantRepository#runs})
 * @param variant    the variant's number among its query's variants ("variant 2 of q03"), 0 for the query's own run
 */
public record StoredRun(long id, long queryId, int number, Ranking ranking, String paramsJson, String usageJson,
                        Instant startedAt, Instant finishedAt, RunStatus status, Long variantId, int variant) {

    /** A run of the query's own text. */
    public StoredRun(long id, long queryId, int number, Ranking ranking, String paramsJson, String usageJson,
                     Instant startedAt, Instant finishedAt, RunStatus status) {
        this(id, queryId, number, ranking, paramsJson, usageJson, startedAt, finishedAt, status, null, 0);
    }

    public StoredRun {
        if ((variantId == null) != (variant == 0)) {
            throw new IllegalArgumentException("a variant's run needs both its key and its number, was "
                    + variantId + " / " + variant);
        }
    }

    /** Whether this is a run of one of the query's variants rather than of its own text. */
    public boolean isVariant() {
        return variantId != null;
    }
}
