package io.rerankworkbench.ui.evaluate.chart;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.eval.plot.GradedScore;
import io.rerankworkbench.eval.plot.RankerScores;
import io.rerankworkbench.eval.plot.ScoreHistogram;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rerankworkbench.ui.evaluate.chart.ChartTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The score histograms by grade in a real (headless) window. */
@ExtendWith(ApplicationExtension.class)
class ScoreHistogramChartTest {

    private ScoreHistogramChart chart;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        chart = new ScoreHistogramChart();
        chart.set(ChartSamples.scores(2));
        scene = new Scene(new StackPane(chart), 1000, 700);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void oneHistogramPerRankerWhoseSegmentsAreTheBinnedCountsOnTheirEdges() throws Exception {
        List<HistogramPlot> plots = fx(chart::plots);
        assertThat(plots).hasSize(3);
        assertThat(plots.get(2).title()).isEqualTo("ms-marco-MiniLM-L-6-v2 (cross-encoder)  (400 scores)");
        for (int p = 0; p < 3; p++) {
            HistogramPlot plot = plots.get(p);
            ScoreHistogram h = chart.histograms().get(p);
            assertThat(plot.segments().stream().mapToInt(HistogramPlot.Segment::count).sum()).isEqualTo(400);
            NumberAxis x = plot.xAxis();
            Map<Integer, Double> top = new HashMap<>();
            for (HistogramPlot.Segment s : plot.segments()) {
                int expected = s.grade() == null ? h.unjudged(s.bin()) : h.count(s.bin(), s.grade());
                assertThat(s.count()).isEqualTo(expected);
                Bounds b = s.node().getBoundsInParent(); // laid out; nothing changes it while we read
                double left = x.getDisplayPosition(h.lower(s.bin()));
                double right = x.getDisplayPosition(h.upper(s.bin()));
                assertThat(b.getMinX()).isBetween(left, left + 1);
                assertThat(b.getMaxX()).isBetween(right - 1, right);
                // Segments of a bin stack: each starts where the one below ended.
                Double below = top.get(s.bin());
                if (below != null) {
                    assertThat(b.getMaxY()).isCloseTo(below, offset(1.01));
                }
                top.put(s.bin(), b.getMinY());
                String colour = s.grade() == null ? "unjudged" : "tone-" + List.of(0, 1, 3, 4).get(s.grade());
                assertThat(s.node().getStyleClass()).contains(colour);
            }
        }
    }

    @Test
    void theSharedLegendNamesEveryGradeAndUnjudgedAndTheColoursDiffer() throws Exception {
        List<String> legend = fx(() -> chart.lookupAll(".chart-legend-entry").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(legend).containsExactly("grade 0", "grade 1", "grade 2", "grade 3", "unjudged");
        WritableImage shot = fx(() -> scene.snapshot(null));
        List<Integer> colours = fx(() -> chart.lookupAll(".chart-swatch").stream()
                .map(n -> ChartTesting.centrePixel(shot, n)).toList());
        assertThat(colours).doesNotHaveDuplicates().doesNotContain(0xFFFFFF);
        // Unjudged is grey.
        int grey = colours.get(4);
        assertThat(Math.abs(ChartTesting.red(grey) - ChartTesting.green(grey))).isLessThan(20);
    }

    @Test
    void hoveringASegmentShowsItsBinGradeAndCount(FxRobot robot) throws Exception {
        HistogramPlot plot = fx(() -> chart.plots().get(0));
        HistogramPlot.Segment s = plot.segments().stream().filter(x -> x.count() >= 5).findFirst().orElseThrow();
        ScoreHistogram h = chart.histograms().get(0);
        String text = ChartTesting.hover(robot, s.node());
        assertThat(text).isEqualTo("score [" + h.format(h.lower(s.bin())) + ", " + h.format(h.upper(s.bin())) + ")\n"
                + (s.grade() == null ? "unjudged" : "grade " + s.grade()) + ": " + s.count() + " of "
                + h.total(s.bin()) + " in this bin");
    }

    @Test
    void oneValueOrAllEqualScoresMakeOneBarAndNaNsAreNamed() throws Exception {
        ChartTesting.run(() -> chart.set(List.of(new RankerScores("flat", List.of(new GradedScore(0.5, 1),
                new GradedScore(0.5, 1), new GradedScore(Double.NaN, 0))))));
        HistogramPlot plot = fx(() -> chart.plots().get(0));
        assertThat(plot.segments()).hasSize(1);
        assertThat(plot.segments().get(0).count()).isEqualTo(2);
        assertThat(plot.title()).isEqualTo("flat  (2 scores, 1 not a number, left out)");
        assertThat(fx(() -> plot.segments().get(0).node().getHeight())).isGreaterThan(20);
    }

    @Test
    void noScoresShowAMessage() throws Exception {
        ChartTesting.run(() -> chart.set(List.of()));
        assertThat(chart.emptyMessage()).contains("No graded queries with scores");
        ChartTesting.run(() -> chart.set(List.of(new RankerScores("x", List.of(new GradedScore(Double.NaN, 1))))));
        assertThat(chart.emptyMessage()).contains("No graded queries with scores");
        ChartTesting.run(() -> chart.set(ChartSamples.scores(2)));
        assertThat(chart.emptyMessage()).isEmpty();
    }

    @Test
    void theExportIsTwiceTheSizeOnWhite() throws Exception {
        ChartTesting.assertExport(chart);
    }
}
