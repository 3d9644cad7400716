package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import javafx.scene.Node;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.LongDocuments;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real main window, headless, with the bundled model. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchViewTest {

    private static AppContext context;

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        if (context == null) {
            context = new AppContext();
        }
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(new FxTaskRunner(context.lanes()), context.rankers(), dialogs);
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1280, 800));
        stage.show();
        vm.selectModel(context.rankers().defaultModelName());
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void windowTitleAndDisabledRerankExplainWhy(FxRobot robot) throws Exception {
        assertThat(robot.window(0)).isInstanceOf(Stage.class);
        assertThat(((Stage) robot.window(0)).getTitle()).startsWith("Rerank Workbench");
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        Button rerank = robot.lookup("#rerankButton").queryButton();
        assertThat(rerank.isDisabled()).isTrue();
        assertThat(robot.lookup("#blockedReasonLabel").queryAs(Label.class).getText())
                .isEqualTo("Type a query to rerank.");
        assertThat(robot.lookup("#modelStateLabel").queryAs(Label.class).getText()).contains("ready");
    }

    @Test
    void rerankExportAndCopyFromTheWindow(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        robot.clickOn("#queryField").write("capital of France");
        robot.clickOn("#candidatesArea").write("Bananas are yellow.\n=SUM(A1:A3) is a spreadsheet formula\n"
                + "Paris is the capital of France.\nThe stock market fell on Monday.");
        assertThat(robot.lookup("#candidateCountLabel").queryAs(Label.class).getText()).isEqualTo("4 candidates");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(() -> vm.results().rows().size() == 4 && !vm.runningProperty().get());

        TableView<ResultRow> table = robot.lookup("#resultsTable").queryTableView();
        assertThat(table.getItems()).extracting(ResultRow::rank).containsExactly(1, 2, 3, 4);
        assertThat(table.getItems().get(0).text()).isEqualTo("Paris is the capital of France.");
        assertThat(table.getItems().get(0).originalRank()).isEqualTo(3);

        List<Region> fills = robot.lookup(".score-bar-fill").queryAllAs(Region.class).stream()
                .filter(Node::isVisible)
                .filter(r -> r.getScene() != null)
                .sorted(Comparator.comparingDouble(r -> -r.getWidth()))
                .toList();
        assertThat(fills).hasSizeGreaterThanOrEqualTo(4);
        Region track = (Region) fills.get(0).getParent();
        assertThat(fills.get(0).getWidth()).isEqualTo(track.getWidth(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(fills.get(fills.size() - 1).getWidth()).isLessThan(fills.get(0).getWidth() / 2);
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText())
                .startsWith("all-MiniLM-L6-v2 (local bi-encoder) · 4 documents · ").contains("docs/s");

        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        assertThat(robot.lookup("#detailText").queryAs(TextArea.class).getText())
                .isEqualTo("Paris is the capital of France.");

        // The menu item behind Ctrl+E says which run it exports: the one on screen.
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        List<String> exportItems = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> i instanceof javafx.scene.control.Menu).map(i -> (javafx.scene.control.Menu) i)
                .flatMap(m -> m.getItems().stream()).map(javafx.scene.control.MenuItem::getText).toList();
        assertThat(exportItems).contains("_Ranked lists (CSV): Run 1 of q1…", "_TREC run: Run 1 of q1…");
        Path csv = tmp.resolve("ranked.csv");
        dialogs.answerSaveWith(csv);
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitFor(() -> Files.exists(csv) && vm.statusTextProperty().get().startsWith("Exported"));
        List<String> lines = readLines(csv);
        assertThat(lines).hasSize(5);
        // The rerank was kept as Run 1 of the new query q1, the run on screen; the export lists it.
        assertThat(lines.get(0)).isEqualTo(
                "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,"
                        + "variant,variant_text");
        assertThat(lines.get(1)).matches("q1,capital of France,1,[^,]+,all-MiniLM-L6-v2,1,3,0\\.\\d{6,},3,,false,"
                + "Paris is the capital of France\\.,,");
        assertThat(lines).anyMatch(l -> l.matches("q1,capital of France,1,[^,]+,all-MiniLM-L6-v2,\\d,2,"
                + "-?0\\.\\d+,2,,false,'=SUM\\(A1:A3\\) is a spreadsheet formula,,"));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePickerSwitchesModelsAndAChunkedResultShowsItsBestChunk(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        ComboBox<String> picker = robot.lookup("#rankerPicker").queryAs(ComboBox.class);
        assertThat(picker.getItems()).containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q");

        robot.clickOn(picker);
        robot.clickOn("bge-small-en-v1.5-q");
        assertThat(vm.rankerNameProperty().get()).isEqualTo("bge-small-en-v1.5-q");
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        assertThat(robot.lookup("#modelStateLabel").queryAs(Label.class).getText())
                .startsWith("bge-small-en-v1.5-q (local bi-encoder) ready");

        // Far beyond bge-small's 512 tokens, with the answer near the end.
        String filler = "The weather report mentioned light rain over the northern hills. ".repeat(60);
        String longDoc = filler + "Paris is the capital of France. " + filler;
        ChoiceBox<LongDocuments> longDocuments = robot.lookup("#longDocumentsChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> longDocuments.setValue(LongDocuments.CHUNK));
        assertThat(vm.longDocumentsProperty().get()).isEqualTo(LongDocuments.CHUNK);
        robot.interact(() -> {
            vm.queryProperty().set("capital of France");
            vm.candidatesTextProperty().set("Bananas are yellow.\n" + longDoc);
        });
        robot.clickOn("#rerankButton");
        waitFor(() -> vm.results().rows().size() == 2 && !vm.runningProperty().get());

        ResultRow top = vm.results().rows().get(0);
        assertThat(top.text()).isEqualTo(longDoc.strip());
        TextSpan chunk = top.bestChunk();
        assertThat(chunk).isNotNull();
        assertThat(chunk.of(top.text())).contains("Paris is the capital of France.");
        assertThat(top.truncated()).isFalse();

        robot.interact(() -> robot.lookup("#resultsTable").queryTableView().getSelectionModel().select(top));
        TextArea detail = robot.lookup("#detailText").queryAs(TextArea.class);
        assertThat(robot.lookup("#detailHeader").queryAs(Label.class).getText())
                .contains("best chunk: characters " + (chunk.start() + 1) + "–" + chunk.end());
        assertThat(detail.getSelection().getStart()).isEqualTo(chunk.start());
        assertThat(detail.getSelection().getEnd()).isEqualTo(chunk.end());
        assertThat(robot.lookup("#resultsTable").queryTableView().getColumns())
                .anyMatch(c -> "Prob.".equals(c.getText()));
        assertThat(top.probabilityLabel()).as("a bi-encoder gives no probability").isEmpty();
    }

    private static List<String> readLines(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8);
    }
}
