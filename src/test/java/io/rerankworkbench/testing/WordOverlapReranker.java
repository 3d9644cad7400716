package io.rerankworkbench.testing;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scripted ranker for tests: score = number of query words in the document, processed in batches of two with
 * progress and cancellation like a real one. Documents longer than {@code maxWords} words are flagged as truncated.
 */
public final class WordOverlapReranker implements Reranker {

    private final int maxWords;
    private Runnable afterFirstBatch = () -> { };
    private volatile boolean closed;

    public WordOverlapReranker(int maxWords) {
        this.maxWords = maxWords;
    }

    /** Runs once after the first batch: lets a test cancel mid-run. */
    public WordOverlapReranker afterFirstBatch(Runnable hook) {
        this.afterFirstBatch = hook;
        return this;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String kind() {
        return "test overlap";
    }

    @Override
    public String model() {
        return "word-overlap";
    }

    @Override
    public OptionalInt maxTokens() {
        return OptionalInt.of(maxWords);
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options,
                          ProgressListener progress, CancellationToken cancel) {
        Set<String> words = words(query.text());
        double[] scores = new double[candidates.size()];
        int[] dropped = new int[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            if (i % 2 == 0) {
                cancel.throwIfCancelled();
            }
            List<String> docWords = Arrays.asList(candidates.get(i).text().toLowerCase(Locale.ROOT).split("\\W+"));
            dropped[i] = Math.max(0, docWords.size() - maxWords);
            scores[i] = docWords.stream().filter(words::contains).count();
            if (i % 2 == 1 || i == candidates.size() - 1) {
                progress.progress(i + 1, candidates.size());
                if (i == 1) {
                    afterFirstBatch.run();
                }
            }
        }
        return new Ranking(query, Ranking.rank(candidates, scores, dropped), kind(), model(), Duration.ofMillis(20));
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\W+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        closed = true;
    }
}
