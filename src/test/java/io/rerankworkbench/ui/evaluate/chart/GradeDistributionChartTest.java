package io.rerankworkbench.ui.evaluate.chart;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.eval.plot.QueryGrades;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.rerankworkbench.ui.evaluate.chart.ChartTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The grades per query in a real (headless) window. */
@ExtendWith(ApplicationExtension.class)
class GradeDistributionChartTest {

    private static final List<QueryGrades> THREE = List.of(
            new QueryGrades("q1", "how to proof yeast", new TreeMap<>(Map.of(0, 4, 1, 2, 2, 1)), 3),
            new QueryGrades("q2", "substitute buttermilk", new TreeMap<>(Map.of(0, 1, 2, 5)), 0),
            new QueryGrades("q3", "", new TreeMap<>(Map.of(1, 8)), 2));

    private GradeDistributionChart chart;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        chart = new GradeDistributionChart();
        chart.set(THREE);
        stage.setScene(new Scene(new StackPane(chart), 900, 600));
        stage.show();
    }

    private Node segment(String series, String queryId) throws Exception {
        return fx(() -> chart.chart().getData().stream().filter(s -> s.getName().equals(series))
                .flatMap(s -> s.getData().stream()).filter(d -> d.getYValue().startsWith(queryId + " ")
                        || d.getYValue().equals(queryId))
                .map(XYChart.Data::getNode).findFirst().orElseThrow());
    }

    @Test
    void aStackedBarPerQueryFirstQueryOnTopSegmentsSizedByCount() throws Exception {
        assertThat(fx(() -> chart.chart().getData().stream().map(XYChart.Series::getName).toList()))
                .containsExactly("grade 0", "grade 1", "grade 2", "unjudged");
        assertThat(fx(() -> chart.chart().getData().get(0).getData().size())).isEqualTo(3);
        Bounds q1 = fx(() -> segment("grade 0", "q1").localToScene(segment("grade 0", "q1").getBoundsInLocal()));
        Bounds q2 = fx(() -> segment("grade 2", "q2").localToScene(segment("grade 2", "q2").getBoundsInLocal()));
        Bounds q3 = fx(() -> segment("grade 1", "q3").localToScene(segment("grade 1", "q3").getBoundsInLocal()));
        assertThat(q1.getCenterY()).isLessThan(q2.getCenterY());
        assertThat(q2.getCenterY()).isLessThan(q3.getCenterY());
        // Widths follow counts: q3's 8 grade-1 candidates against q1's 4 grade-0 ones.
        assertThat(q3.getWidth() / q1.getWidth()).isCloseTo(2.0, offset(0.05));
        assertThat(segment("grade 0", "q1").getStyleClass()).contains("tone-0");
        assertThat(segment("grade 2", "q2").getStyleClass()).contains("tone-4");
        assertThat(segment("unjudged", "q1").getStyleClass()).contains("unjudged");
        assertThat(fx(() -> chart.chart().getYAxis().isTickLabelsVisible())).isTrue();
    }

    @Test
    void hoveringASegmentShowsTheQueryGradeAndCount(FxRobot robot) throws Exception {
        assertThat(ChartTesting.hover(robot, segment("unjudged", "q1")))
                .isEqualTo("q1  how to proof yeast\nunjudged: 3 of 10 candidates");
        assertThat(GradeDistributionChart.tooltipText(THREE.get(2), "grade 1", 8)).isEqualTo("q3\ngrade 1: 8 of 10 candidates");
    }

    @Test
    void manyQueriesHideTheirLabelsButKeepEveryBar() throws Exception {
        ChartTesting.run(() -> chart.set(ChartSamples.grades(300, 4)));
        assertThat(fx(() -> chart.chart().getData().get(0).getData().size())).isEqualTo(300);
        assertThat(fx(() -> chart.chart().getYAxis().isTickLabelsVisible())).isFalse();
        assertThat(fx(() -> chart.chart().getYAxis().getLabel())).isEqualTo("300 queries (hover a bar)");
    }

    @Test
    void noQueriesShowAMessageAndATwiceGivenQueryIsRefused() throws Exception {
        ChartTesting.run(() -> chart.set(List.of()));
        assertThat(chart.emptyMessage()).contains("No graded queries");
        assertThatThrownBy(() -> fx(() -> {
            chart.set(List.of(THREE.get(0), THREE.get(0)));
            return null;
        })).hasMessageContaining("query q1 is given twice");
        ChartTesting.run(() -> chart.set(THREE));
        assertThat(chart.emptyMessage()).isEmpty();
    }

    @Test
    void theProjectsScaleGivesEachGradeTheLabelingWindowsColour() throws Exception {
        // Present grades 0, 1, 2 alone would make grade 2 the top tone; on a 0–3 scale it is tone 3 of 0–4.
        ChartTesting.run(() -> {
            chart.setGradeScale(List.of(0, 1, 2, 3));
            chart.set(THREE);
        });
        assertThat(segment("grade 2", "q2").getStyleClass()).contains("tone-3");
        assertThat(segment("grade 1", "q3").getStyleClass()).contains("tone-1");
        List<String> legend = fx(() -> chart.lookupAll(".chart-legend-entry").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(legend).containsExactly("grade 0", "grade 1", "grade 2", "grade 3", "unjudged");
    }

    @Test
    void theExportIsTwiceTheSizeOnWhite() throws Exception {
        ChartTesting.assertExport(chart);
    }
}
