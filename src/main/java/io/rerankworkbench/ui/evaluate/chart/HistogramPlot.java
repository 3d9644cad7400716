package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.ScoreHistogram;
import javafx.geometry.Insets;
import javafx.geometry.Side;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One ranker's score histogram: JavaFX's own number axes (x at the bin edges, y counting documents) around stacked
 * bar segments, one per grade and bin, so the x axis is a real number line rather than a list of categories.
 */
final class HistogramPlot extends Region {

    /** About this many pixels between labelled x ticks. */
    private static final double TICK_SPACE = 45;

    private final Label title = new Label();
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final Pane plot = new Pane();
    private final Pane grid = new Pane();
    private final List<Segment> segments = new ArrayList<>();
    private final Label none = new Label("No scores");
    private ScoreHistogram histogram;

    /** One grade's part of one bin. */
    record Segment(Region node, int bin, Integer grade, int count) {
    }

    HistogramPlot() {
        getStyleClass().add("histogram-plot");
        title.getStyleClass().add("histogram-title");
        plot.getStyleClass().add("histogram-area");
        none.getStyleClass().add("chart-empty");
        x.setSide(Side.BOTTOM);
        y.setSide(Side.LEFT);
        for (NumberAxis axis : List.of(x, y)) {
            axis.setAnimated(false);
            axis.setMinorTickVisible(false);
        }
        x.setAutoRanging(false);
        x.setLabel("score");
        y.setLabel("documents");
        y.setForceZeroInRange(true);
        title.setWrapText(true);
        grid.setManaged(false);
        plot.getChildren().add(grid);
        getChildren().addAll(title, y, x, plot, none);
    }

    /**
     * @param ranker    the ranker's name (the title)
     * @param h         its histogram
     * @param allGrades the grades of every plot (so a grade has one colour across the small multiples)
     */
    void set(String ranker, ScoreHistogram h, List<Integer> allGrades) {
        histogram = h;
        int n = h.total();
        title.setText(ranker + "  (" + ChartTexts.count(n, "score", "scores")
                + (h.skipped() > 0 ? ", " + h.skipped() + " not a number, left out" : "") + ")");
        plot.getChildren().setAll(grid);
        segments.clear();
        boolean empty = h.bins() == 0;
        none.setVisible(empty);
        x.setVisible(!empty);
        y.setVisible(!empty);
        if (empty) {
            requestLayout();
            return;
        }
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                return edge(v.doubleValue(), h.decimals());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        y.invalidateRange(List.of(0, Math.max(1, h.maxTotal())));
        for (int b = 0; b < h.bins(); b++) {
            String range = "[" + h.format(h.lower(b)) + ", " + h.format(h.upper(b))
                    + (b == h.bins() - 1 ? "]" : ")");
            for (int g : h.grades()) {
                add(b, g, h.count(b, g), "grade " + g, GradeLegend.gradeClass(g, allGrades), range);
            }
            add(b, null, h.unjudged(b), "unjudged", "unjudged", range);
        }
        requestLayout();
    }

    private void add(int bin, Integer grade, int count, String what, String colourClass, String range) {
        if (count == 0) {
            return;
        }
        Region node = new Region();
        node.setManaged(false); // placed by layoutChildren, not sized to its (empty) preferred size by the pane
        node.getStyleClass().addAll("histogram-bar", colourClass);
        ScoreHistogram h = histogram;
        LazyTooltip.install(node, () -> "score " + range + "\n" + what + ": " + count + " of " + h.total(bin)
                + " in this bin");
        segments.add(new Segment(node, bin, grade, count));
        plot.getChildren().add(node);
    }

    List<Segment> segments() {
        return segments;
    }

    String title() {
        return title.getText();
    }

    NumberAxis xAxis() {
        return x;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 220;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 160;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 120;
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double left = in.getLeft();
        double top = in.getTop();
        double w = getWidth() - left - in.getRight();
        double h = getHeight() - top - in.getBottom();
        double titleH = title.prefHeight(w);
        title.resizeRelocate(left, top, w, titleH);
        double areaTop = top + titleH + 4;
        double areaH = h - titleH - 4;
        if (histogram == null || histogram.bins() == 0) {
            none.resizeRelocate(left, areaTop, w, Math.max(0, areaH));
            return;
        }
        // Measure each axis at the length it will have: a vertical axis measured at length -1 computes its scale
        // for that length and keeps it.
        double xh = Math.ceil(x.prefHeight(Math.max(10, w - 60)));
        double plotH = Math.max(10, areaH - xh);
        double yw = Math.ceil(y.prefWidth(plotH));
        double plotW = Math.max(10, w - yw - 8);
        double plotX = left + yw;
        int bins = histogram.bins();
        fitTicks(Math.max(4, (int) (plotW / TICK_SPACE)));
        y.resizeRelocate(left, areaTop, yw, plotH);
        x.resizeRelocate(plotX, areaTop + plotH, plotW, xh);
        // Axes ignore requestLayout (so their labels do not relayout the chart); ask for an axis layout, as XYChart
        // does, so the scale matches the new size before the bars are placed.
        y.requestAxisLayout();
        y.layout();
        x.requestAxisLayout();
        x.layout();
        plot.resizeRelocate(plotX, areaTop, plotW, plotH);
        grid.getChildren().clear();
        for (var mark : y.getTickMarks()) {
            double gy = Math.round(y.getDisplayPosition(mark.getValue())) + 0.5;
            Line line = new Line(0, gy, plotW, gy);
            line.getStyleClass().add("histogram-grid");
            grid.getChildren().add(line);
        }
        int[] below = new int[bins];
        for (Segment s : segments) {
            double x0 = x.getDisplayPosition(histogram.lower(s.bin()));
            double x1 = x.getDisplayPosition(histogram.upper(s.bin()));
            double y0 = y.getDisplayPosition(below[s.bin()]);
            double y1 = y.getDisplayPosition(below[s.bin()] + s.count());
            below[s.bin()] += s.count();
            double gap = x1 - x0 > 4 ? 1 : 0;
            s.node().resizeRelocate(x0 + gap / 2, y1, Math.max(1, x1 - x0 - gap), Math.max(1, y0 - y1));
        }
    }

    /**
     * Labels every m-th multiple of the bin width and widens the axis to the nearest labelled multiples, so the axis
     * reads in round numbers (the bars keep their edges).
     */
    private void fitTicks(int maxTicks) {
        int bins = histogram.bins();
        BigDecimal step = new BigDecimal(Double.toString(histogram.upper(0)))
                .subtract(new BigDecimal(Double.toString(histogram.lower(0))));
        long first = Math.round(histogram.lower(0) / step.doubleValue());
        long last = first + bins;
        int m = tickEvery(bins, maxTicks);
        while (true) {
            long from = Math.floorDiv(first, m) * m;
            long to = -Math.floorDiv(-last, m) * m;
            if ((to - from) / m <= maxTicks || m > bins) {
                setX(step.multiply(BigDecimal.valueOf(from)).doubleValue(),
                        step.multiply(BigDecimal.valueOf(to)).doubleValue(),
                        step.multiply(BigDecimal.valueOf(m)).doubleValue());
                return;
            }
            m = nextTickStep(m);
        }
    }

    private void setX(double lower, double upper, double unit) {
        if (x.getLowerBound() != lower || x.getUpperBound() != upper || x.getTickUnit() != unit) {
            x.setLowerBound(lower);
            x.setUpperBound(upper);
            x.setTickUnit(unit);
        }
    }

    /** The next of 1, 2, 4, 5, 10, 20, 40, 50, … after {@code m}. */
    static int nextTickStep(int m) {
        int scale = 1;
        while (m >= scale * 10) {
            scale *= 10;
        }
        int r = m / scale;
        return r < 2 ? 2 * scale : r < 4 ? 4 * scale : r < 5 ? 5 * scale : 10 * scale;
    }

    /** Label every m-th edge: the smallest m in 1, 2, 4, 5, 10, 20, … that leaves at most {@code maxTicks} gaps. */
    static int tickEvery(int bins, int maxTicks) {
        int[] steps = {1, 2, 4, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int s : steps) {
                if (bins <= (long) maxTicks * s * scale) {
                    return s * scale;
                }
            }
        }
    }

    /** An edge without trailing zeros and with a real minus sign. */
    static String edge(double v, int decimals) {
        String s = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        if (s.equals("-0")) {
            return "0";
        }
        return s.startsWith("-") ? ChartTexts.MINUS + s.substring(1) : s;
    }
}
