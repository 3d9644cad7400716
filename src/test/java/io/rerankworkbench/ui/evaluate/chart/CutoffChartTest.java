package io.rerankworkbench.ui.evaluate.chart;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.eval.plot.CutoffSeries;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Arrays;
import java.util.List;

import static io.rerankworkbench.ui.evaluate.chart.ChartTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;

/** The measure-over-cut-offs chart in a real (headless) window. */
@ExtendWith(ApplicationExtension.class)
class CutoffChartTest {

    private CutoffChart chart;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        chart = new CutoffChart();
        chart.set("nDCG", ChartSamples.cutoffs());
        stage.setScene(new Scene(new StackPane(chart), 900, 600));
        stage.show();
    }

    @Test
    void oneLinePerRankerWithAPointPerCutoffAndALegend() throws Exception {
        List<XYChart.Series<Number, Number>> lines = fx(() -> List.copyOf(chart.chart().getData()));
        assertThat(lines).extracting(XYChart.Series::getName).containsExactly(ChartSamples.MINILM, ChartSamples.BGE);
        assertThat(lines).allSatisfy(l -> assertThat(l.getData()).hasSize(20));
        assertThat(lines.get(1).getData().get(4).getYValue().doubleValue())
                .isEqualTo(ChartSamples.cutoffs().get(1).at(5));
        List<String> legend = fx(() -> chart.lookupAll(".chart-legend-item").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(legend).containsExactly(ChartSamples.MINILM, ChartSamples.BGE);
        NumberAxis x = (NumberAxis) chart.chart().getXAxis();
        assertThat(x.getLowerBound()).isEqualTo(0);
        assertThat(x.getUpperBound()).isEqualTo(21);
        assertThat(x.getTickLabelFormatter().toString(0)).as("room, not a cut-off").isEmpty();
        assertThat(x.getTickLabelFormatter().toString(20)).isEqualTo("20");
        assertThat(x.getTickLabelFormatter().toString(21)).isEmpty();
        assertThat(fx(() -> chart.chart().getYAxis().getLabel())).isEqualTo("nDCG@k, mean over queries");

        // bge is above MiniLM at every k: its points are drawn higher.
        for (int k = 1; k <= 20; k += 5) {
            int i = k - 1;
            double a = fx(() -> lines.get(0).getData().get(i).getNode().localToScene(0, 0).getY());
            double b = fx(() -> lines.get(1).getData().get(i).getNode().localToScene(0, 0).getY());
            assertThat(b).as("k = %d", k).isLessThan(a);
        }
    }

    @Test
    void twoRankersGetClearlyDifferentHues() throws Exception {
        Color first = fx(() -> (Color)
                ((Path) chart.chart().getData().get(0).getNode()).getStroke());
        Color second = fx(() -> (Color)
                ((Path) chart.chart().getData().get(1).getNode()).getStroke());
        double apart = Math.abs(first.getHue() - second.getHue());
        assertThat(Math.min(apart, 360 - apart)).as("%s vs %s", first, second).isGreaterThan(90);
    }

    @Test
    void hoveringAPointShowsRankerCutoffAndValue(FxRobot robot) throws Exception {
        Node point = fx(() -> chart.chart().getData().get(1).getData().get(9).getNode());
        assertThat(ChartTesting.hover(robot, point)).isEqualTo(ChartSamples.BGE + "\nnDCG@10 = "
                + ChartTexts.number(ChartSamples.cutoffs().get(1).at(10)));
    }

    @Test
    void aMissingValueIsAGapAndRankersWithoutValuesAreLeftOut() throws Exception {
        double[] gap = new double[20];
        Arrays.fill(gap, 0.5);
        gap[2] = Double.NaN;
        double[] none = new double[20];
        Arrays.fill(none, Double.NaN);
        ChartTesting.run(() -> chart.set("P", List.of(new CutoffSeries("gappy", gap), new CutoffSeries("none", none))));
        assertThat(fx(() -> chart.chart().getData().size())).isEqualTo(1);
        assertThat(fx(() -> chart.chart().getData().get(0).getData().size())).isEqualTo(19);
        assertThat(chart.series()).extracting(CutoffSeries::ranker).containsExactly("gappy");
    }

    @Test
    void nothingToPlotShowsAMessage() throws Exception {
        ChartTesting.run(() -> chart.set("nDCG", List.of()));
        assertThat(chart.emptyMessage()).contains("No nDCG@k values to plot");
        assertThat(fx(() -> chart.chart().isVisible())).isFalse();
        ChartTesting.run(() -> chart.set("nDCG", ChartSamples.cutoffs()));
        assertThat(chart.emptyMessage()).isEmpty();
        assertThat(fx(() -> chart.chart().isVisible())).isTrue();
    }

    @Test
    void theExportIsTwiceTheSizeOnWhite() throws Exception {
        ChartTesting.assertExport(chart);
    }
}
