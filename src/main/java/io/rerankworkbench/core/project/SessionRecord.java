package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A labeling session.
 *
 * @param key       unique within one {@link ProjectData}
 * @param scaleJson the grading scale as JSON text (docs/PROJECT_FORMAT.md, "Grading scales")
 * @param annotator may be null
 * @param seed      seeds the blind shuffle of the candidates
 * @param queryIds  the queries the session covers, in the order they are labeled
 */
public record SessionRecord(String key, String name, String scaleJson, String annotator, long seed, boolean blind,
                            Instant createdAt, List<String> queryIds) {
    public SessionRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scaleJson, "scaleJson");
        Objects.requireNonNull(createdAt, "createdAt");
        queryIds = List.copyOf(queryIds);
    }
}
