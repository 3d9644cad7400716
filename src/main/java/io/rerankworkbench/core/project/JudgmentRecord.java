package io.rerankworkbench.core.project;

import java.time.Instant;
import java.util.Objects;

/**
 * A grade an annotator gave a document for a query.
 *
 * @param documentKey a {@link DocumentRecord#key()} of the same {@link ProjectData}, or — for judgments imported
 *                    on their own (qrels, Quepid ratings) — the document id of one of the query's candidates
 *                    already in the project
 * @param annotator   may be null
 * @param sessionKey  the {@link SessionRecord#key()} it was given in, or null
 * @param createdAt   null when the source does not say
 * @param note        may be null
 * @param origin      where it came from, for messages ({@code qrels.txt:12}); null when read from a project
 */
public record JudgmentRecord(String queryId, String documentKey, int grade, String annotator, String sessionKey,
                             Instant createdAt, String note, String origin) {
    public JudgmentRecord {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(documentKey, "documentKey");
    }
}
