package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A kept rerank of one query.
 *
 * @param key        unique within one {@link ProjectData} (the project file's run id as text when read from one)
 * @param queryId    the query's user-visible id
 * @param paramsJson ranker parameters as JSON text, or null
 * @param usageJson  provider usage as JSON text, or null
 * @param startedAt  null when unknown
 * @param finishedAt null when unknown
 * @param durationMs scoring time in milliseconds, {@code NaN} when unknown
 * @param status     {@code completed}, {@code failed} or {@code cancelled}
 * @param scores     in rank order
 */
public record RunRecord(String key, String queryId, String rankerKind, String model, String paramsJson,
                        Instant startedAt, Instant finishedAt, double durationMs, String usageJson, String status,
                        List<RunScoreRecord> scores) {
    public RunRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(rankerKind, "rankerKind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        scores = List.copyOf(scores);
    }
}
