package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.PerQueryDifferences;
import io.rerankworkbench.eval.plot.QueryValues;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * Two rankers' per-query values of one measure as bars of their difference B − A, largest gain first: gains in one
 * colour, losses in another, ties as a thin tick on the zero line. Hovering a bar shows the query, both values and the
 * difference. With many queries the bars get thin and the query labels are hidden (the tooltips stay).
 */
public final class PerQueryBarsChart extends EvaluateChart {

    /** Below this many pixels per query the query labels are hidden. */
    static final double MIN_LABEL_SPACE = 18;
    /** About what the y axis and the chart's padding take from the chart's width. */
    private static final double AXIS_AND_PADDING = 90;

    private final CategoryAxis xAxis = new CategoryAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final BarChart<String, Number> chart = new BarChart<>(xAxis, yAxis);
    private final Label caption = new Label();
    private final FlowPane legend = new FlowPane();
    private PerQueryDifferences differences = PerQueryDifferences.of(List.of());
    private String measure = "";
    private String labelA = "A";
    private String labelB = "B";

    public PerQueryBarsChart() {
        super("per-query-bars");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setBarGap(0);
        chart.setVerticalGridLinesVisible(false);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        yAxis.setForceZeroInRange(true);
        yAxis.setTickLabelFormatter(ChartTexts.AXIS_NUMBERS);
        caption.getStyleClass().add("chart-caption");
        caption.setWrapText(true);
        legend.getStyleClass().add("chart-legend-row");
        VBox box = new VBox(caption, legend, chart);
        box.getStyleClass().add("chart-box");
        VBox.setVgrow(chart, Priority.ALWAYS);
        setContent(box);
        // Decided on the chart's size, which is set before the chart lays out its axes: a change made from the axis's
        // own size would come after the axis was laid out and wait for the next layout.
        chart.widthProperty().addListener((o, a, b) -> fitToWidth());
        showEmpty("No queries with values for both rankers");
    }

    /**
     * Shows the queries' differences.
     *
     * @param measure the measure's name, e.g. "nDCG@10"
     * @param labelA  ranker A's name
     * @param labelB  ranker B's name
     * @param values  one entry per query (any order; duplicates are refused)
     * @throws IllegalArgumentException when a query id occurs twice
     */
    public void set(String measure, String labelA, String labelB, List<QueryValues> values) {
        this.differences = PerQueryDifferences.of(values);
        this.measure = measure;
        this.labelA = labelA;
        this.labelB = labelB;
        List<QueryValues> rows = differences.rows();
        chart.getData().clear();
        if (rows.isEmpty()) {
            showEmpty("No queries with values for both rankers");
            return;
        }
        caption.setText(measure + " per query, B " + ChartTexts.MINUS + " A:  " + labelB + "  " + ChartTexts.MINUS
                + "  " + labelA);
        legend.getChildren().setAll(
                GradeLegend.item(labelB + " better (" + differences.gains() + ")", "gain"),
                GradeLegend.item(labelA + " better (" + differences.losses() + ")", "loss"),
                GradeLegend.item("equal (" + differences.ties() + ")", "tie"));
        yAxis.setLabel(measure + "  B " + ChartTexts.MINUS + " A");
        // The axis takes its categories from the data, in the data's order. (Setting them on the axis is quadratic:
        // it looks for duplicates after every change.)
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (QueryValues q : rows) {
            XYChart.Data<String, Number> d = new XYChart.Data<>(q.queryId(), q.difference());
            if (PerQueryDifferences.sign(q.difference()) == 0) {
                d.setNode(new TieBar());
            }
            series.getData().add(d);
        }
        chart.getData().add(series);
        for (int i = 0; i < rows.size(); i++) {
            QueryValues q = rows.get(i);
            Node bar = series.getData().get(i).getNode();
            int sign = PerQueryDifferences.sign(q.difference());
            bar.getStyleClass().add(sign > 0 ? "gain" : sign < 0 ? "loss" : "tie");
            LazyTooltip.install(bar, () -> tooltipText(q, labelA, labelB, measure));
        }
        fitToWidth();
        showContent();
    }

    /** The queries in the order drawn (largest gain first) and the win/loss/tie counts. */
    public PerQueryDifferences differences() {
        return differences;
    }

    public String measure() {
        return measure;
    }

    /** The bars, in drawing order, one per query. */
    List<Node> bars() {
        return chart.getData().isEmpty() ? List.of()
                : chart.getData().get(0).getData().stream().map(XYChart.Data::getNode).toList();
    }

    BarChart<String, Number> chart() {
        return chart;
    }

    /** "q03  how to proof yeast", both values and the signed difference, one per line. */
    static String tooltipText(QueryValues q, String labelA, String labelB, String measure) {
        String head = q.queryText().isBlank() ? q.queryId() : q.queryId() + "  " + q.queryText();
        return head + "\n" + measure + "\n"
                + "A  " + labelA + ": " + ChartTexts.number(q.a()) + "\n"
                + "B  " + labelB + ": " + ChartTexts.number(q.b()) + "\n"
                + "B " + ChartTexts.MINUS + " A: " + ChartTexts.signed(q.difference());
    }

    /** Gaps and labels that suit the space each query gets. */
    private void fitToWidth() {
        int n = differences.rows().size();
        if (n == 0) {
            return;
        }
        double space = chart.getWidth() > 0 ? Math.max(0, chart.getWidth() - AXIS_AND_PADDING) / n : MIN_LABEL_SPACE;
        chart.setCategoryGap(space < 3 ? 0 : Math.min(10, space * 0.25));
        boolean labels = space >= MIN_LABEL_SPACE;
        xAxis.setTickLabelsVisible(labels);
        xAxis.setTickMarkVisible(labels);
        xAxis.setLabel(ChartTexts.count(n, "query", "queries") + ", largest gain first"
                + (labels ? "" : " (hover a bar for its query)"));
    }

    /** A zero-height bar that still shows: a short tick across the zero line. */
    private static final class TieBar extends Region {
        private final Region tick = new Region();

        TieBar() {
            tick.getStyleClass().add("tie-tick");
            tick.setManaged(false);
            getChildren().add(tick);
        }

        @Override
        protected void layoutChildren() {
            tick.resizeRelocate(0, -1.5, Math.max(getWidth(), 2), 3);
        }
    }
}
