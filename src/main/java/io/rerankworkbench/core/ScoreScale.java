package io.rerankworkbench.core;

import java.util.Locale;

/**
 * The scale a score bar is drawn on: where an empty bar and a full bar lie. Relative to the run (its lowest score is
 * empty, its highest full), or absolute in the model's own range, so a score of 0.46 looks like 0.46 whatever else
 * the run holds: cosine similarity −1..1 for bi-encoders, probability 0..1 for cross-encoders (the bar then shows the
 * probability) and for hosted rerankers whose relevance scores lie in 0..1.
 *
 * @param low        the value of an empty bar
 * @param high       the value of a full bar
 * @param quantity   what the bar measures ("score", "cosine", "probability", "relevance")
 * @param onProbability whether the bar shows each result's probability rather than its score
 * @param relative   whether the ends are the run's own lowest and highest score
 */
public record ScoreScale(double low, double high, String quantity, boolean onProbability, boolean relative) {

    /** How bars are scaled. */
    public enum Mode {
        /** The run's lowest score is an empty bar, its highest a full one. */
        RUN,
        /** The model's own range (cosine −1..1, probability 0..1); falls back to the run's range when unknown. */
        MODEL
    }

    /** The scale for {@code ranking} in {@code mode}. */
    public static ScoreScale of(Ranking ranking, Mode mode) {
        return mode == Mode.MODEL ? model(ranking) : run(ranking);
    }

    private static ScoreScale run(Ranking ranking) {
        double min = ranking.results().stream().mapToDouble(ScoredCandidate::score).min().orElse(0);
        double max = ranking.results().stream().mapToDouble(ScoredCandidate::score).max().orElse(0);
        return new ScoreScale(min, max, "score", false, true);
    }

    private static ScoreScale model(Ranking ranking) {
        if (!ranking.results().isEmpty() && ranking.results().stream().allMatch(ScoredCandidate::hasProbability)) {
            return new ScoreScale(0, 1, "probability", true, false);
        }
        if (ranking.ranker() != null && ranking.ranker().contains("bi-encoder")) {
            return new ScoreScale(-1, 1, "cosine", false, false);
        }
        boolean unitInterval = !ranking.results().isEmpty()
                && ranking.results().stream().allMatch(c -> c.score() >= 0 && c.score() <= 1);
        if (unitInterval) {
            return new ScoreScale(0, 1, "relevance", false, false);
        }
        return run(ranking); // unbounded scores (logits of a hosted model): no fixed range to draw on
    }

    /** Where {@code c}'s bar ends, 0 (empty) to 1 (full). A run whose scores are all equal draws full bars. */
    public double fraction(ScoredCandidate c) {
        double value = onProbability ? c.probability() : c.score();
        double range = high - low;
        if (!(range > 0)) {
            return 1.0;
        }
        return Math.max(0, Math.min(1, (value - low) / range));
    }

    /** "run 0.213–0.724", "cosine −1–1", "probability 0–1": the legend beside the bars. */
    public String legend() {
        boolean whole = isWhole(low) && isWhole(high);
        return (relative ? "run" : quantity) + " " + format(low, whole) + "–" + format(high, whole);
    }

    private static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6;
    }

    private static String format(double v, boolean whole) {
        String digits = whole ? Long.toString((long) Math.abs(v)) : String.format(Locale.ROOT, "%.3f", Math.abs(v));
        return (v < 0 ? "−" : "") + digits;
    }
}
