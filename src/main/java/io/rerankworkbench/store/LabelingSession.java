package io.rerankworkbench.store;

import java.time.Instant;

/**
 * A labeling session as stored: one annotator's pass over some queries on one grade scale.
 *
 * @param scaleJson the grade scale as JSON (docs/PROJECT_FORMAT.md)
 * @param annotator who labels in it; may be null in files written elsewhere
 * @param seed      seeds the shuffled order of each query's candidates, so a resumed session shows the same order
 * @param blind     scores, ranker order and original ranks hidden while labeling
 */
public record LabelingSession(long id, String name, String scaleJson, String annotator, long seed, boolean blind,
                              Instant createdAt) {
}
