package io.rerankworkbench.store;

import java.time.Instant;

/**
 * A kept explanation of one document's score for one query (docs/PROJECT_FORMAT.md, table {@code explanations}).
 *
 * @param ranker      the ranker's display label
 * @param method      how it was computed: {@code occlusion}, {@code attention}, …
 * @param settings    the method's settings as a canonical string (e.g. {@code unit=word}); part of the key
 * @param fingerprint {@link ExplanationRepository#fingerprint} of the query and document texts it was computed on
 * @param payload     the explanation as JSON, written by the app
 * @param createdAt   when it was computed (replacing it sets a new time)
 */
public record StoredExplanation(long id, long queryId, long documentId, String ranker, String method,
                                String settings, String fingerprint, String payload, Instant createdAt) {
}
