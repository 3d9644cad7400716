package io.rerankworkbench.retrieve;

import io.rerankworkbench.retrieve.Fusion.Normalization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FusionTest {

    private static List<Hit> run(Object... idsAndScores) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < idsAndScores.length; i += 2) {
            hits.add(new Hit((String) idsAndScores[i], ((Number) idsAndScores[i + 1]).doubleValue()));
        }
        return hits;
    }

    private static List<Hit> ranks(String... ids) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            hits.add(new Hit(ids[i], 100 - i));
        }
        return hits;
    }

    @Test
    void rrfWithK60WorkedByHand() {
        // A = [a, x, b], B = [y, z, b]
        // a = 1/61 = 0.016393   b = 1/63 + 1/63 = 0.031746   x = 1/62 = 0.016129
        // y = 1/61 = 0.016393   z = 1/62 = 0.016129
        // b first (in both runs); a and y tie at 1/61 (id order), x and z tie at 1/62.
        List<Hit> fused = Fusion.rrf(List.of(ranks("a", "x", "b"), ranks("y", "z", "b")), 10);
        assertThat(fused).extracting(Hit::docId).containsExactly("b", "a", "y", "x", "z");
        assertThat(fused.get(0).score()).isCloseTo(2.0 / 63, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 61, within(1e-12));
        assertThat(fused.get(4).score()).isCloseTo(1.0 / 62, within(1e-12));
    }

    @Test
    void rrfWithK1LetsTheTopRanksDominate() {
        // Same runs, k = 1: a = 1/2, y = 1/2, b = 1/4 + 1/4 = 1/2 — a three-way tie, in id order; x = z = 1/3.
        List<Hit> fused = Fusion.rrf(List.of(ranks("a", "x", "b"), ranks("y", "z", "b")), 1, 10);
        assertThat(fused).extracting(Hit::docId).containsExactly("a", "b", "y", "x", "z");
        assertThat(fused).extracting(Hit::score).containsExactly(0.5, 0.5, 0.5, 1.0 / 3, 1.0 / 3);
        assertThat(Fusion.rrf(List.of(ranks("a", "x", "b"), ranks("y", "z", "b")), 1, 2))
                .extracting(Hit::docId).containsExactly("a", "b");
    }

    @Test
    void rrfIgnoresScoresCountsFirstPlacesAndDoesNotDependOnRunOrder() {
        List<Hit> a = run("p", 0.1, "q", 900.0, "p", 5.0);
        List<Hit> b = ranks("q", "r");
        List<Hit> c = ranks("r", "p", "q");
        // p = 1/61 + 1/62, q = 1/62 + 1/61 + 1/63, r = 1/62 + 1/61
        List<Hit> fused = Fusion.rrf(List.of(a, b, c), 10);
        assertThat(fused).extracting(Hit::docId).containsExactly("q", "p", "r");
        assertThat(fused.get(1).score()).isEqualTo(fused.get(2).score());
        assertThat(Fusion.rrf(List.of(c, b, a), 10)).isEqualTo(fused);
        assertThat(Fusion.rrf(List.of(), 10)).isEmpty();
        assertThat(Fusion.rrf(List.of(List.of(), ranks("x")), 10)).extracting(Hit::docId).containsExactly("x");
    }

    @Test
    void weightedMinMaxWorkedByHand() {
        // A (weight 1): a 10, b 6, c 2        → min-max: a 1, b 0.5, c 0
        // B (weight 2): b 1, d 0.625, a 0.25  → min-max: b 1, d 0.5, a 0
        // a = 1·1 + 2·0 = 1; b = 1·0.5 + 2·1 = 2.5; c = 1·0 + (missing from B) 0 = 0; d = (missing from A) 0 + 2·0.5 = 1
        // → b 2.5, then a and d tie at 1 (id order), c 0.
        List<Hit> fused = Fusion.weighted(List.of(run("a", 10, "b", 6, "c", 2), run("b", 1, "d", 0.625, "a", 0.25)),
                new double[] {1, 2}, Normalization.MIN_MAX, 10);
        assertThat(fused).extracting(Hit::docId).containsExactly("b", "a", "d", "c");
        assertThat(fused).extracting(Hit::score).containsExactly(2.5, 1.0, 1.0, 0.0);
    }

    @Test
    void weightedZScoreWorkedByHand() {
        // A: a 3, b 2, c 1 → mean 2, population sd √(2/3) = 0.816497 → a 1.224745, b 0, c −1.224745
        // B: c 5, a 5      → all equal: 0 for both (no division by zero)
        // C: b 4, d 2      → mean 3, sd 1 → b 1, d −1
        // weights 1, 1, 1: a 1.224745, b 1, d −1 (0 from A, where it is missing), c −1.224745
        List<Hit> fused = Fusion.weighted(List.of(run("a", 3, "b", 2, "c", 1), run("c", 5, "a", 5),
                run("b", 4, "d", 2)), new double[] {1, 1, 1}, Normalization.Z_SCORE, 10);
        assertThat(fused).extracting(Hit::docId).containsExactly("a", "b", "d", "c");
        assertThat(fused.get(0).score()).isCloseTo(Math.sqrt(1.5), within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(-1.0, within(1e-12));
        assertThat(fused.get(3).score()).isCloseTo(-Math.sqrt(1.5), within(1e-12));
    }

    @Test
    void aRunOfEqualScoresAddsNothingAndNeverNaN() {
        for (Normalization n : Normalization.values()) {
            List<Hit> fused = Fusion.weighted(List.of(run("a", 7, "b", 7), run("c", 1)), new double[] {1, 1}, n,
                    10);
            assertThat(fused).extracting(Hit::docId).containsExactly("a", "b", "c");
            assertThat(fused).extracting(Hit::score).containsOnly(0.0);
        }
    }

    @Test
    void weightZeroSilencesARunAndDepthCuts() {
        List<Hit> fused = Fusion.weighted(List.of(run("a", 3, "b", 1), run("b", 9, "a", 1)), new double[] {1, 0},
                Normalization.MIN_MAX, 1);
        assertThat(fused).extracting(Hit::docId).containsExactly("a");
    }

    @Test
    void badArgumentsGetClearMessages() {
        List<List<Hit>> two = List.of(ranks("a"), ranks("b"));
        assertThatThrownBy(() -> Fusion.weighted(two, new double[] {1}, Normalization.MIN_MAX, 10))
                .hasMessage("1 weights for 2 runs: give one weight per run");
        assertThatThrownBy(() -> Fusion.weighted(two, new double[] {1, -2}, Normalization.MIN_MAX, 10))
                .hasMessage("run 2: weight must be a number ≥ 0, got -2.0");
        assertThatThrownBy(() -> Fusion.weighted(List.of(run("a", 1, "b", Double.NaN)), new double[] {1},
                Normalization.Z_SCORE, 10)).hasMessage("run 1, rank 2 (b): score is not a finite number: NaN");
        assertThatThrownBy(() -> Fusion.rrf(two, 0, 10)).hasMessage("RRF k must be at least 1, got 0");
        assertThatThrownBy(() -> Fusion.rrf(two, 0)).hasMessage("fusion depth must be at least 1, got 0");
        assertThatThrownBy(() -> Fusion.weighted(two, new double[] {1, 1}, Normalization.MIN_MAX, 0))
                .hasMessage("fusion depth must be at least 1, got 0");
        assertThatThrownBy(() -> Fusion.rrf(Arrays.asList(ranks("a"), null), 5))
                .hasMessage("run 2 is missing (null)");
    }
}
