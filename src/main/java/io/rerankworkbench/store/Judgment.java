package io.rerankworkbench.store;

import java.time.Instant;

/**
 * One grade an annotator gave a document for a query. Later grades for the same pair do not overwrite earlier ones;
 * the newest per (query, document, annotator) is the current one.
 *
 * @param sessionId the labeling session it was given in, or null
 */
public record Judgment(long id, long queryId, long documentId, int grade, String annotator, Long sessionId,
                       Instant createdAt, String note) {
}
