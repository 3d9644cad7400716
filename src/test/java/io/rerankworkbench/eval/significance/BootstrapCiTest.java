package io.rerankworkbench.eval.significance;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BootstrapCiTest {

    @Test
    void aConstantVectorGivesAZeroWidthIntervalAtItsValue() {
        double[] values = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        BootstrapCi ci = BootstrapCi.of(values);
        assertThat(ci.width()).isZero();
        assertThat(ci.lower()).isEqualTo(ci.mean()).isCloseTo(0.1, within(1e-15));
        assertThat(ci.upper()).isEqualTo(ci.mean());
    }

    @Test
    void aSingleQueryGivesAZeroWidthInterval() {
        BootstrapCi ci = BootstrapCi.of(new double[] {0.42});
        assertThat(ci.mean()).isEqualTo(0.42);
        assertThat(ci.lower()).isEqualTo(0.42);
        assertThat(ci.upper()).isEqualTo(0.42);
    }

    @Test
    void twoValuesGiveTheKnownQuantilesOfTheirResampledMeans() {
        // Resampling {0, 1} gives means 0, 0.5 and 1 with probabilities 1/4, 1/2, 1/4. The 2.5th and 97.5th
        // percentiles of 10,000 such means are 0 and 1 (a quarter of them are each); the 30th and 70th (a 40 %
        // interval) both fall among the halves.
        double[] values = {0, 1};
        BootstrapCi ci95 = BootstrapCi.of(values);
        assertThat(ci95.mean()).isEqualTo(0.5);
        assertThat(ci95.lower()).isEqualTo(0.0);
        assertThat(ci95.upper()).isEqualTo(1.0);
        BootstrapCi ci40 = BootstrapCi.of(values, 0.40, 10_000, 7);
        assertThat(ci40.lower()).isEqualTo(0.5);
        assertThat(ci40.upper()).isEqualTo(0.5);
    }

    @Test
    void theIntervalBracketsTheMeanAndRecordsItsSettings() {
        Random random = new Random(5);
        for (int round = 0; round < 20; round++) {
            int n = 5 + random.nextInt(100);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextDouble() < 0.3 ? 0 : random.nextDouble();
            }
            BootstrapCi ci = BootstrapCi.of(values, 0.9, 2_000, round);
            assertThat(ci.lower()).isLessThanOrEqualTo(ci.mean());
            assertThat(ci.upper()).isGreaterThanOrEqualTo(ci.mean());
            assertThat(ci.width()).isPositive();
            assertThat(ci.level()).isEqualTo(0.9);
            assertThat(ci.resamples()).isEqualTo(2_000);
            assertThat(ci.seed()).isEqualTo(round);
        }
    }

    @Test
    void onALargeSampleItApproachesTheNormalInterval() {
        // The bootstrap distribution of the mean has standard deviation σ̂/√n with σ̂ the plug-in (divisor n)
        // standard deviation; for n = 2,000 it is close to normal, so the interval is mean ± 1.96·σ̂/√n. The
        // Monte Carlo error of a 2.5 % quantile from 10,000 resamples is about 1.4 % of the half-width.
        Random random = new Random(11);
        int n = 2_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 0.5 + 0.2 * random.nextGaussian();
        }
        double mean = PerQuery.mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double halfWidth = 1.959964 * Math.sqrt(squares / n) / Math.sqrt(n);
        BootstrapCi ci = BootstrapCi.of(values);
        assertThat(ci.mean()).isEqualTo(mean);
        assertThat(ci.lower()).isCloseTo(mean - halfWidth, within(0.06 * halfWidth));
        assertThat(ci.upper()).isCloseTo(mean + halfWidth, within(0.06 * halfWidth));
        // A 68.27 % interval is about ±1σ.
        BootstrapCi one = BootstrapCi.of(values, 0.682689, 10_000, 3);
        assertThat(one.width() / 2).isCloseTo(halfWidth / 1.959964, within(0.06 * halfWidth / 1.959964));
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnotherOne() {
        double[] values = {0.2, 0.9, 0.4, 0.0, 0.7, 0.55, 0.31, 1.0, 0.12, 0.8};
        BootstrapCi first = BootstrapCi.of(values, 0.95, 10_000, 123);
        assertThat(BootstrapCi.of(values, 0.95, 10_000, 123)).isEqualTo(first);
        BootstrapCi other = BootstrapCi.of(values, 0.95, 10_000, 124);
        assertThat(other.lower() != first.lower() || other.upper() != first.upper()).isTrue();
        assertThat(BootstrapCi.of(values)).isEqualTo(
                BootstrapCi.of(values, BootstrapCi.DEFAULT_LEVEL, BootstrapCi.DEFAULT_RESAMPLES,
                        BootstrapCi.DEFAULT_SEED));
    }

    @Test
    void aHigherLevelGivesAWiderInterval() {
        double[] values = {0.2, 0.9, 0.4, 0.0, 0.7, 0.55, 0.31, 1.0, 0.12, 0.8};
        BootstrapCi ci80 = BootstrapCi.of(values, 0.80, 10_000, 1);
        BootstrapCi ci99 = BootstrapCi.of(values, 0.99, 10_000, 1);
        assertThat(ci99.lower()).isLessThan(ci80.lower());
        assertThat(ci99.upper()).isGreaterThan(ci80.upper());
    }

    @Test
    void typeSevenQuantileInterpolatesBetweenNeighbours() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(BootstrapCi.quantile(sorted, 0)).isEqualTo(1);
        assertThat(BootstrapCi.quantile(sorted, 0.25)).isEqualTo(1.75);
        assertThat(BootstrapCi.quantile(sorted, 0.5)).isEqualTo(2.5);
        assertThat(BootstrapCi.quantile(sorted, 1)).isEqualTo(4);
        assertThat(BootstrapCi.quantile(new double[] {7}, 0.3)).isEqualTo(7);
    }

    @Test
    void refusesNaNNamingTheQueryIndexAndBadSettings() {
        assertThatThrownBy(() -> BootstrapCi.of(new double[] {0.1, 0.2, Double.NaN, 0.4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("values[2] is NaN");
        assertThatThrownBy(() -> BootstrapCi.of(new double[] {0.1, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("values[1] is Infinity");
        assertThatThrownBy(() -> BootstrapCi.of(new double[0]))
                .hasMessageContaining("no queries");
        assertThatThrownBy(() -> BootstrapCi.of(new double[] {1}, 1.0, 100, 1))
                .hasMessageContaining("confidence level");
        assertThatThrownBy(() -> BootstrapCi.of(new double[] {1}, 0.95, 0, 1))
                .hasMessageContaining("resamples");
    }
}
