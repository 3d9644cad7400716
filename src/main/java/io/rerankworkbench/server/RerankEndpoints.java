package io.rerankworkbench.server;

import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns validated requests into Cohere and TEI responses with the local models. Thread-safe: rankers are shared by
 * all requests (the {@link Reranker} contract allows concurrent calls).
 */
final class RerankEndpoints {

    private static final System.Logger LOG = System.getLogger(RerankEndpoints.class.getName());

    private final RankerService rankers;
    private final String defaultModel;
    private final CancellationToken cancel;

    /**
     * @param defaultModel  the model used when a request names none
     * @param cancel        set when the server stops; running requests end at their next batch with
     *                      {@link CancelledException}
     */
    RerankEndpoints(RankerService rankers, String defaultModel, CancellationToken cancel) {
        this.rankers = Objects.requireNonNull(rankers, "rankers");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
    }

    String defaultModel() {
        return defaultModel;
    }

    /** A Cohere rerank response; {@code version} is "1" or "2". */
    Wire.RerankResponse cohere(String id, String version, RerankRequest request, CancellationToken stop) {
        List<ScoredCandidate> ranked = rank(request, stop);
        List<Wire.Result> results = new ArrayList<>(ranked.size());
        for (ScoredCandidate s : ranked) {
            int index = s.candidate().originalRank() - 1;
            results.add(new Wire.Result(index, score(s), request.echo() ? request.echoed(index) : null));
        }
        return new Wire.RerankResponse(id, results, new Wire.Meta(new Wire.ApiVersion(version),
                new Wire.BilledUnits(request.searchUnits())));
    }

    /** TEI's response: a bare array, best first. */
    List<Wire.TeiRank> tei(RerankRequest request, CancellationToken stop) {
        List<ScoredCandidate> ranked = rank(request, stop);
        List<Wire.TeiRank> ranks = new ArrayList<>(ranked.size());
        for (ScoredCandidate s : ranked) {
            int index = s.candidate().originalRank() - 1;
            ranks.add(new Wire.TeiRank(index, score(s), request.echo() ? request.text(index) : null));
        }
        return ranks;
    }

    /** The ranker's own score; + 0.0 writes a negative zero as 0.0. */
    private static double score(ScoredCandidate s) {
        return s.score() + 0.0;
    }

    /**
     * The request's documents, best first, cut to {@code top_n}.
     *
     * @param stop  polled between batches with the server's own token: when either is set the work ends with
     *              {@link CancelledException}, which the caller turns into an answer (or none, if the client left)
     */
    private List<ScoredCandidate> rank(RerankRequest request, CancellationToken stop) {
        Reranker reranker = reranker(request.model());
        List<String> texts = request.texts();
        List<Candidate> candidates = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            candidates.add(new Candidate(i + 1, Integer.toString(i), texts.get(i)));
        }
        List<ScoredCandidate> ranked;
        CancellationToken either = () -> cancel.isCancelled() || stop.isCancelled();
        try {
            ranked = reranker.rerank(new Query("q", request.query()), candidates, RerankOptions.DEFAULT,
                    ProgressListener.NONE, either).results();
        } catch (RerankException e) {
            LOG.log(Level.WARNING, "Reranking failed", e);
            throw ApiException.internal("reranking failed: " + e.getMessage());
        }
        for (ScoredCandidate s : ranked) {
            if (!Double.isFinite(s.score())) {
                throw ApiException.internal("the model produced a score that is not a number for the document at"
                        + " index " + (s.candidate().originalRank() - 1));
            }
        }
        int n = request.topN() == null ? ranked.size() : Math.min(request.topN(), ranked.size());
        return ranked.subList(0, n);
    }

    /**
     * The loaded ranker for a model of the library, by name only: a request must never make the server open a
     * folder path.
     */
    private Reranker reranker(String requested) {
        String name = requested == null ? defaultModel : requested;
        if (rankers.find(name).isEmpty()) {
            throw ApiException.notFound("model '" + name + "' not found; available: "
                    + String.join(", ", rankers.modelNames()));
        }
        try {
            return rankers.open(name);
        } catch (RerankException e) {
            // The message may name local files; the client gets a plain one, the log the details.
            LOG.log(Level.WARNING, "Could not load model " + name, e);
            throw ApiException.internal("model '" + name + "' could not be loaded; see the server's log");
        }
    }
}
