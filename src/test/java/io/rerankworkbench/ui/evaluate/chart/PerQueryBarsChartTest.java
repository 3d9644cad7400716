package io.rerankworkbench.ui.evaluate.chart;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.eval.plot.QueryValues;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static io.rerankworkbench.ui.evaluate.chart.ChartTesting.fx;
import static io.rerankworkbench.ui.evaluate.chart.ChartTesting.green;
import static io.rerankworkbench.ui.evaluate.chart.ChartTesting.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The per-query difference bars in a real (headless) window. */
@ExtendWith(ApplicationExtension.class)
class PerQueryBarsChartTest {

    private static final List<QueryValues> FIVE = List.of(
            new QueryValues("q1", "how to proof yeast", 0.50, 0.40),
            new QueryValues("q2", "substitute buttermilk", 0.20, 0.90),
            new QueryValues("q3", "why does bread collapse", 0.30, 0.30),
            new QueryValues("q4", "searing steak", 0.10, 0.35),
            new QueryValues("q5", "rest dough", 0.80, 0.20));

    private PerQueryBarsChart chart;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        chart = new PerQueryBarsChart();
        chart.set("nDCG@10", ChartSamples.MINILM, ChartSamples.BGE, FIVE);
        scene = new Scene(new StackPane(chart), 900, 600);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void oneBarPerQueryLargestGainFirstColouredBySign() throws Exception {
        List<Node> bars = fx(chart::bars);
        assertThat(bars).hasSize(5);
        assertThat(chart.differences().rows()).extracting(QueryValues::queryId)
                .containsExactly("q2", "q4", "q3", "q1", "q5");
        assertThat(fx(() -> chart.chart().getXAxis()).isTickLabelsVisible()).isTrue();
        List<String> kinds = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        for (Node bar : bars) {
            kinds.add(bar.getStyleClass().contains("gain") ? "gain" : bar.getStyleClass().contains("loss") ? "loss"
                    : bar.getStyleClass().contains("tie") ? "tie" : "?");
            centres.add(fx(() -> bar.localToScene(bar.getBoundsInLocal()).getCenterX()));
        }
        assertThat(kinds).containsExactly("gain", "gain", "tie", "loss", "loss");
        assertThat(centres).isSorted();

        // Gains rise from the zero line, losses hang from it; heights follow the differences (0.7 vs 0.25).
        double zero = fx(() -> chart.chart().getYAxis().localToScene(0, chart.chart().getYAxis()
                .getDisplayPosition(0)).getY());
        Bounds q2 = fx(() -> bars.get(0).localToScene(bars.get(0).getBoundsInLocal()));
        Bounds q4 = fx(() -> bars.get(1).localToScene(bars.get(1).getBoundsInLocal()));
        Bounds q5 = fx(() -> bars.get(4).localToScene(bars.get(4).getBoundsInLocal()));
        assertThat(q2.getMaxY()).isCloseTo(zero, offset(1.5));
        assertThat(q5.getMinY()).isCloseTo(zero, offset(1.5));
        assertThat(q2.getHeight() / q4.getHeight()).isCloseTo(0.7 / 0.25, offset(0.1));
        assertThat(q5.getHeight() / q2.getHeight()).isCloseTo(0.6 / 0.7, offset(0.05));

        WritableImage shot = fx(() -> scene.snapshot(null));
        int gain = ChartTesting.centrePixel(shot, bars.get(0));
        int loss = ChartTesting.centrePixel(shot, bars.get(4));
        assertThat(green(gain)).as("gain %06X is green", gain).isGreaterThan(red(gain) + 60);
        assertThat(red(loss)).as("loss %06X is red", loss).isGreaterThan(green(loss) + 60);
    }

    @Test
    void aTieIsATickOnTheZeroLine() throws Exception {
        Node tie = fx(() -> chart.bars().get(2));
        Node tick = tie.lookup(".tie-tick");
        Bounds b = fx(() -> tick.localToScene(tick.getBoundsInLocal()));
        assertThat(b.getHeight()).isEqualTo(3);
        assertThat(b.getWidth()).isGreaterThan(10);
        WritableImage shot = fx(() -> scene.snapshot(null));
        int rgb = ChartTesting.centrePixel(shot, tick);
        assertThat(rgb).as("drawn, not background").isNotEqualTo(0xFFFFFF);
    }

    @Test
    void theLegendAndAxesNameTheMeasureAndTheRankers() throws Exception {
        assertThat(fx(() -> chart.chart().getYAxis().getLabel())).isEqualTo("nDCG@10  B \u2212 A");
        assertThat(fx(() -> chart.chart().getXAxis().getLabel())).isEqualTo("5 queries, largest gain first");
        List<String> legend = fx(() -> chart.lookupAll(".chart-legend-entry").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(legend).containsExactly(ChartSamples.BGE + " better (2)", ChartSamples.MINILM + " better (2)",
                "equal (1)");
    }

    @Test
    void hoveringABarShowsTheQueryBothValuesAndTheDifference(FxRobot robot) throws Exception {
        Node q4 = fx(() -> chart.bars().get(1));
        String text = ChartTesting.hover(robot, q4);
        assertThat(text).isEqualTo("q4  searing steak\nnDCG@10\nA  all-MiniLM-L6-v2: 0.1000\n"
                + "B  bge-small-en-v1.5-q: 0.3500\nB \u2212 A: +0.2500");
        assertThat(PerQueryBarsChart.tooltipText(FIVE.get(4), "a", "b", "P@5"))
                .endsWith("A  a: 0.8000\nB  b: 0.2000\nB \u2212 A: \u22120.6000");
    }

    @Test
    void aThousandQueriesAreAThousandThinBarsWithoutLabels() throws Exception {
        ChartTesting.run(() -> chart.set("nDCG@10", "A", "B", ChartSamples.perQuery(1000, 9)));
        List<Node> bars = fx(chart::bars);
        assertThat(bars).hasSize(1000);
        assertThat(fx(() -> chart.chart().getXAxis().isTickLabelsVisible())).isFalse();
        assertThat(fx(() -> chart.chart().getXAxis().getLabel())).startsWith("1000 queries, largest gain first");
        List<Double> diffs = chart.differences().rows().stream().map(QueryValues::difference).toList();
        assertThat(diffs).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        Bounds first = fx(() -> bars.get(0).localToScene(bars.get(0).getBoundsInLocal()));
        Bounds last = fx(() -> bars.get(999).localToScene(bars.get(999).getBoundsInLocal()));
        assertThat(first.getMaxX()).isLessThanOrEqualTo(last.getMinX());
        assertThat(first.getWidth()).isLessThan(1.5);
    }

    @Test
    void noQueriesShowAMessageInsteadOfAnEmptyBox() throws Exception {
        assertThat(chart.emptyMessage()).isEmpty();
        ChartTesting.run(() -> chart.set("nDCG@10", "A", "B", List.of()));
        assertThat(chart.emptyMessage()).contains("No queries with values for both rankers");
        assertThat(fx(() -> chart.chart().isVisible() && chart.chart().getParent().isVisible())).isFalse();
        assertThat(fx(chart::bars)).isEmpty();
        ChartTesting.run(() -> chart.set("nDCG@10", "A", "B", FIVE.subList(0, 1)));
        assertThat(chart.emptyMessage()).isEmpty();
        assertThat(fx(chart::bars)).hasSize(1);
    }

    @Test
    void aChartThatWasNeverShownExportsAtTwiceItsPreferredSize() throws Exception {
        WritableImage image = fx(() -> {
            PerQueryBarsChart offscreen = new PerQueryBarsChart();
            offscreen.set("nDCG@10", "A", "B", FIVE);
            return offscreen.snapshot();
        });
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(640);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(400);
        int coloured = 0;
        for (int x = 0; x < image.getWidth(); x += 4) {
            for (int y = 0; y < image.getHeight(); y += 4) {
                int rgb = image.getPixelReader().getArgb(x, y) & 0xFFFFFF;
                if (green(rgb) > red(rgb) + 60) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).as("gain bars drawn").isGreaterThan(50);
    }

    @Test
    void theExportIsTwiceTheSizeOnWhite() throws Exception {
        ChartTesting.assertExport(chart);
    }
}
