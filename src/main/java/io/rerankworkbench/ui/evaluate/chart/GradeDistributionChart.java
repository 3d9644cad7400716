package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.QueryGrades;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * For each query a horizontal bar of its candidates split by grade (in the labeling window's tones) and unjudged, top
 * to bottom in the order given: which queries have few relevant documents, or many left to judge. Hovering a segment
 * shows the query, the grade and the count. With many queries the labels are hidden (the tooltips stay).
 */
public final class GradeDistributionChart extends EvaluateChart {

    /** Pixels a query's row wants; below {@link #MIN_LABEL_SPACE} per row the query labels are hidden. */
    static final double ROW = 22;
    static final double MIN_LABEL_SPACE = 13;
    /** About what the x axis and the chart's padding take from the chart's height. */
    private static final double AXIS_AND_PADDING = 70;
    private static final int LABEL_CHARS = 40;

    private final CategoryAxis yAxis = new CategoryAxis();
    private final NumberAxis xAxis = new NumberAxis();
    private final StackedBarChart<Number, String> chart = new StackedBarChart<>(xAxis, yAxis);
    private final Label caption = new Label("Candidates per query by grade");
    private final GradeLegend legend = new GradeLegend();
    private List<QueryGrades> queries = List.of();
    private Map<String, String> labels = Map.of();
    private List<Integer> gradeScale = List.of();

    public GradeDistributionChart() {
        super("grade-distribution");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(4);
        chart.setHorizontalGridLinesVisible(false);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        xAxis.setLabel("candidates");
        xAxis.setMinorTickVisible(false);
        caption.getStyleClass().add("chart-caption");
        VBox box = new VBox(caption, legend, chart);
        box.getStyleClass().add("chart-box");
        VBox.setVgrow(chart, Priority.ALWAYS);
        setContent(box);
        // Decided on the chart's size, set before the chart lays out its axes (see PerQueryBarsChart).
        chart.heightProperty().addListener((o, a, b) -> fitToHeight());
        showEmpty("No graded queries");
    }

    /** Replaces the caption over the bars (it says what is shown, e.g. when only some queries are). */
    public void setCaption(String text) {
        caption.setText(text);
    }

    /**
     * The project's grade scale (e.g. 0, 1, 2, 3), so each grade gets the colour the labeling window gives it even
     * when some grade does not occur; the legend then lists every grade of the scale. Without it the grades that
     * occur are the scale. Takes effect with the next {@link #set}.
     */
    public void setGradeScale(List<Integer> grades) {
        gradeScale = List.copyOf(grades);
    }

    /**
     * Shows one bar per query, the first at the top.
     *
     * @throws IllegalArgumentException when a query id occurs twice
     */
    public void set(List<QueryGrades> queries) {
        Set<String> seen = new HashSet<>();
        for (QueryGrades q : queries) {
            if (!seen.add(q.queryId())) {
                throw new IllegalArgumentException("query " + q.queryId() + " is given twice");
            }
        }
        this.queries = List.copyOf(queries);
        this.labels = labels(this.queries);
        chart.getData().clear();
        if (queries.isEmpty() || queries.stream().allMatch(q -> q.total() == 0)) {
            showEmpty(queries.isEmpty() ? "No graded queries" : "No candidates in the graded queries");
            return;
        }
        SortedSet<Integer> scale = new TreeSet<>(gradeScale);
        scale.addAll(QueryGrades.gradesIn(queries));
        List<Integer> grades = List.copyOf(scale);
        boolean unjudged = queries.stream().anyMatch(q -> q.unjudged() > 0);
        legend.set(grades, unjudged);

        List<XYChart.Series<Number, String>> series = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int g : grades) {
            series.add(series("grade " + g, q -> q.count(g)));
            classes.add(GradeLegend.gradeClass(g, grades));
        }
        if (unjudged) {
            series.add(series("unjudged", QueryGrades::unjudged));
            classes.add("unjudged");
        }
        chart.getData().setAll(series);
        List<QueryGrades> bottomUp = bottomUp();
        for (int s = 0; s < series.size(); s++) {
            XYChart.Series<Number, String> one = series.get(s);
            for (int i = 0; i < bottomUp.size(); i++) {
                QueryGrades q = bottomUp.get(i);
                Node segment = one.getData().get(i).getNode();
                segment.getStyleClass().add(classes.get(s));
                int count = one.getData().get(i).getXValue().intValue();
                LazyTooltip.install(segment, () -> tooltipText(q, one.getName(), count));
            }
        }
        fitToHeight();
        showContent();
    }

    private XYChart.Series<Number, String> series(String name, ToIntFunction<QueryGrades> count) {
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        s.setName(name);
        for (QueryGrades q : bottomUp()) {
            s.getData().add(new XYChart.Data<>(count.applyAsInt(q), category(q)));
        }
        return s;
    }

    /**
     * The queries from the last to the first: the axis takes its categories from the data in order, and a vertical
     * category axis lists them from the bottom up. (Setting the categories on the axis instead is quadratic.)
     */
    private List<QueryGrades> bottomUp() {
        List<QueryGrades> reversed = new ArrayList<>(queries);
        Collections.reverse(reversed);
        return reversed;
    }

    /** The queries drawn, top to bottom. */
    public List<QueryGrades> queries() {
        return queries;
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.min(720, Math.max(260, 110 + ROW * queries.size()));
    }

    StackedBarChart<Number, String> chart() {
        return chart;
    }

    /** "q03  how to proof yeast\ngrade 2: 5 of 30 candidates". */
    static String tooltipText(QueryGrades q, String what, int count) {
        String head = q.queryText().isBlank() ? q.queryId() : q.queryId() + "  " + q.queryText();
        return head + "\n" + what + ": " + count + " of " + ChartTexts.count(q.total(), "candidate", "candidates");
    }

    private String category(QueryGrades q) {
        return labels.get(q.queryId());
    }

    /** Each query's axis label: its id and the start of its text, or the id alone where two cut texts collide. */
    private static Map<String, String> labels(List<QueryGrades> queries) {
        Map<String, String> labels = new HashMap<>();
        Set<String> used = new HashSet<>();
        Set<String> clashes = new HashSet<>();
        for (QueryGrades q : queries) {
            String label = ChartTexts.queryLabel(q.queryId(), q.queryText(), LABEL_CHARS);
            if (!used.add(label)) {
                clashes.add(label);
            }
            labels.put(q.queryId(), label);
        }
        labels.replaceAll((id, label) -> clashes.contains(label) ? id : label);
        return labels;
    }

    private void fitToHeight() {
        int n = queries.size();
        if (n == 0) {
            return;
        }
        double space = chart.getHeight() > 0 ? Math.max(0, chart.getHeight() - AXIS_AND_PADDING) / n : ROW;
        chart.setCategoryGap(space < 4 ? 0 : Math.min(8, space * 0.25));
        boolean labels = space >= MIN_LABEL_SPACE;
        yAxis.setTickLabelsVisible(labels);
        yAxis.setTickMarkVisible(labels);
        yAxis.setLabel(labels ? null : ChartTexts.count(n, "query", "queries") + " (hover a bar)");
    }
}
