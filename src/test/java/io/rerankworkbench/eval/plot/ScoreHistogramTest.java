package io.rerankworkbench.eval.plot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreHistogramTest {

    private static List<GradedScore> scores(double... values) {
        List<GradedScore> out = new ArrayList<>();
        for (double v : values) {
            out.add(new GradedScore(v, null));
        }
        return out;
    }

    @Test
    void probabilitiesGetTenthEdgesAndEachGradeIsCountedInItsBin() {
        List<GradedScore> s = List.of(
                new GradedScore(0.03, 0), new GradedScore(0.12, 0), new GradedScore(0.18, null),
                new GradedScore(0.3, 1), // exactly on an edge: the bin that starts there
                new GradedScore(0.55, 2), new GradedScore(0.58, 2), new GradedScore(0.97, 3));
        ScoreHistogram h = ScoreHistogram.of(s, 10);
        assertThat(h.edges()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        assertThat(h.bins()).isEqualTo(10);
        assertThat(h.grades()).containsExactly(0, 1, 2, 3);
        assertThat(h.count(0, 0)).isEqualTo(1);
        assertThat(h.count(1, 0)).isEqualTo(1);
        assertThat(h.unjudged(1)).isEqualTo(1);
        assertThat(h.count(3, 1)).isEqualTo(1);
        assertThat(h.count(2, 1)).isZero();
        assertThat(h.count(5, 2)).isEqualTo(2);
        assertThat(h.count(9, 3)).isEqualTo(1);
        assertThat(h.count(9, 7)).as("a grade that does not occur").isZero();
        assertThat(h.total()).isEqualTo(7);
        assertThat(h.maxTotal()).isEqualTo(2);
        assertThat(h.decimals()).isEqualTo(1);
        assertThat(h.format(h.lower(3))).isEqualTo("0.3");
    }

    @Test
    void theMaximumOnAnEdgeFallsInTheLastBinWhichIsClosed() {
        ScoreHistogram h = ScoreHistogram.of(scores(0, 0.25, 0.5, 0.75, 1), 4);
        assertThat(h.edges()).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(new int[]{h.total(0), h.total(1), h.total(2), h.total(3)}).containsExactly(1, 1, 1, 2);
        assertThat(h.decimals()).isEqualTo(2);
    }

    @Test
    void negativeLogitsGetRoundEdgesBelowZero() {
        ScoreHistogram h = ScoreHistogram.of(scores(-7.3, -2.0, -1.99, 0.4, 5.1), 10);
        // (5.1 + 7.3) / 10 = 1.24 → step 2; −7.3 lies in [−8, −6).
        assertThat(h.edges()).containsExactly(-8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0);
        assertThat(new int[]{h.total(0), h.total(3), h.total(4), h.total(6)}).containsExactly(1, 2, 1, 1);
        assertThat(h.decimals()).isZero();
        assertThat(h.format(-8.0)).isEqualTo("\u22128");
    }

    @Test
    void stepsOfTwoAndAHalfAndFive() {
        assertThat(ScoreHistogram.roundStep(0.021).toPlainString()).isEqualTo("0.025");
        assertThat(ScoreHistogram.roundStep(0.025).toPlainString()).isEqualTo("0.025");
        assertThat(ScoreHistogram.roundStep(3.1).toPlainString()).isEqualTo("5");
        assertThat(ScoreHistogram.roundStep(7).toPlainString()).isEqualTo("10");
        assertThat(ScoreHistogram.roundStep(0.1).toPlainString()).isEqualTo("0.1");
        ScoreHistogram h = ScoreHistogram.of(scores(0.61, 0.79), 8); // 0.0225 → 0.025
        assertThat(h.edges()).containsExactly(0.6, 0.625, 0.65, 0.675, 0.7, 0.725, 0.75, 0.775, 0.8);
        assertThat(h.format(h.lower(1))).isEqualTo("0.625");
        assertThat(h.format(h.lower(0))).isEqualTo("0.600");
    }

    @Test
    void allEqualScoresMakeOneRoundBinAroundTheValue() {
        ScoreHistogram h = ScoreHistogram.of(scores(0.5, 0.5, 0.5), 20);
        assertThat(h.edges()).containsExactly(0.5, 0.55);
        assertThat(h.total(0)).isEqualTo(3);

        ScoreHistogram zero = ScoreHistogram.of(scores(0, 0), 20);
        assertThat(zero.edges()).containsExactly(0.0, 1.0);
        assertThat(zero.total(0)).isEqualTo(2);

        ScoreHistogram negative = ScoreHistogram.of(scores(-3.2), 20);
        assertThat(negative.edges()).containsExactly(-3.5, -3.0);
        assertThat(negative.total(0)).isEqualTo(1);
    }

    @Test
    void nanAndInfiniteScoresAreSkippedAndCounted() {
        ScoreHistogram h = ScoreHistogram.of(scores(Double.NaN, 1, Double.POSITIVE_INFINITY, 2,
                Double.NEGATIVE_INFINITY), 2);
        assertThat(h.skipped()).isEqualTo(3);
        assertThat(h.total()).isEqualTo(2);
        assertThat(h.edges()).containsExactly(1.0, 1.5, 2.0);

        ScoreHistogram none = ScoreHistogram.of(scores(Double.NaN), 10);
        assertThat(none.bins()).isZero();
        assertThat(none.skipped()).isEqualTo(1);
        assertThat(none.maxTotal()).isZero();
        assertThat(ScoreHistogram.of(List.of(), 10).bins()).isZero();
    }

    @Test
    void edgesDoNotDriftOverManyBins() {
        List<GradedScore> s = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            s.add(new GradedScore(i / 1000.0, i % 4));
        }
        ScoreHistogram h = ScoreHistogram.of(s, 100);
        assertThat(h.bins()).isEqualTo(100);
        assertThat(h.lower(37)).isEqualTo(0.37);
        assertThat(h.upper(99)).isEqualTo(1.0);
        for (int b = 0; b < 99; b++) {
            assertThat(h.total(b)).as("bin %d", b).isEqualTo(10);
        }
        assertThat(h.total(99)).as("the last bin holds 1.0 too").isEqualTo(11);
        assertThat(h.total()).isEqualTo(1001);
    }

    @Test
    void aSpanBeyondDoublesIsRefusedAndATinyOneIsOneBin() {
        assertThatThrownBy(() -> ScoreHistogram.of(scores(-1e308, 1e308), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("span more than");
        ScoreHistogram tiny = ScoreHistogram.of(scores(1.0, Math.nextUp(1.0)), 10);
        assertThat(tiny.total()).isEqualTo(2);
        assertThat(tiny.bins()).isBetween(1, 2);
    }

    @Test
    void fewerThanOneBinIsRefused() {
        assertThatThrownBy(() -> ScoreHistogram.of(scores(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one bin, got 0");
    }
}
