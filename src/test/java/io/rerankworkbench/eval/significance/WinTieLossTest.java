package io.rerankworkbench.eval.significance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WinTieLossTest {

    @Test
    void countsWinsTiesAndLossesWithTheTolerance() {
        double[] a = {0.5, 0.4, 0.3, 0.7, 0.1 + 0.2, 0.0};
        double[] b = {0.4, 0.4, 0.5, 0.6, 0.3, 0.0};
        // 0.1 + 0.2 ≠ 0.3 in binary, but within 1e-9: a tie.
        WinTieLoss w = WinTieLoss.of(a, b);
        assertThat(w).isEqualTo(new WinTieLoss(2, 3, 1, 1e-9));
        assertThat(w.queries()).isEqualTo(6);
        WinTieLoss strict = WinTieLoss.of(a, b, 0);
        assertThat(strict.wins()).isEqualTo(3);
        assertThat(strict.ties()).isEqualTo(2);
        WinTieLoss loose = WinTieLoss.of(a, b, 0.15);
        assertThat(loose).isEqualTo(new WinTieLoss(0, 5, 1, 0.15));
        assertThat(WinTieLoss.of(b, a)).isEqualTo(new WinTieLoss(1, 3, 2, 1e-9));
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> WinTieLoss.of(new double[] {1}, new double[] {0}, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tie tolerance");
        assertThatThrownBy(() -> WinTieLoss.of(new double[] {1, 2}, new double[] {0, Double.NEGATIVE_INFINITY}))
                .hasMessageContaining("b[1] is -Infinity");
    }
}
