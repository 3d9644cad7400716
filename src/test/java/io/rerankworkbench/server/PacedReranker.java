package io.rerankworkbench.server;

import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelConfig;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.local.Pooling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in model that takes a fixed time per batch, like a real one on a CPU, polls cancellation between batches
 * (as the local models do) and counts the batches it has scored and the runs that were cancelled. Scores: the
 * document's length, so the answer is checkable.
 */
final class PacedReranker implements Reranker {

    static final String NAME = "paced";

    final int batchSize;
    final Duration perBatch;
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();

    PacedReranker(int batchSize, Duration perBatch) {
        this.batchSize = batchSize;
        this.perBatch = perBatch;
    }

    /** A library whose only model is {@code ranker}. */
    static RankerService library(PacedReranker ranker) {
        ModelConfig config = new ModelConfig(128, Pooling.MEAN, "", "", 2);
        return new RankerService(List.of(ModelFiles.bundled(NAME, "/paced.onnx", "/paced.json", config, 1)),
                ModelLibraryStore.inMemory(), files -> ranker);
    }

    @Override
    public String kind() {
        return "test paced";
    }

    @Override
    public String model() {
        return NAME;
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options,
                          ProgressListener progress, CancellationToken cancel) {
        started.incrementAndGet();
        double[] scores = new double[candidates.size()];
        for (int from = 0; from < candidates.size(); from += batchSize) {
            if (cancel.isCancelled()) {
                cancelled.incrementAndGet();
                throw new CancelledException();
            }
            LockSupport.parkNanos(perBatch.toNanos());
            for (int i = from; i < Math.min(candidates.size(), from + batchSize); i++) {
                scores[i] = candidates.get(i).text().length();
            }
            batches.incrementAndGet();
        }
        return new Ranking(query, Ranking.rank(candidates, scores, new int[candidates.size()]), kind(), model(),
                Duration.ZERO);
    }

    @Override
    public void close() {
    }
}
