package io.rerankworkbench.eval.significance;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RandomizationTestTest {

    /** The exact p-value straight from the definition: every sign pattern, summed from scratch. */
    private static double enumerated(double[] a, double[] b) {
        int n = a.length;
        double observed = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            observed += a[i] - b[i];
            scale += Math.abs(a[i] - b[i]);
        }
        long count = 0;
        for (long mask = 0; mask < (1L << n); mask++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = a[i] - b[i];
                s += (mask >> i & 1) == 1 ? -d : d;
            }
            if (Math.abs(s) >= Math.abs(observed) - RandomizationTest.RELATIVE_TOLERANCE * scale) {
                count++;
            }
        }
        return (double) count / (1L << n);
    }

    private static double[][] pair(Random random, int n, double shift, boolean discrete) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            if (discrete) {
                a[i] = random.nextInt(11) / 10.0;
                b[i] = random.nextInt(11) / 10.0;
            } else {
                a[i] = random.nextDouble();
                b[i] = Math.min(1, Math.max(0, a[i] - shift + 0.2 * random.nextGaussian()));
            }
        }
        return new double[][] {a, b};
    }

    @Test
    void monteCarloAgreesWithExactEnumerationForEightToTwelveQueries() {
        Random random = new Random(2007);
        int permutations = 10_000;
        for (int n = 8; n <= 12; n++) {
            for (int round = 0; round < 4; round++) {
                double[][] ab = pair(random, n, round * 0.05, round % 2 == 1);
                double exact = enumerated(ab[0], ab[1]);
                RandomizationTest mc = RandomizationTest.monteCarlo(ab[0], ab[1], permutations, round);
                assertThat(mc.exact()).isFalse();
                assertThat(mc.permutations()).isEqualTo(permutations);
                // Five binomial standard errors, plus the +1's bias of at most 1/(B + 1).
                double tolerance = 5 * Math.sqrt(exact * (1 - exact) / permutations) + 1.0 / (permutations + 1);
                assertThat(mc.pValue()).as("n = %d, round %d", n, round)
                        .isCloseTo(exact, within(Math.max(tolerance, 2.0 / permutations)));
            }
        }
    }

    @Test
    void exactModeEqualsTheEnumerationExactly() {
        Random random = new Random(1979);
        for (int n = 1; n <= 16; n++) {
            double[][] ab = pair(random, n, 0.1, n % 3 == 0);
            RandomizationTest r = RandomizationTest.exact(ab[0], ab[1]);
            assertThat(r.exact()).isTrue();
            assertThat(r.queries()).isEqualTo(n);
            assertThat(r.permutations()).isEqualTo(1L << n);
            assertThat(r.pValue()).as("n = %d", n).isEqualTo(enumerated(ab[0], ab[1]));
        }
        double[][] ab = pair(random, 20, 0.1, false);
        assertThat(RandomizationTest.exact(ab[0], ab[1]).pValue()).isEqualTo(enumerated(ab[0], ab[1]));
    }

    @Test
    void identicalRunsGiveOne() {
        double[] a = {0.3, 0.5, 0.0, 1.0, 0.25, 0.6, 0.6, 0.1, 0.9, 0.4, 0.45, 0.2, 0.33, 0.8};
        assertThat(RandomizationTest.exact(a, a.clone()).pValue()).isEqualTo(1.0);
        assertThat(RandomizationTest.monteCarlo(a, a.clone(), 5_000, 1).pValue()).isEqualTo(1.0);
        assertThat(RandomizationTest.of(a, a.clone()).meanDifference()).isZero();
    }

    @Test
    void strongDifferencesGiveTinyPValues() {
        Random random = new Random(3);
        double[][] ab = pair(random, 50, 0.0, false);
        double[] better = new double[50];
        for (int i = 0; i < 50; i++) {
            better[i] = ab[1][i] + 0.3 + 0.01 * random.nextDouble();
        }
        RandomizationTest r = RandomizationTest.of(better, ab[1]);
        // No random pattern reaches a difference every query agrees on: only the observed one counts.
        assertThat(r.pValue()).isEqualTo(1.0 / (RandomizationTest.DEFAULT_PERMUTATIONS + 1));
        assertThat(r.meanDifference()).isGreaterThan(0.3);
        // Eight queries all in one direction: the exact p is the observed pattern and its mirror, 2/256.
        double[] a8 = {0.9, 0.8, 0.7, 0.95, 0.85, 0.75, 0.99, 0.88};
        double[] b8 = {0.1, 0.2, 0.3, 0.15, 0.25, 0.35, 0.05, 0.12};
        assertThat(RandomizationTest.exact(a8, b8).pValue()).isEqualTo(2.0 / 256);
    }

    @Test
    void theDirectionDoesNotChangeTheTwoSidedPValue() {
        Random random = new Random(8);
        double[][] ab = pair(random, 30, 0.05, false);
        RandomizationTest ab1 = RandomizationTest.of(ab[0], ab[1]);
        RandomizationTest ba1 = RandomizationTest.of(ab[1], ab[0]);
        assertThat(ba1.pValue()).isEqualTo(ab1.pValue());
        assertThat(ba1.meanDifference()).isCloseTo(-ab1.meanDifference(), within(1e-15));
    }

    @Test
    void ofEnumeratesWhenThePatternsAreNoMoreThanThePermutationsAndIsSeeded() {
        Random random = new Random(4);
        double[][] small = pair(random, 13, 0.05, false);
        RandomizationTest r = RandomizationTest.of(small[0], small[1]);
        assertThat(r.exact()).isTrue();
        assertThat(r.pValue()).isEqualTo(enumerated(small[0], small[1]));
        double[][] large = pair(random, 14, 0.05, false);
        RandomizationTest mc = RandomizationTest.of(large[0], large[1]);
        assertThat(mc.exact()).isFalse();
        assertThat(mc.seed()).isEqualTo(RandomizationTest.DEFAULT_SEED);
        assertThat(RandomizationTest.of(large[0], large[1])).isEqualTo(mc);
        RandomizationTest otherSeed = RandomizationTest.of(large[0], large[1], 10_000, 77);
        assertThat(otherSeed.pValue()).isNotEqualTo(mc.pValue());
    }

    @Test
    void tiesBetweenDiscreteDifferencesAreCounted() {
        // Differences ±0.1 sums of multiples of 0.1 tie in many patterns; summation order must not drop them.
        double[] a = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.2, 0.3, 0.4};
        double[] b = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.3, 0.4, 0.5};
        // d = seven of +0.1 and three of −0.1, |sum| = 0.4: patterns with k minus signs where |10 − 2k| ≥ 4,
        // k ≤ 3 or k ≥ 7: 2·(1 + 10 + 45 + 120) = 352 of 1024.
        assertThat(RandomizationTest.exact(a, b).pValue()).isEqualTo(352.0 / 1024);
    }

    @Test
    void refusesBadInputNamingWhere() {
        assertThatThrownBy(() -> RandomizationTest.of(new double[] {0.1, 0.2}, new double[] {0.3, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b[1] is NaN");
        assertThatThrownBy(() -> RandomizationTest.of(new double[] {0.1, 0.2}, new double[] {0.3}))
                .hasMessageContaining("a holds 2 queries and b holds 1");
        assertThatThrownBy(() -> RandomizationTest.exact(new double[21], new double[21]))
                .hasMessageContaining("at most 20 queries");
        assertThatThrownBy(() -> RandomizationTest.monteCarlo(new double[] {1}, new double[] {0}, 0, 1))
                .hasMessageContaining("permutations");
    }
}
