package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted ranker: scores a document by how many of the query's words it contains. */
final class FakeReranker implements Reranker {

    private final String model;
    final AtomicInteger closeCalls = new AtomicInteger();

    FakeReranker(String model) {
        this.model = model;
    }

    @Override
    public String kind() {
        return "fake";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options,
                          ProgressListener progress, CancellationToken cancel) {
        List<String> words = List.of(query.text().toLowerCase().split("\\s+"));
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            cancel.throwIfCancelled();
            String text = candidates.get(i).text().toLowerCase();
            scores[i] = words.stream().filter(text::contains).count();
            progress.progress(i + 1, candidates.size());
        }
        return new Ranking(query, Ranking.rank(candidates, scores, new int[candidates.size()]), kind(), model,
                Duration.ofMillis(1));
    }

    @Override
    public void close() {
        closeCalls.incrementAndGet();
    }
}
