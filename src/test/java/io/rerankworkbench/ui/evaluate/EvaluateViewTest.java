package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.CompareFixture;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Evaluate window, headless, over {@link CompareFixture} with a second annotator (q1 and q2 graded; m1 ranks
 * both, m2 only q1): the metrics table shows means, intervals and judged badges, the pair line the tests, a change
 * of convention redraws the numbers, and each chart gets its data.
 */
@ExtendWith(ApplicationExtension.class)
class EvaluateViewTest {

    @TempDir
    static Path tmp;

    private static AppContext context;
    private static ProjectStore store;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private EvaluateViewModel vm;
    private EvaluateView view;

    @BeforeAll
    static void project() throws Exception {
        context = new AppContext();
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        CompareFixture.fill(store);
        CompareFixture.grade(store, "q1", "d", 2, "bo");
        CompareFixture.grade(store, "q2", "y", 1, "bo");
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        context.close();
    }

    @Start
    void start(Stage stage) {
        WorkbenchWindow.installTheme();
        vm = new EvaluateViewModel(new FxTaskRunner(context.lanes()), new EvaluationService(() -> store), dialogs);
        view = EvaluateWindow.create(vm);
        Scene scene = new Scene(view.root(), 1280, 800);
        scene.getStylesheets().add(FxmlScenes.appStylesheet(EvaluateWindow.class));
        stage.setScene(scene);
        stage.show();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private void opened() throws Exception {
        fx(() -> {
            vm.open();
            return null;
        });
        waitFor(() -> vm.reportProperty().get() != null && !vm.busyProperty().get());
    }

    private static List<String> texts(FxRobot robot, Node within, String styleClass) {
        return robot.from(within).lookup("." + styleClass).queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList();
    }

    @Test
    void theMetricsTableShowsMeansIntervalsAndBadges(FxRobot robot) throws Exception {
        opened();
        TableView<RankerResult> table = view.metricsTable();
        assertThat(table.getItems()).hasSize(3);
        assertThat(table.getColumns()).extracting(c -> c.getText()).containsExactly("Ranker", "nDCG@10", "P@10",
                "R@10", "MRR", "AP", "AP@10", "Success@10", "Judged@10");
        List<String> values = texts(robot, table, "metric-value");
        // m1 nDCG@10 (0.92388 + 1) / 2 = 0.96194; m2 q1 only 0.90351
        assertThat(values).contains("0.9619", "0.9035");
        // judged: m1 has 4 of 10 on q1 and 1 of 10 on q2 → 25 %, under 80 %: warned
        assertThat(texts(robot, table, "coverage-badge")).contains("⚠ 25%");
        assertThat(texts(robot, table, "ranker-queries")).contains("2 queries", "1 query (1 without a run)");
        // m1 and m2 share one query: no test; with the original order as B there is one
        assertThat(view.pairLabel().getText()).contains("Fewer than two queries");
        fx(() -> {
            vm.rankerBProperty().set(vm.rankers().get(2));
            return null;
        });
        waitFor(() -> vm.pairTestProperty().get() != null);
        assertThat(view.pairLabel().getText()).startsWith("B − A = −0.1845 on nDCG@10 over 2 queries")
                .contains("randomization p = ").contains("paired t-test p");
        assertThat(robot.lookup(".wtl-segment").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("1", "1"); // tied on q1, A better on q2
        assertThat(robot.lookup("With 3 rankers there are 3 pairs: these p-values are uncorrected for multiple "
                + "comparisons.").tryQuery()).isPresent();
        robot.clickOn("Holm's correction");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.pairLabel().getText()).contains("Holm-adjusted p");
    }

    @Test
    void aConventionRecomputesAndIsNamed(FxRobot robot) throws Exception {
        opened();
        assertThat(robot.lookup(".evaluate-conventions").queryAs(Label.class).getText())
                .startsWith("trec_eval defaults: linear gain");
        robot.clickOn("Conventions");
        robot.clickOn("Count as 0 (trec_eval -c)");
        waitFor(() -> vm.reportProperty().get().request().conventions().completeQueries());
        assertThat(robot.lookup(".evaluate-conventions").queryAs(Label.class).getText())
                .doesNotStartWith("trec_eval defaults").contains("queries without a run count 0 (-c)");
        // m2 now averages over both queries, q2 counting 0: 0.90351 / 2
        assertThat(texts(robot, view.metricsTable(), "metric-value")).contains("0.4518");
        fx(() -> {
            vm.conventionsProperty().set(Conventions.TREC_EVAL);
            return null;
        });
    }

    @Test
    void theChartsGetTheirDataAndExport(FxRobot robot) throws Exception {
        opened();
        fx(() -> {
            vm.rankerBProperty().set(vm.rankers().get(2));
            view.showTab("bars");
            return null;
        });
        waitFor(() -> view.charts().bars().differences() != null
                && !view.charts().bars().differences().rows().isEmpty());
        assertThat(view.charts().bars().differences().rows()).hasSize(2);
        // a chart is drawn when its tab is shown, not before
        assertThat(view.charts().curve().series()).isEmpty();
        fx(() -> {
            view.showTab("curve");
            return null;
        });
        assertThat(view.charts().curve().series()).extracting(s -> s.ranker())
                .containsExactly("m1", "m2", "Original order");
        fx(() -> {
            view.showTab("histograms");
            return null;
        });
        assertThat(view.charts().histograms().histograms()).hasSize(2); // the original order has no scores
        fx(() -> {
            view.showTab("grades");
            return null;
        });
        assertThat(view.charts().grades().queries()).hasSize(2);
        fx(() -> {
            view.showTab("bars");
            return null;
        });
        assertThat(view.queriesTable().getItems()).hasSize(2);
        Path png = tmp.resolve("bars.png");
        dialogs.answerSaveWith(png);
        robot.clickOn("Export");
        robot.clickOn("Chart on screen (PNG, 2×)…");
        waitFor(() -> Files.exists(png));
        assertThat(Files.size(png)).isGreaterThan(1000);
        assertThat(dialogs.errors).isEmpty();
    }
}
