package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A kept rerank of one query, or of one of its variants.
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
 * @param variantKey the {@link VariantRecord#key()} of the variant of {@code queryId} it ranked for, or null for a run
 *                   of the query's own text
 */
public record RunRecord(String key, String queryId, String rankerKind, String model, String paramsJson,
                        Instant startedAt, Instant finishedAt, double durationMs, String usageJson, String status,
                        List<RunScoreRecord> scores, String variantKey) {
    public RunRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(rankerKind, "rankerKind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        scores = List.copyOf(scores);
    }

    /** A run of the query's own text. */
    public RunRecord(String key, String queryId, String rankerKind, String model, String paramsJson,
                     Instant startedAt, Instant finishedAt, double durationMs, String usageJson, String status,
                     List<RunScoreRecord> scores) {
        this(key, queryId, rankerKind, model, paramsJson, startedAt, finishedAt, durationMs, usageJson, status,
                scores, null);
    }
}
