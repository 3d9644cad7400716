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
 */
public record StoredRun(long id, long queryId, int number, Ranking ranking, String paramsJson, String usageJson,
                        Instant startedAt, Instant finishedAt, RunStatus status) {
}
