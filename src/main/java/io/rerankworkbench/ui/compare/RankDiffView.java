package io.rerankworkbench.ui.compare;

import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.eval.compare.RankDiff.Row;
import io.rerankworkbench.eval.compare.RankDiff.Status;
import io.rerankworkbench.ui.common.TextMeasure;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two rankings side by side on one {@link Canvas}: A's top k on the left, B's on the right, each document joined by
 * a line between its two positions (green when it moved up in B, red when it moved down, grey when it stayed;
 * thicker for bigger jumps). Documents that dropped out of the top k are marked on the left, those that entered it
 * on the right. Both columns scroll together; only the visible rows are drawn, so 1,000 rows scroll as smoothly as
 * 10. Hovering a document highlights it on both sides; clicking selects it; ↑/↓ move the selection.
 */
public final class RankDiffView extends Region {

    static final double ROW = 30;
    static final double HEADER = 28;
    static final Color UP = Color.web("#1a7f37");
    static final Color DOWN = Color.web("#cf222e");
    static final Color SAME = Color.web("#8c959f");
    static final Color ENTERED = Color.web("#0969da");
    private static final Color TEXT = Color.web("#1f2328");
    private static final Color MUTED = Color.web("#656d76");
    private static final Color RULE = Color.web("#d0d7de");
    private static final Color STRIPE = Color.web("#f6f8fa");
    private static final Color HOVER = Color.rgb(9, 105, 218, 0.10);
    private static final Color SELECTED = Color.rgb(9, 105, 218, 0.22);
    private static final Color FADED = Color.rgb(140, 149, 159, 0.25);

    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final ObjectProperty<RankDiff> diff = new SimpleObjectProperty<>(this, "diff");
    private final IntegerProperty k = new SimpleIntegerProperty(this, "k", 10);
    private final ObjectProperty<Map<String, Integer>> grades = new SimpleObjectProperty<>(this, "grades", Map.of());
    private final ObjectProperty<Map<String, String>> snippets = new SimpleObjectProperty<>(this, "snippets",
            Map.of());
    private final StringProperty leftTitle = new SimpleStringProperty(this, "leftTitle", "");
    private final StringProperty rightTitle = new SimpleStringProperty(this, "rightTitle", "");
    private final StringProperty hovered = new SimpleStringProperty(this, "hovered");
    private final StringProperty selected = new SimpleStringProperty(this, "selected");
    private final Font font = Font.font(Font.getDefault().getFamily(), 13);
    private final Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 13);
    private final Font small = Font.font(Font.getDefault().getFamily(), 11);

    /**
     * Fitted texts and text widths, by text and room: measuring is what a frame costs most, and the same rows come
     * back as the view scrolls. Dropped when it grows past {@link #CACHE_LIMIT} entries.
     */
    private final Map<String, String> fitted = new HashMap<>();
    private final Map<String, Double> widths = new HashMap<>();
    private static final int CACHE_LIMIT = 20_000;

    private List<Row> leftRows = List.of();
    private List<Row> rightRows = List.of();
    private int maxGrade = 3;

    public RankDiffView() {
        getStyleClass().add("rank-diff");
        setFocusTraversable(true);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> draw());
        getChildren().addAll(canvas, scroll);
        diff.addListener((o, a, b) -> rebuild(a == null || b == null || !a.rows().equals(b.rows())));
        k.addListener((o, a, b) -> rebuild(true));
        grades.addListener((o, a, b) -> rebuild(false));
        snippets.addListener((o, a, b) -> draw());
        leftTitle.addListener((o, a, b) -> draw());
        rightTitle.addListener((o, a, b) -> draw());
        hovered.addListener((o, a, b) -> draw());
        selected.addListener((o, a, b) -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hovered.set(docAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hovered.set(null));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            requestFocus();
            String id = docAt(e.getX(), e.getY());
            if (id != null) {
                selected.set(id);
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            scroll.setValue(clamp(scroll.getValue() - e.getDeltaY()));
            e.consume();
        });
        setOnKeyPressed(e -> {
            if (e.isShortcutDown() || e.isAltDown()) {
                return; // Ctrl+↑/↓ step through queries (the window's keys)
            }
            if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
                moveSelection(e.getCode() == KeyCode.DOWN ? 1 : -1);
                e.consume();
            } else if (e.getCode() == KeyCode.PAGE_DOWN || e.getCode() == KeyCode.PAGE_UP) {
                double page = Math.max(ROW, canvas.getHeight() - HEADER - ROW);
                scroll.setValue(clamp(scroll.getValue() + (e.getCode() == KeyCode.PAGE_DOWN ? page : -page)));
                e.consume();
            }
        });
    }

    // ---- layout and geometry ------------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double bar = scroll.prefWidth(-1);
        scroll.resizeRelocate(w - bar, 0, bar, h);
        canvas.setWidth(Math.max(0, w - bar));
        canvas.setHeight(h);
        configureScroll();
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 720;
    }

    @Override
    protected double computePrefHeight(double width) {
        return HEADER + ROW * 12;
    }

    private int rowCount() {
        return Math.max(leftRows.size(), rightRows.size());
    }

    private double contentHeight() {
        return rowCount() * ROW;
    }

    private void configureScroll() {
        double viewport = Math.max(0, canvas.getHeight() - HEADER);
        double max = Math.max(0, contentHeight() - viewport);
        scroll.setMin(0);
        scroll.setMax(max);
        scroll.setVisibleAmount(max <= 0 ? 1 : viewport * max / Math.max(1, contentHeight()));
        scroll.setUnitIncrement(ROW);
        scroll.setBlockIncrement(Math.max(ROW, viewport - ROW));
        scroll.setDisable(max <= 0);
        scroll.setValue(clamp(scroll.getValue()));
    }

    private double clamp(double v) {
        return Math.max(scroll.getMin(), Math.min(scroll.getMax(), v));
    }

    /** The gutter between the columns, where the lines run. */
    private double gutter() {
        return Math.max(60, Math.min(180, canvas.getWidth() * 0.16));
    }

    private double columnWidth() {
        return Math.max(0, (canvas.getWidth() - gutter()) / 2);
    }

    /** The y of the middle of the row at 0-based {@code index}, in canvas coordinates. */
    private double rowMiddle(int index) {
        return HEADER + index * ROW + ROW / 2 - scroll.getValue();
    }

    /**
     * Where the line of a document at 1-based {@code rank} on one side starts or ends, in this view's coordinates:
     * the inner edge of its row. For tests and tooltips.
     */
    public Point2D lineEnd(boolean leftSide, int rank) {
        double x = leftSide ? columnWidth() : columnWidth() + gutter();
        return new Point2D(x, rowMiddle(rank - 1));
    }

    /** The colour a document's line is drawn in. */
    static Color lineColor(Row r) {
        int m = r.movement();
        return m > 0 ? UP : m < 0 ? DOWN : SAME;
    }

    /** A line's width: 1.5 px for no move, growing with the logarithm of the jump, at most 6 px. */
    static double lineWidth(Row r) {
        return Math.min(6, 1.5 + Math.log1p(Math.abs(r.movement())) * 1.3);
    }

    private String docAt(double x, double y) {
        if (y < HEADER) {
            return null;
        }
        int index = (int) Math.floor((y - HEADER + scroll.getValue()) / ROW);
        double col = columnWidth();
        List<Row> rows = x < col + gutter() / 2 ? leftRows : rightRows;
        return index >= 0 && index < rows.size() ? rows.get(index).docId() : null;
    }

    private void moveSelection(int direction) {
        List<Row> rows = leftRows.isEmpty() ? rightRows : leftRows;
        if (rows.isEmpty()) {
            return;
        }
        int at = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).docId().equals(selected.get())) {
                at = i;
            }
        }
        int next = Math.max(0, Math.min(rows.size() - 1, at + direction));
        selected.set(rows.get(next).docId());
        scrollToIndex(next);
    }

    /** Scrolls so that the row at 0-based {@code index} is visible. */
    public void scrollToIndex(int index) {
        double top = index * ROW;
        double viewport = canvas.getHeight() - HEADER;
        if (top < scroll.getValue()) {
            scroll.setValue(clamp(top));
        } else if (top + ROW > scroll.getValue() + viewport) {
            scroll.setValue(clamp(top + ROW - viewport));
        }
    }

    private void rebuild(boolean toTop) {
        RankDiff d = diff.get();
        int cut = k.get();
        if (d == null) {
            leftRows = List.of();
            rightRows = List.of();
        } else {
            List<Row> a = d.sideA();
            List<Row> b = d.sideB();
            leftRows = cut <= 0 || cut >= a.size() ? a : a.subList(0, cut);
            rightRows = cut <= 0 || cut >= b.size() ? b : b.subList(0, cut);
        }
        maxGrade = Math.max(1, grades.get().values().stream().mapToInt(Integer::intValue).max().orElse(3));
        if (toTop) {
            scroll.setValue(0);
        }
        configureScroll();
        draw();
    }

    // ---- drawing ------------------------------------------------------------------------------------------------

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        paint(g, w, h, scroll.getValue());
    }

    /**
     * Paints the comparison into {@code g} as seen from {@code offset} pixels down the rows; the window draws what
     * fits, the PNG export everything.
     */
    void paint(GraphicsContext g, double w, double h, double offset) {
        double col = Math.max(0, (w - gutter(w)) / 2);
        double gut = gutter(w);
        int first = Math.max(0, (int) Math.floor(offset / ROW));
        int last = Math.min(rowCount() - 1, (int) Math.ceil((offset + h - HEADER) / ROW));
        g.save();
        g.beginPath();
        g.rect(0, HEADER, w, Math.max(0, h - HEADER));
        g.clip();
        for (int i = first; i <= last; i++) {
            double top = HEADER + i * ROW - offset;
            if (i % 2 == 1) {
                g.setFill(STRIPE);
                g.fillRect(0, top, col, ROW);
                g.fillRect(col + gut, top, col, ROW);
            }
            if (i < leftRows.size()) {
                paintRow(g, leftRows.get(i), true, 0, top, col);
            }
            if (i < rightRows.size()) {
                paintRow(g, rightRows.get(i), false, col + gut, top, col);
            }
        }
        paintLines(g, col, gut, offset, h);
        g.restore();
        paintHeader(g, w, col, gut);
    }

    private double gutter(double w) {
        return Math.max(60, Math.min(180, w * 0.16));
    }

    private void paintHeader(GraphicsContext g, double w, double col, double gut) {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, HEADER);
        g.setStroke(RULE);
        g.setLineWidth(1);
        g.strokeLine(0, HEADER - 0.5, w, HEADER - 0.5);
        g.setFill(TEXT);
        g.setFont(bold);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(fit("A  " + leftTitle.get(), bold, col - 12), 8, HEADER / 2);
        g.fillText(fit("B  " + rightTitle.get(), bold, col - 12), col + gut + 8, HEADER / 2);
        g.setFont(small);
        g.setFill(MUTED);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(k.get() <= 0 ? "all" : "top " + k.get(), col + gut / 2, HEADER / 2);
    }

    private void paintRow(GraphicsContext g, Row r, boolean leftSide, double x, double top, double width) {
        String id = r.docId();
        boolean isHovered = id.equals(hovered.get());
        boolean isSelected = id.equals(selected.get());
        if (isSelected || isHovered) {
            g.setFill(isSelected ? SELECTED : HOVER);
            g.fillRect(x, top, width, ROW);
        }
        double mid = top + ROW / 2;
        int rank = leftSide ? r.rankA() : r.rankB();
        double score = leftSide ? r.scoreA() : r.scoreB();
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFont(font);
        g.setFill(MUTED);
        double cx = x + 34;
        g.fillText(Integer.toString(rank), cx, mid);
        cx += 6;
        Integer grade = grades.get().get(id);
        double chip = 20;
        if (grade != null) {
            Color c = gradeColor(grade, maxGrade);
            g.setFill(c);
            g.fillRoundRect(cx, mid - 9, chip, 18, 6, 6);
            g.setFill(0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue() < 0.5 ? Color.WHITE : TEXT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFont(small);
            g.fillText(Integer.toString(grade), cx + chip / 2, mid);
        } else {
            g.setStroke(RULE);
            g.setLineWidth(1);
            g.strokeRoundRect(cx + 0.5, mid - 8.5, chip - 1, 17, 6, 6);
        }
        cx += chip + 8;
        String mark = mark(r, leftSide);
        double markWidth = mark.isEmpty() ? 0 : width(mark, small) + 12;
        String scoreText = CompareTexts.score(score);
        double scoreWidth = scoreText.isEmpty() ? 0 : width(scoreText, font) + 10;
        double textEnd = x + width - 8 - markWidth - scoreWidth;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(bold);
        g.setFill(TEXT);
        String idText = fit(id, bold, Math.max(0, Math.min(140, textEnd - cx)));
        g.fillText(idText, cx, mid);
        double after = cx + width(idText, bold) + 8;
        String snippet = snippets.get().getOrDefault(id, "");
        if (after < textEnd - 20 && !snippet.isEmpty()) {
            g.setFont(font);
            g.setFill(MUTED);
            g.fillText(fit(snippet, font, textEnd - after), after, mid);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFont(font);
        g.setFill(TEXT);
        double right = x + width - 8 - markWidth;
        if (!scoreText.isEmpty()) {
            g.fillText(scoreText, right, mid);
        }
        if (!mark.isEmpty()) {
            Color c = markColor(r, leftSide);
            g.setFont(small);
            g.setFill(c);
            g.fillText(mark, x + width - 6, mid);
        }
    }

    private String fit(String text, Font f, double room) {
        int px = (int) Math.floor(room);
        String key = f.getStyle() + '\u0000' + px + '\u0000' + text;
        String hit = fitted.get(key);
        if (hit == null) {
            if (fitted.size() > CACHE_LIMIT) {
                fitted.clear();
            }
            hit = TextMeasure.fit(text, f, px);
            fitted.put(key, hit);
        }
        return hit;
    }

    private double width(String text, Font f) {
        String key = f.getStyle() + '\u0000' + f.getSize() + '\u0000' + text;
        Double hit = widths.get(key);
        if (hit == null) {
            if (widths.size() > CACHE_LIMIT) {
                widths.clear();
            }
            hit = TextMeasure.width(text, f);
            widths.put(key, hit);
        }
        return hit;
    }

    /** The left side marks what dropped out of the top k; the right side how each document moved. */
    static String mark(Row r, int k, boolean leftSide) {
        Status s = r.status(k);
        if (leftSide) {
            if (s != Status.DROPPED) {
                return "";
            }
            return r.inB() ? "out → " + r.rankB() : "out";
        }
        if (s == Status.ENTERED) {
            return r.inA() ? "in ← " + r.rankA() : "new";
        }
        int m = r.movement();
        return m > 0 ? "▲" + m : m < 0 ? "▼" + (-m) : "=";
    }

    private String mark(Row r, boolean leftSide) {
        return mark(r, k.get(), leftSide);
    }

    private Color markColor(Row r, boolean leftSide) {
        Status s = r.status(k.get());
        if (leftSide) {
            return DOWN;
        }
        if (s == Status.ENTERED) {
            return ENTERED;
        }
        return lineColor(r);
    }

    private void paintLines(GraphicsContext g, double col, double gut, double offset, double h) {
        int cut = k.get();
        // Hovering fades every other line (which one is this?); a selection only stands out (the rest stays readable).
        boolean fade = hovered.get() != null;
        String focus = fade ? hovered.get() : selected.get();
        g.setLineCap(StrokeLineCap.ROUND);
        Row focused = null;
        for (Row r : leftRows) {
            if (!r.inB() || (cut > 0 && r.rankB() > cut)) {
                continue;
            }
            if (r.docId().equals(focus)) {
                focused = r;
                continue;
            }
            double ya = HEADER + (r.rankA() - 1) * ROW + ROW / 2 - offset;
            double yb = HEADER + (r.rankB() - 1) * ROW + ROW / 2 - offset;
            // A line with neither end on screen says nothing a reader can use, and hundreds of them cross the
            // middle of a long shuffled list: only lines with an end in view are drawn.
            if (!inView(ya, h) && !inView(yb, h)) {
                continue;
            }
            g.setStroke(fade ? FADED : lineColor(r));
            g.setLineWidth(lineWidth(r));
            curve(g, col, ya, col + gut, yb);
        }
        if (focused != null) {
            double ya = HEADER + (focused.rankA() - 1) * ROW + ROW / 2 - offset;
            double yb = HEADER + (focused.rankB() - 1) * ROW + ROW / 2 - offset;
            g.setStroke(lineColor(focused));
            g.setLineWidth(lineWidth(focused) + 1.5);
            curve(g, col, ya, col + gut, yb);
        }
    }

    private static boolean inView(double y, double h) {
        return y >= HEADER - ROW / 2 && y <= h + ROW / 2;
    }

    private static void curve(GraphicsContext g, double x1, double y1, double x2, double y2) {
        double dx = (x2 - x1) * 0.45;
        g.beginPath();
        g.moveTo(x1 + 2, y1);
        g.bezierCurveTo(x1 + dx, y1, x2 - dx, y2, x2 - 2, y2);
        g.stroke();
    }

    /** Grade 0 grey; 1 … max from light to dark green (relevant reads as strong). */
    static Color gradeColor(int grade, int max) {
        if (grade <= 0) {
            return Color.web("#eaeef2");
        }
        double t = max <= 1 ? 1 : (grade - 1) / (double) (max - 1);
        return Color.web("#aceebb").interpolate(Color.web("#116329"), Math.min(1, t));
    }

    /** The height that shows every row at once (for the image export). */
    double fullHeight() {
        return HEADER + contentHeight();
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public ObjectProperty<RankDiff> diffProperty() {
        return diff;
    }

    /** The cut-off; 0 draws every row. */
    public IntegerProperty kProperty() {
        return k;
    }

    public ObjectProperty<Map<String, Integer>> gradesProperty() {
        return grades;
    }

    /** A line of text per document id, drawn after the id when there is room. */
    public ObjectProperty<Map<String, String>> snippetsProperty() {
        return snippets;
    }

    public StringProperty leftTitleProperty() {
        return leftTitle;
    }

    public StringProperty rightTitleProperty() {
        return rightTitle;
    }

    public StringProperty hoveredProperty() {
        return hovered;
    }

    public StringProperty selectedProperty() {
        return selected;
    }

    Canvas canvas() {
        return canvas;
    }
}
