package io.rerankworkbench.rerank;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Scores candidates for a query. The service provider interface for local models and remote endpoints.
 *
 * <p>Threading: implementations block the calling thread and must never be called on the JavaFX thread. One
 * instance may be used by several threads at once. Implementations report progress in documents and check the
 * cancellation token at least once per batch, throwing {@link CancelledException} when it is set.
 */
public interface Reranker extends AutoCloseable {

    /** Short name of the ranker kind shown to users, e.g. "local bi-encoder". */
    String kind();

    /** The model's display name, e.g. "all-MiniLM-L6-v2". */
    String model();

    /** The longest input the model reads, in tokens, when it has such a limit; longer documents are truncated. */
    default OptionalInt maxTokens() {
        return OptionalInt.empty();
    }

    /** Ranks {@code candidates} for {@code query} with the default options; the result holds every candidate. */
    default Ranking rerank(Query query, List<Candidate> candidates, ProgressListener progress,
                           CancellationToken cancel) {
        return rerank(query, candidates, RerankOptions.DEFAULT, progress, cancel);
    }

    /** Ranks {@code candidates} for {@code query}; the result holds every candidate. */
    Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options, ProgressListener progress,
                   CancellationToken cancel);

    /**
     * Ranks the same candidates for several queries. Progress counts units of scoring work against a total the
     * ranker reports: this default scores every query-document pair and counts pairs; implementations that reuse
     * work across queries (a bi-encoder encodes each document once) override it and count documents.
     */
    default List<Ranking> rerankAll(List<Query> queries, List<Candidate> candidates, RerankOptions options,
                                    ProgressListener progress, CancellationToken cancel) {
        List<Ranking> rankings = new ArrayList<>(queries.size());
        long total = (long) queries.size() * candidates.size();
        for (Query query : queries) {
            long offset = (long) rankings.size() * candidates.size();
            rankings.add(rerank(query, candidates, options, (done, t) -> progress.progress(offset + done, total),
                    cancel));
        }
        return rankings;
    }

    /** {@link #rerankAll(List, List, RerankOptions, ProgressListener, CancellationToken)} with default options. */
    default List<Ranking> rerankAll(List<Query> queries, List<Candidate> candidates, ProgressListener progress,
                                    CancellationToken cancel) {
        return rerankAll(queries, candidates, RerankOptions.DEFAULT, progress, cancel);
    }

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
