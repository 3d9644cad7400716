package io.rerankworkbench.store;

import io.rerankworkbench.core.Ranking;

import java.time.Instant;

/**
 * A kept run of one query: the ranking it produced and how it was made.
 *
 * @param paramsJson ranker parameters as JSON, or null
 * @param usageJson  provider usage (tokens, billed units) as JSON, or null
 * @param startedAt  null when unknown
 * @param finishedAt null when unknown or not finished
 */
public record StoredRun(long id, long queryId, Ranking ranking, String paramsJson, String usageJson,
                        Instant startedAt, Instant finishedAt, RunStatus status) {
}
