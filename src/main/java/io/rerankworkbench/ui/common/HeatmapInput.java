package io.rerankworkbench.ui.common;

import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;

/** What the keys and the wheel do to a {@link HeatmapView}, as arithmetic on cells and pixels. */
final class HeatmapInput {

    private HeatmapInput() {
    }

    /**
     * The cell a navigation key moves to from {@code from} (clamped to the map), or null if {@code code} does not
     * navigate. Home/End go to the row's first/last column, with the shortcut key to the map's corners; Page Up/Down
     * move by {@code page} rows.
     */
    static HeatmapView.Cell move(HeatmapView.Cell from, KeyCode code, boolean shortcut, int rows, int columns,
                                 int page) {
        int row = from.row();
        int column = from.column();
        switch (code) {
            case LEFT, KP_LEFT -> column--;
            case RIGHT, KP_RIGHT -> column++;
            case UP, KP_UP -> row--;
            case DOWN, KP_DOWN -> row++;
            case PAGE_UP -> row -= page;
            case PAGE_DOWN -> row += page;
            case HOME -> {
                column = 0;
                row = shortcut ? 0 : row;
            }
            case END -> {
                column = columns - 1;
                row = shortcut ? rows - 1 : row;
            }
            default -> {
                return null;
            }
        }
        return new HeatmapView.Cell(Math.max(0, Math.min(rows - 1, row)), Math.max(0, Math.min(columns - 1, column)));
    }

    /**
     * How far a scroll event moves the cells, {@code {dx, dy}} in pixels (positive: towards the start). A wheel's lines
     * are cells and its pages viewports; a touch pad's pixels are pixels. Shift turns the wheel sideways, and so does
     * a map with nothing to scroll vertically (one row of occlusion drops over a long document).
     */
    static double[] scroll(ScrollEvent e, HeatmapGeometry g) {
        double dx = switch (e.getTextDeltaXUnits()) {
            case CHARACTERS -> e.getTextDeltaX() * g.cellWidth();
            case NONE -> e.getDeltaX();
        };
        double dy = vertical(e, g.cellHeight(), g.viewportHeight());
        if (dx == 0 && (e.isShiftDown() || g.maxScrollY() == 0)) {
            return new double[]{vertical(e, g.cellWidth(), g.viewportWidth()), 0};
        }
        return new double[]{dx, dy};
    }

    private static double vertical(ScrollEvent e, double line, double page) {
        return switch (e.getTextDeltaYUnits()) {
            case LINES -> e.getTextDeltaY() * line;
            case PAGES -> e.getTextDeltaY() * page;
            case NONE -> e.getDeltaY();
        };
    }
}
