package io.rerankworkbench.ui.compare;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.ImportSources;
import io.rerankworkbench.app.ProjectTransferService;
import io.rerankworkbench.app.RankerRun;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.common.HeatmapView;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compare view, headless, over a sample query reranked by both bundled models: each moved document's line is
 * drawn between its two positions in its direction's colour, hovering highlights a document on both sides, the
 * rank matrix has a column per ranking, and the all-queries tab lists the queries by disagreement.
 */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {

    @TempDir
    static Path tmp;

    private static AppContext context;
    private static ProjectStore store;
    private static long q01;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private CompareViewModel vm;
    private CompareView view;

    @BeforeAll
    static void reranked() throws Exception {
        context = new AppContext();
        store = ProjectStore.create(tmp.resolve("cooking.rwb"));
        Path bundle = Path.of("sample-projects/home-cooking/home-cooking.rwb.json");
        new ProjectTransferService(ImportSources.parsers()).importInto(store, List.of(bundle),
                new ProjectTransferService.ImportSettings("bundle", false), ImportProgress.NONE,
                CancellationToken.NONE);
        List<StoredQuery> queries = store.listQueries().subList(0, 3);
        q01 = queries.get(0).id();
        for (String model : List.of("all-MiniLM-L6-v2", "bge-small-en-v1.5-q")) {
            Reranker ranker = context.catalog().open(model);
            for (StoredQuery q : queries) {
                List<Candidate> candidates = store.candidates(q.id()).stream().map(StoredCandidate::candidate)
                        .toList();
                RankerRun run = context.catalog().run(ranker, q.toQuery(), candidates, RerankOptions.DEFAULT,
                        ProgressListener.NONE, CancellationToken.NONE);
                store.recordRun(q.id(), run.ranking(), "{}", null, Instant.now(), Instant.now(),
                        RunStatus.COMPLETED);
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        context.close();
    }

    @Start
    void start(Stage stage) {
        WorkbenchWindow.installTheme();
        vm = new CompareViewModel(new FxTaskRunner(context.lanes()), new CompareService(() -> store),
                dialogs);
        view = CompareWindow.create(vm, null);
        Scene scene = new Scene(view.root(), 1280, 800);
        scene.getStylesheets().add(FxmlScenes.appStylesheet(CompareWindow.class));
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
            vm.open(q01);
            return null;
        });
        waitFor(() -> vm.diffProperty().get() != null);
    }

    private static Color colorAt(WritableImage shot, Point2D p) {
        return shot.getPixelReader().getColor((int) Math.floor(p.getX()), (int) Math.floor(p.getY()));
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.08 && Math.abs(a.getGreen() - b.getGreen()) < 0.08
                && Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }

    @Test
    void aMovedDocumentsLineRunsBetweenItsTwoPositions() throws Exception {
        opened();
        assertThat(vm.leftProperty().get().ranking().model()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(vm.rightProperty().get().ranking().model()).isEqualTo("bge-small-en-v1.5-q");
        RankDiff.Row moved = vm.diffProperty().get().rows().stream()
                .filter(r -> r.movement() != 0 && r.rankA() <= 10 && r.rankB() <= 10).findFirst().orElseThrow();
        // Selected, its line is drawn last (over any line it crosses).
        fx(() -> {
            vm.selectedProperty().set(moved.docId());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        RankDiffView diff = view.diffView();
        Point2D from = fx(() -> diff.lineEnd(true, moved.rankA()));
        Point2D to = fx(() -> diff.lineEnd(false, moved.rankB()));
        assertThat(to.getX()).isGreaterThan(from.getX());
        // The curve is symmetric: its middle is the middle of its two ends.
        Point2D middle = from.midpoint(to);
        Point2D offLine = new Point2D(middle.getX(), middle.getY() + (moved.movement() > 0 ? -1 : 1)
                * RankDiffView.ROW * 0.5);
        WritableImage shot = fx(() -> diff.snapshot(null, null));
        Color expected = moved.movement() > 0 ? RankDiffView.UP : RankDiffView.DOWN;
        assertThat(close(colorAt(shot, middle), expected)).as("line colour at %s: %s", middle,
                colorAt(shot, middle)).isTrue();
        // Each end is at its document's row on its side.
        assertThat(from.getY()).isEqualTo(RankDiffView.HEADER + (moved.rankA() - 0.5) * RankDiffView.ROW);
        assertThat(to.getY()).isEqualTo(RankDiffView.HEADER + (moved.rankB() - 0.5) * RankDiffView.ROW);
        assertThat(close(colorAt(shot, offLine), expected)).isFalse();
        assertThat(vm.selectedText()).isNotBlank();
    }

    @Test
    void hoveringADocumentHighlightsItOnBothSides(FxRobot robot) throws Exception {
        opened();
        RankDiffView diff = view.diffView();
        Point2D leftRow = fx(() -> diff.localToScreen(40, RankDiffView.HEADER + RankDiffView.ROW * 2.5));
        robot.moveTo(leftRow);
        WaitForAsyncUtils.waitForFxEvents();
        String third = vm.diffProperty().get().sideA().get(2).docId();
        assertThat(vm.hoveredProperty().get()).isEqualTo(third);
        RankDiff.Row row = vm.diffProperty().get().sideA().get(2);
        WritableImage shot = fx(() -> diff.snapshot(null, null));
        Point2D rightRow = fx(() -> new Point2D(diff.lineEnd(false, row.rankB()).getX() + 3,
                diff.lineEnd(false, row.rankB()).getY() - RankDiffView.ROW / 2 + 2));
        Color background = colorAt(shot, rightRow);
        assertThat(background.getBlue()).as("highlighted row on the right: %s", background)
                .isGreaterThan(background.getRed());
        robot.moveTo(fx(() -> diff.localToScreen(diff.getWidth() / 2, 5)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.hoveredProperty().get()).isNull();
    }

    @Test
    void theMatrixAndTheQueriesByDisagreement(FxRobot robot) throws Exception {
        opened();
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        Tab matrix = tabs.getTabs().get(1);
        fx(() -> {
            tabs.getSelectionModel().select(matrix);
            return null;
        });
        HeatmapView heatmap = view.matrixView();
        waitFor(() -> heatmap.getData() != null);
        assertThat(heatmap.getData().columnLabels()).hasSize(4);
        assertThat(heatmap.getData().columnLabels().get(0)).startsWith("all-MiniLM-L6-v2");
        assertThat(heatmap.getData().columnLabels().get(3)).isEqualTo("ideal");
        // Sorted by the first column: its ranks run 1, 2, 3…
        assertThat(heatmap.getData().value(0, 0)).isEqualTo(1);
        assertThat(heatmap.getData().value(1, 0)).isEqualTo(2);
        fx(() -> {
            tabs.getSelectionModel().select(tabs.getTabs().get(2));
            return null;
        });
        waitFor(() -> vm.overQueriesProperty().get() != null);
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == 3);
        fx(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
            return null;
        });
        robot.type(KeyCode.ENTER);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 0);
        String worst = vm.overQueriesProperty().get().byDisagreement().get(0).queryId();
        waitFor(() -> vm.rankingsProperty().get().query().externalId().equals(worst));
    }

    @Test
    void theImageExportHoldsEveryRowAtTwiceTheSize(FxRobot robot) throws Exception {
        opened();
        Path file = tmp.resolve("compare.png");
        dialogs.answerSaveWith(file);
        robot.clickOn(".menu-button");
        robot.clickOn("Image (PNG, 2×)…");
        waitFor(() -> vm.messageProperty().get().equals("Saved compare.png."));
        BufferedImage image = ImageIO.read(file.toFile());
        double width = fx(() -> Math.max(900, view.diffView().getWidth()));
        assertThat(image.getWidth()).isEqualTo((int) Math.round(width * 2));
        // Cut-off 10: a header and ten rows.
        assertThat(image.getHeight()).isEqualTo((int) Math.round((RankDiffView.HEADER + 10 * RankDiffView.ROW) * 2));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void readingTheQueryAgainKeepsItInThePicker() throws Exception {
        opened();
        String shown = vm.rankingsProperty().get().query().externalId();
        assertThat(fx(() -> view.queryCombo().getValue().externalId())).isEqualTo(shown);
        fx(() -> {
            vm.refresh(); // the same query and runs: the picker's items are read again
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(() -> !vm.busyProperty().get());
        assertThat(fx(() -> view.queryCombo().getValue())).isNotNull();
        assertThat(fx(() -> view.queryCombo().getValue().externalId())).isEqualTo(shown);
        fx(() -> {
            vm.step(1);
            return null;
        });
        waitFor(() -> !vm.rankingsProperty().get().query().externalId().equals(shown));
        assertThat(fx(() -> view.queryCombo().getValue().externalId()))
                .isEqualTo(vm.rankingsProperty().get().query().externalId());
    }
}
