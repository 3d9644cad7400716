package io.rerankworkbench.testing;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted ranker for tests: score = number of query words in the document, processed in batches of two with
 * progress and cancellation like a real one. Documents longer than {@code maxWords} words are flagged as truncated;
 * with {@link LongDocuments#CHUNK} they are not, and their first {@code maxWords} words are reported as the best
 * chunk instead. {@link #withProbabilities()} makes it act like a cross-encoder: probability = score / (1 + score).
 */
public final class WordOverlapReranker implements Reranker {

    private static final Pattern WORD = Pattern.compile("\\w+");

    private final int maxWords;
    private Runnable afterFirstBatch = () -> { };
    private boolean probabilities;
    private String model = "word-overlap";
    private volatile boolean closed;
    private volatile RerankOptions lastOptions;

    public WordOverlapReranker(int maxWords) {
        this.maxWords = maxWords;
    }

    /** Runs once after the first batch: lets a test cancel mid-run. */
    public WordOverlapReranker afterFirstBatch(Runnable hook) {
        this.afterFirstBatch = hook;
        return this;
    }

    /** Reports {@code name} as its model (tests with several rankers tell their runs apart by it). */
    public WordOverlapReranker named(String name) {
        this.model = name;
        return this;
    }

    /** Reports probabilities, as a cross-encoder does. */
    public WordOverlapReranker withProbabilities() {
        this.probabilities = true;
        return this;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The options of the last rerank call, or null. */
    public RerankOptions lastOptions() {
        return lastOptions;
    }

    @Override
    public String kind() {
        return probabilities ? "test cross-encoder overlap" : "test overlap";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public OptionalInt maxTokens() {
        return OptionalInt.of(maxWords);
    }

    @Override
    public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options,
                          ProgressListener progress, CancellationToken cancel) {
        lastOptions = options;
        boolean chunk = options.longDocuments() == LongDocuments.CHUNK;
        Set<String> words = words(query.text());
        double[] scores = new double[candidates.size()];
        int[] dropped = new int[candidates.size()];
        TextSpan[] chunks = new TextSpan[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            if (i % 2 == 0) {
                cancel.throwIfCancelled();
            }
            List<String> docWords = Arrays.asList(candidates.get(i).text().toLowerCase(Locale.ROOT).split("\\W+"));
            dropped[i] = Math.max(0, docWords.size() - maxWords);
            scores[i] = docWords.stream().filter(words::contains).count();
            if (chunk && dropped[i] > 0) {
                chunks[i] = firstWords(candidates.get(i).text(), maxWords);
                dropped[i] = 0;
            }
            if (i % 2 == 1 || i == candidates.size() - 1) {
                progress.progress(i + 1, candidates.size());
                if (i == 1) {
                    afterFirstBatch.run();
                }
            }
        }
        List<DocumentScore> details = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            details.add(new DocumentScore(scores[i], probabilities ? scores[i] / (1 + scores[i]) : Double.NaN,
                    dropped[i], chunks[i]));
        }
        return new Ranking(query, Ranking.rank(candidates, details), kind(), model(), Duration.ofMillis(20));
    }

    /** The characters from the start of {@code text} to the end of its {@code n}-th word. */
    private static TextSpan firstWords(String text, int n) {
        Matcher m = WORD.matcher(text);
        int end = 0;
        for (int found = 0; found < n && m.find(); found++) {
            end = m.end();
        }
        return new TextSpan(0, end);
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
