package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.CutoffSeries;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;

/**
 * A measure's mean over the queries at each cut-off k = 1 … K, one line per ranker with a legend: where one ranker
 * overtakes another shows as lines crossing. Hovering a point shows the ranker, k and the value. A NaN value is
 * left out of its line.
 */
public final class CutoffChart extends EvaluateChart {

    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private List<CutoffSeries> series = List.of();
    private String measureFamily = "";

    public CutoffChart() {
        super("cutoff-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        xAxis.setAutoRanging(false);
        xAxis.setMinorTickVisible(false);
        xAxis.setLabel("cut-off k");
        yAxis.setForceZeroInRange(false);
        setContent(chart);
        showEmpty("No rankers to compare over cut-offs");
    }

    /**
     * Shows one line per ranker.
     *
     * @param measureFamily the measure without its cut-off, e.g. "nDCG" (the axis reads "nDCG@k")
     * @param rankers       each ranker's values at k = 1 … K (index 0 is k = 1); a ranker without values is left out
     */
    public void set(String measureFamily, List<CutoffSeries> rankers) {
        this.measureFamily = measureFamily;
        this.series = rankers.stream().filter(s -> hasValue(s.valueAtK())).toList();
        chart.getData().clear();
        if (series.isEmpty()) {
            showEmpty("No " + measureFamily + "@k values to plot");
            return;
        }
        int maxK = series.stream().mapToInt(CutoffSeries::maxK).max().orElse(1);
        // Half a step of room at both ends keeps the first and last points whole; those ticks carry no label.
        int unit = maxK <= 20 ? 1 : maxK <= 50 ? 5 : 10;
        int upper = Math.max(2, maxK) + unit;
        xAxis.setLowerBound(0);
        xAxis.setUpperBound(upper);
        xAxis.setTickUnit(unit);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number k) {
                int v = k.intValue();
                return v < 1 || v >= upper ? "" : Integer.toString(v);
            }

            @Override
            public Number fromString(String s) {
                return Integer.valueOf(s);
            }
        });
        yAxis.setLabel(measureFamily + "@k, mean over queries");
        chart.setTitle(measureFamily + "@k by cut-off");
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
        for (CutoffSeries s : series) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(s.ranker());
            for (int k = 1; k <= s.maxK(); k++) {
                if (!Double.isNaN(s.at(k))) {
                    line.getData().add(new XYChart.Data<>(k, s.at(k)));
                }
            }
            lines.add(line);
        }
        chart.getData().setAll(lines);
        for (XYChart.Series<Number, Number> line : lines) {
            for (XYChart.Data<Number, Number> d : line.getData()) {
                Node symbol = d.getNode();
                if (symbol != null) {
                    LazyTooltip.install(symbol, () -> line.getName() + "\n" + measureFamily + "@" + d.getXValue()
                            + " = " + ChartTexts.number(d.getYValue().doubleValue()));
                }
            }
        }
        showContent();
    }

    /** The rankers drawn, in legend order. */
    public List<CutoffSeries> series() {
        return series;
    }

    public String measureFamily() {
        return measureFamily;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    private static boolean hasValue(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
