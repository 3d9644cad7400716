package io.rerankworkbench.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of reranking one query's candidates: candidates in rank order, with the ranker that produced them and
 * how long it took.
 */
public record Ranking(Query query, List<ScoredCandidate> results, String ranker, String model, Duration elapsed) {

    public Ranking {
        Objects.requireNonNull(query, "query");
        results = List.copyOf(results);
        Objects.requireNonNull(ranker, "ranker");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Orders scored candidates by descending score and assigns ranks. Ties keep the original order, so a ranker that
     * cannot separate two documents does not reshuffle them.
     *
     * @param scores         one score per candidate, in candidate order
     * @param tokensDropped  one count per candidate, in candidate order
     */
    public static List<ScoredCandidate> rank(List<Candidate> candidates, double[] scores, int[] tokensDropped) {
        if (scores.length != candidates.size() || tokensDropped.length != candidates.size()) {
            throw new IllegalArgumentException("expected " + candidates.size() + " scores, got " + scores.length);
        }
        List<DocumentScore> details = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            details.add(new DocumentScore(scores[i], Double.NaN, tokensDropped[i], null));
        }
        return rank(candidates, details);
    }

    /** As {@link #rank(List, double[], int[])}, with everything a ranker found per document, in candidate order. */
    public static List<ScoredCandidate> rank(List<Candidate> candidates, List<DocumentScore> scores) {
        if (scores.size() != candidates.size()) {
            throw new IllegalArgumentException("expected " + candidates.size() + " scores, got " + scores.size());
        }
        List<Integer> order = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        // + 0.0 turns -0.0 into 0.0, so the two zeros tie instead of ordering by sign.
        order.sort(Comparator.<Integer>comparingDouble(i -> scores.get(i).score() + 0.0).reversed()
                .thenComparingInt(i -> candidates.get(i).originalRank()));
        List<ScoredCandidate> ranked = new ArrayList<>(candidates.size());
        for (int r = 0; r < order.size(); r++) {
            int i = order.get(r);
            DocumentScore s = scores.get(i);
            ranked.add(new ScoredCandidate(candidates.get(i), s.score(), r + 1, s.tokensDropped(), s.probability(),
                    s.bestChunk()));
        }
        return ranked;
    }

    /** The first {@code k} results (all of them when {@code k} is at least the size). */
    public Ranking topK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0");
        }
        return k >= results.size() ? this : new Ranking(query, results.subList(0, k), ranker, model, elapsed);
    }

    /** Documents scored per second, or 0 when nothing was timed. */
    public double documentsPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : results.size() / (nanos / 1e9);
    }
}
