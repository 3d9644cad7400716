package io.rerankworkbench.eval.significance;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HolmTest {

    @Test
    void handWorkedFamily() {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
        double[] adjusted = Holm.adjust(0.01, 0.04, 0.03, 0.005);
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
    }

    @Test
    void capsAtOneAndKeepsOneValueAsIs() {
        // Sorted: 0.01·3 = 0.03, 0.2·2 = 0.4, 0.5·1 = 0.5 (R's p.adjust(c(0.2, 0.5, 0.01), "holm")); 0.6·2 caps at 1.
        double[] adjusted = Holm.adjust(0.2, 0.5, 0.01);
        assertThat(adjusted).containsExactly(new double[] {0.4, 0.5, 0.03}, within(1e-15));
        assertThat(Holm.adjust(0.6, 0.7)).containsExactly(1.0, 1.0);
        assertThat(Holm.adjust(0.037)).containsExactly(0.037);
    }

    @Test
    void tiedPValuesGetTheSameAdjustedValueWhateverTheirOrder() {
        assertThat(Holm.adjust(0.02, 0.01, 0.02)).containsExactly(new double[] {0.04, 0.03, 0.04}, within(1e-15));
    }

    @Test
    void adjustedValuesAreMonotoneAtLeastTheRawAndAtMostBonferroni() {
        Random random = new Random(17);
        for (int round = 0; round < 50; round++) {
            int m = 1 + random.nextInt(12);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = random.nextDouble() * random.nextDouble();
            }
            double[] adjusted = Holm.adjust(p);
            for (int i = 0; i < m; i++) {
                assertThat(adjusted[i]).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(Math.min(1, m * p[i]));
                for (int j = 0; j < m; j++) {
                    if (p[i] < p[j]) {
                        assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
                    }
                }
            }
        }
    }

    @Test
    void refusesValuesOutsideZeroToOne() {
        assertThatThrownBy(() -> Holm.adjust(0.1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1] is NaN");
        assertThatThrownBy(() -> Holm.adjust(1.5)).hasMessageContaining("[0] is 1.5");
        assertThatThrownBy(() -> Holm.adjust()).hasMessageContaining("at least one");
    }
}
