package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of the results table.
 *
 * @param barFraction where the score bar ends, 0 (empty) to 1 (full), on the chosen scale
 * @param probability a cross-encoder's probability of relevance, {@code NaN} when the model gives none
 * @param bestChunk   for a document scored in chunks, the characters of the chunk that gave its score, else null
 * @param grade       the document's current relevance grade for the query (the newest given), or null when ungraded
 */
public record ResultRow(int rank, int originalRank, int rankChange, String docId, double score, double barFraction,
                        int tokensDropped, String text, double probability, TextSpan bestChunk, Integer grade) {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    /** A row for {@code c} whose score bar ends at {@code barFraction} (see {@link io.rerankworkbench.core.ScoreScale}). */
    static ResultRow of(ScoredCandidate c, double barFraction, Integer grade) {
        return new ResultRow(c.rank(), c.candidate().originalRank(), c.rankChange(), c.candidate().docId(),
                c.score(), barFraction, c.tokensDropped(), c.candidate().text(), c.probability(), c.bestChunk(), grade);
    }

    /** This row with {@code before} as the rank it is compared with (a live ranking's rank before the last edit). */
    ResultRow was(int before) {
        return new ResultRow(rank, before, before - rank, docId, score, barFraction, tokensDropped, text, probability,
                bestChunk, grade);
    }

    /** The grade as the table shows it, or "" when the document is not graded. */
    public String gradeLabel() {
        return grade == null ? "" : grade.toString();
    }

    public boolean hasProbability() {
        return !Double.isNaN(probability);
    }

    /** The probability with three decimals, or "" when the model gives none (bi-encoders). */
    public String probabilityLabel() {
        return hasProbability() ? String.format(Locale.ROOT, "%.3f", probability) : "";
    }

    public boolean truncated() {
        return tokensDropped > 0;
    }

    /** The text on one line, for the table. */
    public String singleLineText() {
        return LINE_BREAKS.matcher(text).replaceAll(" ⏎ ");
    }

    /** The score as shown in the table: four decimals are enough to tell documents apart by eye. */
    public String scoreLabel() {
        return String.format(Locale.ROOT, "%.4f", score);
    }

    /** "▲ 3", "▼ 2" or "–". */
    public String rankChangeLabel() {
        if (rankChange > 0) {
            return "▲ " + rankChange;
        }
        if (rankChange < 0) {
            return "▼ " + (-rankChange);
        }
        return "–";
    }
}
