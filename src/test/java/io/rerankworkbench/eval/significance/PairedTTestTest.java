package io.rerankworkbench.eval.significance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedTTestTest {

    @Test
    void aHandWorkedCase() {
        // d = 0.1, 0.2, 0.3, 0.4: mean 0.25, s = √(0.05/3) = 0.129099, t = 0.25 / (s/2) = 3.872983, df 3.
        // Two-sided p for t = 3.873 on 3 df is 0.030466 (tables; scipy.stats.t.sf(3.872983, 3) * 2).
        double[] a = {0.6, 0.7, 0.8, 0.9};
        double[] b = {0.5, 0.5, 0.5, 0.5};
        PairedTTest r = PairedTTest.of(a, b);
        assertThat(r.meanDifference()).isCloseTo(0.25, within(1e-15));
        assertThat(r.t()).isCloseTo(Math.sqrt(15), within(1e-12));
        assertThat(r.degreesOfFreedom()).isEqualTo(3);
        assertThat(r.pValue()).isCloseTo(0.030466, within(1e-6));
        PairedTTest reversed = PairedTTest.of(b, a);
        assertThat(reversed.t()).isCloseTo(-r.t(), within(1e-12));
        assertThat(reversed.pValue()).isCloseTo(r.pValue(), within(1e-15));
    }

    @Test
    void identicalRankersGiveAnUndefinedTAndPOne() {
        double[] a = {0.3, 0.5, 0.9};
        PairedTTest r = PairedTTest.of(a, a.clone());
        assertThat(r.t()).isNaN();
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.meanDifference()).isZero();
    }

    @Test
    void aConstantNonZeroDifferenceIsCertain() {
        PairedTTest r = PairedTTest.of(new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25});
        assertThat(r.t()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.pValue()).isZero();
        assertThat(PairedTTest.of(new double[] {0.25, 0.25}, new double[] {0.5, 0.5}).t())
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void refusesFewerThanTwoQueriesAndNaN() {
        assertThatThrownBy(() -> PairedTTest.of(new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two queries, got 1");
        assertThatThrownBy(() -> PairedTTest.of(new double[] {Double.NaN, 1}, new double[] {0, 0}))
                .hasMessageContaining("a[0] is NaN");
    }
}
