package io.rerankworkbench.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleRole;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A heatmap of a {@link HeatmapData} matrix: row labels on the left, column labels on top (written across when they
 * fit a cell, turned upright when not), the cells, scroll bars where the cells overflow, and a {@link ColorLegend}
 * below. Serves explanation maps, rank matrices and agreement matrices alike.
 *
 * <p>Drawn on canvases sized to the viewport: only the visible cells and labels are drawn, so a map of 64 × 512 or
 * 1,000 × 20 costs what fits on screen, and the scene graph holds the same dozen nodes whatever the map's size.
 * Cells are 16–48 px wide (growing to fill when there are few columns) and 18 px high by default.
 *
 * <p>The pointer over a cell sets {@link #hoveredCellProperty()} and shows "row → column: value name" beside it; over
 * a label it shows that label's full text and description. A click on a column label toggles
 * {@link #highlightedColumnProperty()} and calls {@link #onColumnClickedProperty()}; the same for rows; a click on a
 * cell selects it and calls {@link #onCellClickedProperty()}. With focus, the arrow keys, Home/End and Page Up/Down
 * move the selected cell and Enter or Space acts as a click on it. The wheel scrolls vertically, Shift + wheel (or
 * the wheel on a map with nothing to scroll vertically) horizontally. FX thread only.
 */
public class HeatmapView extends Region {

    /** A cell's position. */
    public record Cell(int row, int column) {
    }

    private static final double ROW_LABEL_CAP = 180;
    private static final double COLUMN_LABEL_CAP = 120;
    private static final double LABEL_PADDING = 4;
    private static final double LEGEND_GAP = 6;
    private static final double PREF_CONTENT_WIDTH = 800;
    private static final double PREF_CONTENT_HEIGHT = 540;

    private final ObjectProperty<HeatmapData> data = new SimpleObjectProperty<>(this, "data");
    private final ReadOnlyObjectWrapper<Cell> hoveredCell = new ReadOnlyObjectWrapper<>(this, "hoveredCell");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final ObjectProperty<Cell> selectedCell = new SimpleObjectProperty<>(this, "selectedCell");
    private final IntegerProperty highlightedRow = new SimpleIntegerProperty(this, "highlightedRow", -1);
    private final IntegerProperty highlightedColumn = new SimpleIntegerProperty(this, "highlightedColumn", -1);
    private final ObjectProperty<Consumer<Cell>> onCellClicked = new SimpleObjectProperty<>(this, "onCellClicked");
    private final ObjectProperty<IntConsumer> onColumnClicked = new SimpleObjectProperty<>(this, "onColumnClicked");
    private final ObjectProperty<IntConsumer> onRowClicked = new SimpleObjectProperty<>(this, "onRowClicked");
    private final BooleanProperty showValues = new SimpleBooleanProperty(this, "showValues", false);
    private final DoubleProperty minCellWidth = new SimpleDoubleProperty(this, "minCellWidth", 16);
    private final DoubleProperty maxCellWidth = new SimpleDoubleProperty(this, "maxCellWidth", 48);
    private final DoubleProperty cellHeight = new SimpleDoubleProperty(this, "cellHeight", 18);

    private final HeatmapStyles styles = new HeatmapStyles(this, this::fontChanged, this::repaint);
    private final HeatmapPainter painter = new HeatmapPainter();
    private final ScrollBar horizontal = new ScrollBar();
    private final ScrollBar vertical = new ScrollBar();
    private final ColorLegend legend = new ColorLegend();
    private final HoverLabel hoverLabel = new HoverLabel("heatmap-hover");

    private HeatmapGeometry geometry = HeatmapGeometry.EMPTY;
    private HeatmapGeometry painted;
    private boolean dirty = true;
    private boolean resetScroll = true;
    private boolean adjustingBars;
    private int hoveredRowLabel = -1;
    private int hoveredColumnLabel = -1;
    private int pendingColumn = -1;
    private int pendingRow = -1;

    public HeatmapView() {
        getStyleClass().add("heatmap-view");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.NODE);
        setAccessibleRoleDescription("heatmap");
        horizontal.setOrientation(Orientation.HORIZONTAL);
        vertical.setOrientation(Orientation.VERTICAL);
        for (ScrollBar bar : List.of(horizontal, vertical)) {
            bar.setFocusTraversable(false);
            bar.setManaged(false);
            bar.setVisible(false);
            bar.valueProperty().addListener(obs -> scrolled());
        }
        legend.setManaged(false);
        getChildren().addAll(painter.cells, painter.overlay, painter.rowLabels, painter.columnLabels, horizontal,
                vertical, legend, hoverLabel);

        data.addListener((obs, old, now) -> dataChanged(old, now));
        selectedCell.addListener((obs, old, now) -> {
            setAccessibleText(now == null ? null : describe(now));
            marksChanged();
        });
        highlightedRow.addListener(obs -> marksChanged());
        highlightedColumn.addListener(obs -> marksChanged());
        focusedProperty().addListener((obs, was, now) -> {
            if (!now && hoveredCell.get() == null) {
                hoverLabel.setVisible(false); // the keyboard's description goes with the focus
            }
            marksChanged();
        });
        showValues.addListener(obs -> repaint());
        minCellWidth.addListener(obs -> requestLayout());
        maxCellWidth.addListener(obs -> requestLayout());
        cellHeight.addListener(obs -> requestLayout());

        addEventHandler(MouseEvent.MOUSE_MOVED, this::mouseMoved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(null, -1, -1, 0, 0));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::mouseClicked);
        addEventHandler(ScrollEvent.SCROLL, this::wheel);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    public HeatmapView(HeatmapData initial) {
        this();
        setData(initial);
    }

    // ---- properties

    public final ObjectProperty<HeatmapData> dataProperty() {
        return data;
    }

    public final HeatmapData getData() {
        return data.get();
    }

    public final void setData(HeatmapData value) {
        data.set(value);
    }

    /** The cell under the pointer, or null. */
    public final ReadOnlyObjectProperty<Cell> hoveredCellProperty() {
        return hoveredCell.getReadOnlyProperty();
    }

    public final Cell getHoveredCell() {
        return hoveredCell.get();
    }

    /** What the hover label says (empty when it is hidden). */
    public final ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** The keyboard's cell (also set by a click), or null. */
    public final ObjectProperty<Cell> selectedCellProperty() {
        return selectedCell;
    }

    public final Cell getSelectedCell() {
        return selectedCell.get();
    }

    public final void setSelectedCell(Cell value) {
        selectedCell.set(value);
    }

    /** A row drawn outlined with a bold label; -1 for none. */
    public final IntegerProperty highlightedRowProperty() {
        return highlightedRow;
    }

    /** A column drawn outlined with a bold label; -1 for none. Does not scroll: see {@link #scrollToColumn(int)}. */
    public final IntegerProperty highlightedColumnProperty() {
        return highlightedColumn;
    }

    public final ObjectProperty<Consumer<Cell>> onCellClickedProperty() {
        return onCellClicked;
    }

    public final ObjectProperty<IntConsumer> onColumnClickedProperty() {
        return onColumnClicked;
    }

    public final ObjectProperty<IntConsumer> onRowClickedProperty() {
        return onRowClicked;
    }

    /** Whether cells wide enough for their number show it (for small matrices, such as agreement). */
    public final BooleanProperty showValuesProperty() {
        return showValues;
    }

    public final DoubleProperty minCellWidthProperty() {
        return minCellWidth;
    }

    public final DoubleProperty maxCellWidthProperty() {
        return maxCellWidth;
    }

    public final DoubleProperty cellHeightProperty() {
        return cellHeight;
    }

    /** The labels' font; by default the scene's, through CSS. */
    public final ObjectProperty<Font> fontProperty() {
        return styles.font;
    }

    HeatmapStyles styles() {
        return styles;
    }

    /** The legend below the cells; hide it to place a legend of your own. */
    public final ColorLegend legend() {
        return legend;
    }

    // ---- geometry for callers and tests

    /** The cell's rectangle in this view's coordinates (outside the viewport when scrolled away). */
    public Bounds cellBounds(int row, int column) {
        HeatmapGeometry g = geometry;
        return new BoundingBox(g.columnX(column), g.rowY(row), g.cellWidth(), g.cellHeight());
    }

    /** The column label's rectangle in this view's coordinates. */
    public Bounds columnLabelBounds(int column) {
        HeatmapGeometry g = geometry;
        return new BoundingBox(g.columnX(column), g.top(), g.cellWidth(), g.headerHeight());
    }

    /** The row label's rectangle in this view's coordinates. */
    public Bounds rowLabelBounds(int row) {
        HeatmapGeometry g = geometry;
        return new BoundingBox(g.left(), g.rowY(row), g.gutterWidth(), g.cellHeight());
    }

    /** Scrolls as little as needed to show the whole column (after the next layout if the map is new). */
    public void scrollToColumn(int column) {
        HeatmapData d = data.get();
        if (d == null || column < 0 || column >= d.columnCount()) {
            return;
        }
        if (geometry.columns() != d.columnCount() || dirty) {
            pendingColumn = column;
            requestLayout();
            return;
        }
        horizontal.setValue(geometry.scrollXToShow(column));
    }

    /** Scrolls as little as needed to show the whole row. */
    public void scrollToRow(int row) {
        HeatmapData d = data.get();
        if (d == null || row < 0 || row >= d.rowCount()) {
            return;
        }
        if (geometry.rows() != d.rowCount() || dirty) {
            pendingRow = row;
            requestLayout();
            return;
        }
        vertical.setValue(geometry.scrollYToShow(row));
    }

    /** What hovering {@code cell} shows: see {@link HeatmapData#describeCell(int, int)}. */
    public String describe(Cell cell) {
        HeatmapData d = data.get();
        return d == null || cell == null ? "" : d.describeCell(cell.row(), cell.column());
    }

    // ---- changes

    private void dataChanged(HeatmapData old, HeatmapData now) {
        dirty = true;
        // Another layer or head of the same words keeps the reader's place; another map starts at its corner.
        resetScroll |= old == null || now == null || !old.rowLabels().equals(now.rowLabels())
                || !old.columnLabels().equals(now.columnLabels());
        hover(null, -1, -1, 0, 0);
        int rows = now == null ? 0 : now.rowCount();
        int columns = now == null ? 0 : now.columnCount();
        Cell s = selectedCell.get();
        if (s != null && (s.row() >= rows || s.column() >= columns)) {
            selectedCell.set(null);
        }
        if (highlightedRow.get() >= rows) {
            highlightedRow.set(-1);
        }
        if (highlightedColumn.get() >= columns) {
            highlightedColumn.set(-1);
        }
        painter.setData(now, styles.font.get(), ROW_LABEL_CAP, COLUMN_LABEL_CAP);
        legend.setScale(now == null ? null : now.scale());
        legend.setValueName(now == null ? "" : now.valueName());
        requestLayout();
    }

    private void scrolled() {
        if (adjustingBars) {
            return;
        }
        geometry = geometry.withScroll(horizontal.getValue(), vertical.getValue());
        if (!geometry.equals(painted)) {
            paintAll();
        }
    }

    private void marksChanged() {
        if (painted != null) {
            HeatmapPainter.Marks marks = marks();
            painter.paintOverlay(geometry, style(), marks);
            painter.paintRowLabels(geometry, style(), marks);
            painter.paintColumnLabels(geometry, style(), marks);
        }
    }

    /** Everything again at the same geometry (a style or an option changed). */
    private void repaint() {
        if (painted != null) {
            paintAll();
        }
    }

    // ---- layout and painting

    @Override
    protected void layoutChildren() {
        HeatmapData d = data.get();
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = getWidth() - left - snappedRightInset();
        double height = getHeight() - top - snappedBottomInset();
        boolean showLegend = legend.isVisible() && d != null;
        double legendHeight = showLegend ? legend.prefHeight(-1) + LEGEND_GAP : 0;
        double bar = Math.max(horizontal.prefHeight(-1), vertical.prefWidth(-1));
        HeatmapGeometry g = HeatmapGeometry.fit(d == null ? 0 : d.rowCount(), d == null ? 0 : d.columnCount(),
                left, top, width, height - legendHeight, sizing(), labelSizes(), bar,
                resetScroll ? 0 : geometry.scrollX(), resetScroll ? 0 : geometry.scrollY());
        if (pendingColumn >= 0) {
            g = g.withScroll(g.scrollXToShow(pendingColumn), g.scrollY());
        }
        if (pendingRow >= 0) {
            g = g.withScroll(g.scrollX(), g.scrollYToShow(pendingRow));
        }
        pendingColumn = -1;
        pendingRow = -1;
        geometry = g;
        painter.place(g);
        placeBars(g, bar);
        if (showLegend) {
            double x = g.viewportX();
            double w = Math.min(legend.prefWidth(-1), left + width - x);
            if (w < legend.minWidth(-1)) {
                x = left;
                w = Math.min(legend.prefWidth(-1), width);
            }
            double y = g.viewportY() + g.viewportHeight() + (g.horizontalBar() ? bar : 0) + LEGEND_GAP;
            legend.resizeRelocate(x, y, Math.max(0, w), legend.prefHeight(-1));
        }
        resetScroll = false;
        if (dirty || !g.equals(painted)) {
            dirty = false;
            paintAll();
        }
    }

    private void placeBars(HeatmapGeometry g, double bar) {
        adjustingBars = true;
        try {
            horizontal.setVisible(g.horizontalBar());
            horizontal.resizeRelocate(g.viewportX(), g.viewportY() + g.viewportHeight(), g.viewportWidth(), bar);
            configure(horizontal, g.maxScrollX(), g.viewportWidth(), g.contentWidth(), g.cellWidth(), g.scrollX());
            vertical.setVisible(g.verticalBar());
            vertical.resizeRelocate(g.viewportX() + g.viewportWidth(), g.viewportY(), bar, g.viewportHeight());
            configure(vertical, g.maxScrollY(), g.viewportHeight(), g.contentHeight(), g.cellHeight(), g.scrollY());
        } finally {
            adjustingBars = false;
        }
    }

    private static void configure(ScrollBar bar, double max, double viewport, double content, double unit,
                                  double value) {
        bar.setMin(0);
        bar.setMax(max);
        // The thumb's share of the track is the viewport's share of the content.
        bar.setVisibleAmount(content <= 0 ? 0 : max * viewport / content);
        bar.setUnitIncrement(unit);
        bar.setBlockIncrement(Math.max(unit, viewport - unit));
        bar.setValue(value);
    }

    private void paintAll() {
        HeatmapPainter.Style s = style();
        HeatmapPainter.Marks marks = marks();
        painter.paintCells(geometry, s, showValues.get());
        painter.paintOverlay(geometry, s, marks);
        painter.paintRowLabels(geometry, s, marks);
        painter.paintColumnLabels(geometry, s, marks);
        painted = geometry;
    }

    private HeatmapGeometry.Sizing sizing() {
        return new HeatmapGeometry.Sizing(minCellWidth.get(), Math.max(minCellWidth.get(), maxCellWidth.get()),
                cellHeight.get());
    }

    private HeatmapGeometry.LabelSizes labelSizes() {
        return new HeatmapGeometry.LabelSizes(painter.rowTextWidth(), painter.columnTextWidth(),
                TextMeasure.lineHeight(styles.font.get()), LABEL_PADDING);
    }

    private HeatmapPainter.Style style() {
        return styles.style();
    }

    private HeatmapPainter.Marks marks() {
        Cell hovered = hoveredCell.get();
        return new HeatmapPainter.Marks(hovered,
                hovered != null ? hovered.row() : hoveredRowLabel,
                hovered != null ? hovered.column() : hoveredColumnLabel,
                selectedCell.get(), highlightedRow.get(), highlightedColumn.get(), isFocused());
    }

    @Override
    protected double computePrefWidth(double height) {
        HeatmapData d = data.get();
        double cells = d == null ? 0 : Math.min(PREF_CONTENT_WIDTH, d.columnCount() * minCellWidth.get());
        return snappedLeftInset() + painter.rowTextWidth() + 2 * LABEL_PADDING + cells
                + vertical.prefWidth(-1) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        HeatmapData d = data.get();
        double cells = d == null ? 0 : Math.min(PREF_CONTENT_HEIGHT, d.rowCount() * cellHeight.get());
        return snappedTopInset() + painter.columnTextWidth() + 2 * LABEL_PADDING + cells
                + horizontal.prefHeight(-1) + LEGEND_GAP + legend.prefHeight(-1) + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + 80 + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + 60 + snappedBottomInset();
    }

    // ---- input

    private void mouseMoved(MouseEvent e) {
        hoverAt(e.getX(), e.getY());
    }

    private void hoverAt(double x, double y) {
        HeatmapGeometry g = geometry;
        int column = g.columnAt(x);
        int row = g.rowAt(y);
        if (column >= 0 && row >= 0) {
            hover(new Cell(row, column), -1, -1, x, y);
        } else if (g.inHeader(x, y)) {
            hover(null, -1, column, x, y);
        } else if (g.inGutter(x, y)) {
            hover(null, row, -1, x, y);
        } else {
            hover(null, -1, -1, x, y);
        }
    }

    private void hover(Cell cell, int rowLabel, int columnLabel, double x, double y) {
        boolean changed = !Objects.equals(cell, hoveredCell.get()) || rowLabel != hoveredRowLabel
                || columnLabel != hoveredColumnLabel;
        hoveredRowLabel = rowLabel;
        hoveredColumnLabel = columnLabel;
        hoveredCell.set(cell);
        HeatmapData d = data.get();
        String text = "";
        if (cell != null) {
            text = describe(cell);
        } else if (d != null && columnLabel >= 0) {
            text = d.describeColumn(columnLabel);
        } else if (d != null && rowLabel >= 0) {
            text = d.describeRow(rowLabel);
        }
        hoverText.set(text);
        legend.setMarker(cell == null || d == null ? Double.NaN : d.value(cell.row(), cell.column()));
        hoverLabel.show(text, x, y, this);
        if (changed) {
            marksChanged();
        }
    }

    private void mouseClicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        HeatmapGeometry g = geometry;
        int column = g.columnAt(e.getX());
        int row = g.rowAt(e.getY());
        if (column >= 0 && row >= 0) {
            activate(new Cell(row, column));
        } else if (g.inHeader(e.getX(), e.getY())) {
            highlightedColumn.set(highlightedColumn.get() == column ? -1 : column);
            IntConsumer handler = onColumnClicked.get();
            if (handler != null) {
                handler.accept(column);
            }
        } else if (g.inGutter(e.getX(), e.getY())) {
            highlightedRow.set(highlightedRow.get() == row ? -1 : row);
            IntConsumer handler = onRowClicked.get();
            if (handler != null) {
                handler.accept(row);
            }
        }
    }

    private void activate(Cell cell) {
        selectedCell.set(cell);
        Consumer<Cell> handler = onCellClicked.get();
        if (handler != null) {
            handler.accept(cell);
        }
    }

    private void wheel(ScrollEvent e) {
        HeatmapGeometry g = geometry;
        double[] d = HeatmapInput.scroll(e, g);
        if (d[0] == 0 && d[1] == 0) {
            return;
        }
        horizontal.setValue(Math.max(0, Math.min(g.maxScrollX(), g.scrollX() - d[0])));
        vertical.setValue(Math.max(0, Math.min(g.maxScrollY(), g.scrollY() - d[1])));
        hoverAt(e.getX(), e.getY()); // another cell is under the pointer now
        e.consume();
    }

    private void key(KeyEvent e) {
        HeatmapData d = data.get();
        if (d == null || d.rowCount() == 0 || d.columnCount() == 0) {
            return;
        }
        Cell s = selectedCell.get();
        if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
            if (s != null) {
                activate(s);
                e.consume();
            }
            return;
        }
        int page = Math.max(1, (int) (geometry.viewportHeight() / geometry.cellHeight()) - 1);
        Cell from = s != null ? s : new Cell(geometry.firstRow(), geometry.firstColumn());
        Cell next = HeatmapInput.move(from, e.getCode(), e.isShortcutDown(), d.rowCount(), d.columnCount(), page);
        if (next == null) {
            return;
        }
        selectedCell.set(next);
        scrollToColumn(next.column());
        scrollToRow(next.row());
        Bounds b = cellBounds(next.row(), next.column());
        hoverLabel.show(describe(next), b.getMaxX() - HoverLabel.OFFSET / 2, b.getMaxY() - HoverLabel.OFFSET / 2, this);
        e.consume();
    }

    // ---- styling

    private static final String STYLESHEET = Resources.stylesheet(HeatmapView.class, "heatmap.css");

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    private void fontChanged() {
        painter.setData(data.get(), styles.font.get(), ROW_LABEL_CAP, COLUMN_LABEL_CAP); // labels are measured in it
        dirty = true;
        requestLayout();
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return HeatmapStyles.CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return HeatmapStyles.CSS_META_DATA;
    }
}
