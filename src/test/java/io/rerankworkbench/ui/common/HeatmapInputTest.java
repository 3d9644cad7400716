package io.rerankworkbench.ui.common;

import io.rerankworkbench.ui.common.HeatmapView.Cell;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeatmapInputTest {

    private static Cell move(Cell from, KeyCode code, boolean shortcut) {
        return HeatmapInput.move(from, code, shortcut, 64, 512, 20);
    }

    @Test
    void keysMoveWithinTheMap() {
        Cell middle = new Cell(10, 100);
        assertThat(move(middle, KeyCode.LEFT, false)).isEqualTo(new Cell(10, 99));
        assertThat(move(middle, KeyCode.KP_DOWN, false)).isEqualTo(new Cell(11, 100));
        assertThat(move(middle, KeyCode.PAGE_DOWN, false)).isEqualTo(new Cell(30, 100));
        assertThat(move(middle, KeyCode.HOME, false)).isEqualTo(new Cell(10, 0));
        assertThat(move(middle, KeyCode.END, false)).isEqualTo(new Cell(10, 511));
        assertThat(move(middle, KeyCode.HOME, true)).isEqualTo(new Cell(0, 0));
        assertThat(move(middle, KeyCode.END, true)).isEqualTo(new Cell(63, 511));
    }

    @Test
    void theEdgesHoldAndOtherKeysAreNotNavigation() {
        assertThat(move(new Cell(0, 0), KeyCode.UP, false)).isEqualTo(new Cell(0, 0));
        assertThat(move(new Cell(0, 0), KeyCode.LEFT, false)).isEqualTo(new Cell(0, 0));
        assertThat(move(new Cell(60, 511), KeyCode.PAGE_DOWN, false)).isEqualTo(new Cell(63, 511));
        assertThat(move(new Cell(60, 511), KeyCode.RIGHT, false)).isEqualTo(new Cell(60, 511));
        assertThat(move(new Cell(1, 1), KeyCode.A, false)).isNull();
        assertThat(move(new Cell(1, 1), KeyCode.TAB, false)).isNull();
    }
}
