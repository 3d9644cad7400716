package io.rerankworkbench.ui.common;

import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.RerankOptions;

import java.util.Objects;

/**
 * What the main window has selected, as the insight views read it: one result of one kept run. The main window
 * publishes it (read-only to the views), so a view never reaches into the main window's state or the project.
 *
 * @param queryId     the stored query's id
 * @param runNumber   the run's number among its query's runs
 * @param rankerKind  the kind of ranker that made the run, e.g. "local bi-encoder", "remote Cohere v2"
 * @param rankerModel the model that made the run, e.g. "all-MiniLM-L6-v2"
 * @param options     how the run treated long documents (chunked when any document was scored in chunks)
 * @param result      the selected document as the run scored it
 */
public record ResultSelection(long queryId, String queryExternalId, String queryText, int runNumber,
                              String rankerKind, String rankerModel, RerankOptions options, ScoredCandidate result) {

    public ResultSelection {
        Objects.requireNonNull(queryText, "queryText");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(options, "options");
    }

    /** The selection of {@code result} in {@code ranking} (run {@code runNumber} of stored query {@code queryId}). */
    public static ResultSelection of(long queryId, int runNumber, Ranking ranking, ScoredCandidate result) {
        boolean chunked = ranking.results().stream().anyMatch(c -> c.bestChunk() != null);
        RerankOptions options = chunked ? RerankOptions.chunked(RerankOptions.DEFAULT_CHUNK_OVERLAP)
                : RerankOptions.DEFAULT;
        return new ResultSelection(queryId, ranking.query().id(), ranking.query().text(), runNumber,
                ranking.ranker(), ranking.model(), options, result);
    }

    public String docId() {
        return result.candidate().docId();
    }

    public String documentText() {
        return result.candidate().text();
    }

    public double score() {
        return result.score();
    }

    /** The best chunk of a document scored in chunks, else null. */
    public TextSpan window() {
        return options.longDocuments() == LongDocuments.CHUNK ? result.bestChunk() : null;
    }
}
