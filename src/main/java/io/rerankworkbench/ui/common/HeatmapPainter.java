package io.rerankworkbench.ui.common;

import io.rerankworkbench.core.ColorScale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link HeatmapView} on four canvases, each the size of what it shows: the cells, an overlay for outlines
 * (so hovering repaints a few strokes, not the cells), the row labels and the column labels. Only the visible cells
 * and labels are drawn; nothing here holds one node per cell. FX thread only.
 */
final class HeatmapPainter {

    /** Colours and fonts from the stylesheet. */
    record Style(Font font, Font bold, Paint text, Paint highlight, Paint grid, Paint focus, Paint hoverFill) {
    }

    /** What the overlay and the labels mark: -1 or null for nothing. */
    record Marks(HeatmapView.Cell hovered, int hoveredRow, int hoveredColumn, HeatmapView.Cell selected,
                 int highlightedRow, int highlightedColumn, boolean focused) {
    }

    /** Below this many pixels a cell gets no grid line: the line would eat most of it. */
    private static final double GRID_MIN = 8;

    final Canvas cells = new Canvas();
    final Canvas overlay = new Canvas();
    final Canvas rowLabels = new Canvas();
    final Canvas columnLabels = new Canvas();

    private HeatmapData data;
    private int[] rgb = new int[0];
    private final Map<Integer, Color> colours = new HashMap<>();
    private String[] rowText = new String[0];
    private String[] columnText = new String[0];
    private double rowTextWidth;
    private double columnTextWidth;
    private List<String> measuredRows;
    private List<String> measuredColumns;
    private Font measuredFont;
    private double measuredRowCap;
    private double measuredColumnCap;

    HeatmapPainter() {
        overlay.setMouseTransparent(true);
    }

    /** Takes new data: colours every cell once, and measures its labels (again only if they or the font changed). */
    void setData(HeatmapData newData, Font font, double rowCap, double columnCap) {
        data = newData;
        if (newData == null) {
            rgb = new int[0];
            measure(List.of(), List.of(), font, rowCap, columnCap);
            return;
        }
        int rows = newData.rowCount();
        int columns = newData.columnCount();
        rgb = new int[rows * columns];
        ColorScale scale = newData.scale();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                rgb[r * columns + c] = scale.rgb(newData.value(r, c));
            }
        }
        measure(newData.rowLabels(), newData.columnLabels(), font, rowCap, columnCap);
    }

    private void measure(List<String> rows, List<String> columns, Font font, double rowCap, double columnCap) {
        if (rows.equals(measuredRows) && columns.equals(measuredColumns) && font.equals(measuredFont)
                && rowCap == measuredRowCap && columnCap == measuredColumnCap) {
            return; // a new layer or head of the same words: nothing to measure
        }
        // Measured in bold, so a highlighted label fits where the plain one does.
        Font bold = TextMeasure.bold(font);
        rowText = new String[rows.size()];
        rowTextWidth = 0;
        for (int i = 0; i < rowText.length; i++) {
            rowText[i] = TextMeasure.fit(rows.get(i), bold, rowCap);
            rowTextWidth = Math.max(rowTextWidth, TextMeasure.width(rowText[i], bold));
        }
        columnText = new String[columns.size()];
        columnTextWidth = 0;
        for (int i = 0; i < columnText.length; i++) {
            columnText[i] = TextMeasure.fit(columns.get(i), bold, columnCap);
            columnTextWidth = Math.max(columnTextWidth, TextMeasure.width(columnText[i], bold));
        }
        measuredRows = rows;
        measuredColumns = columns;
        measuredFont = font;
        measuredRowCap = rowCap;
        measuredColumnCap = columnCap;
    }

    double rowTextWidth() {
        return Math.min(measuredRowCap, Math.ceil(rowTextWidth));
    }

    double columnTextWidth() {
        return Math.min(measuredColumnCap, Math.ceil(columnTextWidth));
    }

    /** The colour a cell is drawn with, {@code 0xRRGGBB}. */
    int rgb(int row, int column) {
        return rgb[row * data.columnCount() + column];
    }

    /** Sizes and places the canvases for {@code g}. */
    void place(HeatmapGeometry g) {
        size(cells, g.viewportX(), g.viewportY(), g.viewportWidth(), g.viewportHeight());
        size(overlay, g.viewportX(), g.viewportY(), g.viewportWidth(), g.viewportHeight());
        size(rowLabels, g.left(), g.viewportY(), g.gutterWidth(), g.viewportHeight());
        size(columnLabels, g.viewportX(), g.top(), g.viewportWidth(), g.headerHeight());
    }

    private static void size(Canvas canvas, double x, double y, double w, double h) {
        canvas.relocate(x, y);
        if (canvas.getWidth() != w) {
            canvas.setWidth(w);
        }
        if (canvas.getHeight() != h) {
            canvas.setHeight(h);
        }
    }

    void paintCells(HeatmapGeometry g, Style style, boolean showValues) {
        GraphicsContext gc = cells.getGraphicsContext2D();
        // Clearing the whole canvas also drops the previous frame's queued commands.
        gc.clearRect(0, 0, cells.getWidth(), cells.getHeight());
        if (data == null || g.rows() == 0 || g.columns() == 0) {
            return;
        }
        int c0 = g.firstColumn();
        int c1 = g.endColumn();
        int r0 = g.firstRow();
        int r1 = g.endRow();
        double cw = g.cellWidth();
        double ch = g.cellHeight();
        boolean grid = cw >= GRID_MIN && ch >= GRID_MIN;
        double inset = grid ? 1 : 0;
        if (grid) {
            gc.setFill(style.grid());
            gc.fillRect(0, 0, cells.getWidth(), cells.getHeight());
        }
        int columns = g.columns();
        int last = -1;
        for (int r = r0; r < r1; r++) {
            double y = r * ch - g.scrollY();
            for (int c = c0; c < c1; c++) {
                int colour = rgb[r * columns + c];
                if (colour != last) {
                    gc.setFill(colour(colour));
                    last = colour;
                }
                // Whole pixels and a one-pixel gap on the left and top: the centre is always the value's colour.
                gc.fillRect(c * cw - g.scrollX() + inset, y + inset, cw - inset, ch - inset);
            }
        }
        if (showValues) {
            paintValues(gc, g, style, c0, c1, r0, r1);
        }
    }

    private void paintValues(GraphicsContext gc, HeatmapGeometry g, Style style, int c0, int c1, int r0, int r1) {
        double lineHeight = TextMeasure.lineHeight(style.font());
        if (g.cellHeight() < lineHeight) {
            return;
        }
        gc.setFont(style.font());
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                double v = data.value(r, c);
                if (Double.isNaN(v)) {
                    continue;
                }
                String text = TextMeasure.tick(v);
                if (TextMeasure.width(text, style.font()) + 4 > g.cellWidth()) {
                    continue;
                }
                gc.setFill(colour(ColorScale.textOn(rgb(r, c))));
                gc.fillText(text, c * g.cellWidth() - g.scrollX() + g.cellWidth() / 2 + 0.5,
                        r * g.cellHeight() - g.scrollY() + g.cellHeight() / 2 + 0.5);
            }
        }
    }

    void paintOverlay(HeatmapGeometry g, Style style, Marks marks) {
        GraphicsContext gc = overlay.getGraphicsContext2D();
        gc.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        if (data == null) {
            return;
        }
        double cw = g.cellWidth();
        double ch = g.cellHeight();
        // Two tones, so the outline shows on the dark and the light ends of every scale.
        if (marks.highlightedColumn() >= 0) {
            double x = marks.highlightedColumn() * cw - g.scrollX();
            outline(gc, style, x, -g.scrollY(), cw, g.contentHeight());
        }
        if (marks.highlightedRow() >= 0) {
            outline(gc, style, -g.scrollX(), marks.highlightedRow() * ch - g.scrollY(), g.contentWidth(), ch);
        }
        gc.setLineWidth(2);
        HeatmapView.Cell s = marks.selected();
        if (s != null) {
            gc.setStroke(marks.focused() ? style.focus() : style.text());
            gc.strokeRect(s.column() * cw - g.scrollX() + 1, s.row() * ch - g.scrollY() + 1, cw - 2, ch - 2);
        }
        HeatmapView.Cell h = marks.hovered();
        if (h != null) {
            // Black or white, whichever shows on this cell's colour.
            gc.setStroke(colour(ColorScale.textOn(rgb(h.row(), h.column()))));
            gc.setLineWidth(1);
            gc.strokeRect(h.column() * cw - g.scrollX() + 1.5, h.row() * ch - g.scrollY() + 1.5, cw - 2, ch - 2);
        }
    }

    private static void outline(GraphicsContext gc, Style style, double x, double y, double w, double h) {
        gc.setLineWidth(2);
        gc.setStroke(style.highlight());
        gc.strokeRect(x + 1, y + 1, w - 2, h - 2);
        gc.setLineWidth(1);
        gc.setStroke(style.grid());
        gc.strokeRect(x + 2.5, y + 2.5, w - 5, h - 5);
    }

    void paintRowLabels(HeatmapGeometry g, Style style, Marks marks) {
        GraphicsContext gc = rowLabels.getGraphicsContext2D();
        gc.clearRect(0, 0, rowLabels.getWidth(), rowLabels.getHeight());
        if (data == null) {
            return;
        }
        double ch = g.cellHeight();
        double right = g.gutterWidth() - (g.gutterWidth() - rowTextWidth()) / 2;
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (int r = g.firstRow(); r < g.endRow(); r++) {
            double y = r * ch - g.scrollY();
            if (r == marks.hoveredRow()) {
                gc.setFill(style.hoverFill());
                gc.fillRect(0, y, g.gutterWidth(), ch);
            }
            boolean strong = r == marks.highlightedRow();
            gc.setFont(strong ? style.bold() : style.font());
            gc.setFill(strong ? style.highlight() : style.text());
            gc.fillText(rowText[r], right, y + ch / 2);
        }
    }

    void paintColumnLabels(HeatmapGeometry g, Style style, Marks marks) {
        GraphicsContext gc = columnLabels.getGraphicsContext2D();
        gc.clearRect(0, 0, columnLabels.getWidth(), columnLabels.getHeight());
        if (data == null) {
            return;
        }
        double cw = g.cellWidth();
        double header = g.headerHeight();
        double padding = (header - (g.horizontalLabels() ? TextMeasure.lineHeight(style.font()) : columnTextWidth()))
                / 2;
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(g.horizontalLabels() ? TextAlignment.CENTER : TextAlignment.LEFT);
        for (int c = g.firstColumn(); c < g.endColumn(); c++) {
            double x = c * cw - g.scrollX();
            if (c == marks.hoveredColumn()) {
                gc.setFill(style.hoverFill());
                gc.fillRect(x, 0, cw, header);
            }
            boolean strong = c == marks.highlightedColumn();
            gc.setFont(strong ? style.bold() : style.font());
            gc.setFill(strong ? style.highlight() : style.text());
            if (g.horizontalLabels()) {
                gc.fillText(columnText[c], x + cw / 2, header / 2);
            } else {
                // Turned a quarter left, reading bottom to top, starting just above the cells.
                gc.setTransform(0, -1, 1, 0, x + cw / 2, header - padding);
                gc.fillText(columnText[c], 0, 0);
                gc.setTransform(1, 0, 0, 1, 0, 0);
            }
        }
    }

    private Color colour(int packed) {
        if (colours.size() > 1 << 16) {
            colours.clear(); // a long session of continuous scales; the cache is only to spare allocations
        }
        return colours.computeIfAbsent(packed, ColorLegend::rgb);
    }
}
