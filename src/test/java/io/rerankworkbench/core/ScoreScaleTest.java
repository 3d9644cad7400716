package io.rerankworkbench.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreScaleTest {

    private static Ranking ranking(String ranker, double[] scores, double[] probabilities) {
        List<ScoredCandidate> results = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            results.add(new ScoredCandidate(new Candidate(i + 1, "d" + (i + 1), "text"), scores[i], i + 1, 0,
                    probabilities == null ? Double.NaN : probabilities[i], null));
        }
        return new Ranking(new Query("q1", "query"), results, ranker, "model", Duration.ZERO);
    }

    @Test
    void theRunRangeFillsTheBestAndEmptiesTheWorst() {
        Ranking r = ranking("local bi-encoder", new double[]{0.72, 0.46, 0.21}, null);
        ScoreScale scale = ScoreScale.of(r, ScoreScale.Mode.RUN);
        assertThat(scale.fraction(r.results().get(0))).isEqualTo(1.0);
        assertThat(scale.fraction(r.results().get(1))).isCloseTo(0.25 / 0.51, within(1e-12));
        assertThat(scale.fraction(r.results().get(2))).isZero();
        assertThat(scale.legend()).isEqualTo("run 0.210–0.720");
    }

    @Test
    void aBiEncoderOnItsOwnRangeShowsCosineFromMinusOneToOne() {
        Ranking r = ranking("local bi-encoder", new double[]{0.72, 0.46, -0.2}, null);
        ScoreScale scale = ScoreScale.of(r, ScoreScale.Mode.MODEL);
        assertThat(scale.fraction(r.results().get(1))).isCloseTo(0.73, within(1e-12));
        assertThat(scale.fraction(r.results().get(2))).isCloseTo(0.4, within(1e-12));
        assertThat(scale.legend()).isEqualTo("cosine −1–1");
    }

    @Test
    void aCrossEncoderOnItsOwnRangeShowsTheProbability() {
        Ranking r = ranking("local cross-encoder", new double[]{3.2, -1.0}, new double[]{0.96, 0.27});
        ScoreScale scale = ScoreScale.of(r, ScoreScale.Mode.MODEL);
        assertThat(scale.fraction(r.results().get(0))).isCloseTo(0.96, within(1e-12));
        assertThat(scale.fraction(r.results().get(1))).isCloseTo(0.27, within(1e-12));
        assertThat(scale.legend()).isEqualTo("probability 0–1");
    }

    @Test
    void aHostedRerankerInZeroToOneIsDrawnOnThatAndUnboundedScoresFallBackToTheRun() {
        Ranking cohere = ranking("cohere-v2", new double[]{0.9, 0.05}, null);
        assertThat(ScoreScale.of(cohere, ScoreScale.Mode.MODEL).legend()).isEqualTo("relevance 0–1");
        assertThat(ScoreScale.of(cohere, ScoreScale.Mode.MODEL).fraction(cohere.results().get(1)))
                .isCloseTo(0.05, within(1e-12));

        Ranking logits = ranking("tei", new double[]{7.5, -3.0}, null);
        ScoreScale scale = ScoreScale.of(logits, ScoreScale.Mode.MODEL);
        assertThat(scale.relative()).isTrue();
        assertThat(scale.legend()).isEqualTo("run −3.000–7.500");
    }

    @Test
    void equalScoresDrawFullBars() {
        Ranking r = ranking("fake", new double[]{0.5, 0.5}, null);
        assertThat(ScoreScale.of(r, ScoreScale.Mode.RUN).fraction(r.results().get(1))).isEqualTo(1.0);
    }
}
