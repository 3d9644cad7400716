package io.rerankworkbench.ui.common;

/**
 * Where everything of a {@link HeatmapView} sits, in the view's coordinates: the row-label gutter on the left, the
 * column-label header on top, the cell viewport, and how far the cells are scrolled. Pure arithmetic, so hit tests
 * and cell bounds are the same numbers the painter draws with.
 *
 * @param left             x of the gutter's left edge (the view's left inset)
 * @param top              y of the header's top edge (the view's top inset)
 * @param rows             rows of the map
 * @param columns          columns of the map
 * @param cellWidth        a cell's width, whole pixels
 * @param cellHeight       a cell's height, whole pixels
 * @param gutterWidth      the row-label gutter's width
 * @param headerHeight     the column-label header's height
 * @param horizontalLabels whether column labels are written across (they fit their cells) or turned upright
 * @param viewportWidth    the visible width of the cell area
 * @param viewportHeight   the visible height of the cell area
 * @param horizontalBar    whether the cells are wider than the viewport (a horizontal scroll bar shows)
 * @param verticalBar      whether the cells are taller than the viewport (a vertical scroll bar shows)
 * @param scrollX          how many pixels of cells are scrolled out on the left, whole pixels
 * @param scrollY          how many pixels of cells are scrolled out on top, whole pixels
 */
record HeatmapGeometry(double left, double top, int rows, int columns, double cellWidth, double cellHeight,
                       double gutterWidth, double headerHeight, boolean horizontalLabels, double viewportWidth,
                       double viewportHeight, boolean horizontalBar, boolean verticalBar, double scrollX,
                       double scrollY) {

    /** Cell sizes the view may choose from. */
    record Sizing(double minCellWidth, double maxCellWidth, double cellHeight) {
    }

    /** The measured labels: the widest row label and column label (already capped), and a line's height. */
    record LabelSizes(double rowLabelWidth, double columnLabelWidth, double lineHeight, double padding) {
    }

    static final HeatmapGeometry EMPTY = new HeatmapGeometry(0, 0, 0, 0, 1, 1, 0, 0, true, 0, 0, false, false, 0, 0);

    /**
     * Lays a map of {@code rows × columns} out in the area {@code (left, top, width, height)}: cells as wide as the
     * area allows between the sizing's bounds, column labels across when they fit a cell and upright otherwise, and
     * scroll bars (of the given thickness) only where the cells overflow. The viewport shrinks to the cells when
     * they are smaller than the area. The scroll offsets are clamped to what the new layout can scroll.
     */
    static HeatmapGeometry fit(int rows, int columns, double left, double top, double width, double height,
                               Sizing sizing, LabelSizes labels, double barThickness, double scrollX,
                               double scrollY) {
        double gutter = Math.ceil(labels.rowLabelWidth() + 2 * labels.padding());
        double cellHeight = Math.max(1, Math.round(sizing.cellHeight()));
        boolean verticalBar = false;
        HeatmapGeometry g = null;
        // Two passes: a vertical bar takes width, which can shrink the cells and turn the labels upright.
        for (int pass = 0; pass < 2; pass++) {
            double availableWidth = Math.max(0, width - gutter - (verticalBar ? barThickness : 0));
            double cellWidth = columns == 0 ? sizing.minCellWidth()
                    : Math.floor(Math.max(sizing.minCellWidth(), Math.min(sizing.maxCellWidth(), availableWidth / columns)));
            cellWidth = Math.max(1, cellWidth);
            boolean across = labels.columnLabelWidth() + 2 * labels.padding() <= cellWidth;
            double header = Math.ceil(across ? labels.lineHeight() + 2 * labels.padding()
                    : labels.columnLabelWidth() + 2 * labels.padding());
            double contentWidth = columns * cellWidth;
            double contentHeight = rows * cellHeight;
            boolean horizontalBar = contentWidth > availableWidth;
            double availableHeight = Math.max(0, height - header - (horizontalBar ? barThickness : 0));
            boolean needsVertical = contentHeight > availableHeight;
            g = new HeatmapGeometry(left, top, rows, columns, cellWidth, cellHeight, gutter, header, across,
                    Math.min(availableWidth, contentWidth), Math.min(availableHeight, contentHeight), horizontalBar,
                    needsVertical, 0, 0);
            if (needsVertical == verticalBar) {
                break;
            }
            verticalBar = needsVertical;
        }
        return g.withScroll(scrollX, scrollY);
    }

    double contentWidth() {
        return columns * cellWidth;
    }

    double contentHeight() {
        return rows * cellHeight;
    }

    double maxScrollX() {
        return Math.max(0, contentWidth() - viewportWidth);
    }

    double maxScrollY() {
        return Math.max(0, contentHeight() - viewportHeight);
    }

    /** The same layout scrolled to {@code (x, y)}, rounded to whole pixels and clamped. */
    HeatmapGeometry withScroll(double x, double y) {
        double sx = Math.round(Math.max(0, Math.min(maxScrollX(), x)));
        double sy = Math.round(Math.max(0, Math.min(maxScrollY(), y)));
        return new HeatmapGeometry(left, top, rows, columns, cellWidth, cellHeight, gutterWidth, headerHeight,
                horizontalLabels, viewportWidth, viewportHeight, horizontalBar, verticalBar, sx, sy);
    }

    /** x of the cell viewport's left edge. */
    double viewportX() {
        return left + gutterWidth;
    }

    /** y of the cell viewport's top edge. */
    double viewportY() {
        return top + headerHeight;
    }

    /** The first column at least partly visible. */
    int firstColumn() {
        return Math.min(columns, (int) Math.floor(scrollX / cellWidth));
    }

    /** One past the last column at least partly visible. */
    int endColumn() {
        return Math.min(columns, (int) Math.ceil((scrollX + viewportWidth) / cellWidth));
    }

    int firstRow() {
        return Math.min(rows, (int) Math.floor(scrollY / cellHeight));
    }

    int endRow() {
        return Math.min(rows, (int) Math.ceil((scrollY + viewportHeight) / cellHeight));
    }

    /** x of the column's left edge, in the view (outside the viewport when scrolled away). */
    double columnX(int column) {
        return viewportX() + column * cellWidth - scrollX;
    }

    /** y of the row's top edge, in the view. */
    double rowY(int row) {
        return viewportY() + row * cellHeight - scrollY;
    }

    /** The column under view x, if x is over the cells' horizontal extent in the viewport; else -1. */
    int columnAt(double x) {
        double local = x - viewportX();
        if (local < 0 || local >= viewportWidth) {
            return -1;
        }
        int column = (int) Math.floor((local + scrollX) / cellWidth);
        return column < columns ? column : -1;
    }

    /** The row under view y, if y is over the cells' vertical extent in the viewport; else -1. */
    int rowAt(double y) {
        double local = y - viewportY();
        if (local < 0 || local >= viewportHeight) {
            return -1;
        }
        int row = (int) Math.floor((local + scrollY) / cellHeight);
        return row < rows ? row : -1;
    }

    boolean inHeader(double x, double y) {
        return y >= top && y < viewportY() && columnAt(x) >= 0;
    }

    boolean inGutter(double x, double y) {
        return x >= left && x < viewportX() && rowAt(y) >= 0;
    }

    /** The horizontal scroll offset that brings the column fully into view, moving as little as possible. */
    double scrollXToShow(int column) {
        double x0 = column * cellWidth;
        double x1 = x0 + cellWidth;
        if (x0 < scrollX) {
            return x0;
        }
        if (x1 > scrollX + viewportWidth) {
            return Math.min(x0, x1 - viewportWidth);
        }
        return scrollX;
    }

    double scrollYToShow(int row) {
        double y0 = row * cellHeight;
        double y1 = y0 + cellHeight;
        if (y0 < scrollY) {
            return y0;
        }
        if (y1 > scrollY + viewportHeight) {
            return Math.min(y0, y1 - viewportHeight);
        }
        return scrollY;
    }
}
