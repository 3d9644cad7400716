package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.FxDialogService;
import io.rerankworkbench.ui.common.FxTaskRunner;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports through the real main window, headless: the CSV mapping dialog, and the problems dialog's skip choice. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchImportViewTest {

    @TempDir
    Path tmp;

    private AppContext context;
    private ProjectService projects;
    private WorkbenchViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> new WordOverlapReranker(50));
        context = new AppContext(rankers, tmp.resolve("config"), java.util.Map.of());
        projects = new ProjectService(tmp.resolve("config"));
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(new FxTaskRunner(context.lanes()), new RankerCatalog(rankers, null),
                new FxDialogService(stage), projects);
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1280, 800));
        stage.show();
        vm.selectModel("all-MiniLM-L6-v2");
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != stage)
                .forEach(Window::hide)).get();
        context.close();
        projects.close();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCsvIsPreviewedItsColumnsMappedAndItsQueriesListed(FxRobot robot) throws Exception {
        Path csv = tmp.resolve("judged.csv");
        Files.writeString(csv, """
                qid;question;docid;passage;bm25
                q1;capital of france;d1;Paris is the capital of France.;12.5
                q1;capital of france;d2;Lyon is a city in France.;9.1
                q2;rest a steak;d3;Rest a steak for five minutes.;11.0
                """, StandardCharsets.UTF_8);
        WaitForAsyncUtils.asyncFx(() -> vm.transfers().importFiles(List.of(csv)));
        waitFor(() -> robot.lookup("#csv-query_text").tryQuery().isPresent());

        // "question" is no known header name: the query text is not mapped yet, but the id is, so Import may go.
        ComboBox<String> queryText = robot.lookup("#csv-query_text").queryComboBox();
        assertThat(queryText.getValue()).isEqualTo("—");
        assertThat(robot.lookup("#csv-query_id").queryComboBox().getValue()).isEqualTo("qid");
        assertThat(robot.lookup("#csv-text").queryComboBox().getValue()).isEqualTo("passage");
        assertThat(robot.lookup("#csv-initial_score").queryComboBox().getValue()).isEqualTo("bm25");
        WaitForAsyncUtils.asyncFx(() -> queryText.setValue("question")).get();
        snapshot(queryText.getScene(), "import-csv.png");

        Button importButton = (Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class)
                .lookupButton(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getButtonTypes().get(0));
        robot.clickOn(importButton);
        waitFor(() -> vm.queries().allQueries().size() == 2 && !vm.runningProperty().get());

        assertThat(vm.queries().allQueries()).extracting(q -> q.query().externalId() + " " + q.query().text() + " "
                + q.candidates()).containsExactly("q1 capital of france 2", "q2 rest a steak 1");
        ListView<QuerySummary> list = robot.lookup("#queriesList").queryListView();
        assertThat(list.getItems()).hasSize(2);
        assertThat(vm.statusTextProperty().get()).startsWith("Imported 2 queries");
        assertThat(projects.store().candidates(vm.queries().allQueries().get(0).query().id()))
                .extracting(c -> c.firstStageScore()).containsExactly(12.5, 9.1);
    }

    @Test
    void rowsWithProblemsStopTheImportUntilTheUserChoosesToSkipThem(FxRobot robot) throws Exception {
        Path jsonl = tmp.resolve("pairs.jsonl");
        Files.writeString(jsonl, """
                {"query_id": "q1", "query": "capital of france", "doc_id": "d1", "text": "Paris."}
                {"query_id": "q1", "query": "capital of france", "doc_id": "d2", "text": "Lyon.", "score": "high"}
                {"query_id": "q1", "query": "capital of france", "doc_id": "d3", "text": "Nice."}
                """, StandardCharsets.UTF_8);
        WaitForAsyncUtils.asyncFx(() -> vm.transfers().importFiles(List.of(jsonl)));
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getContentText()).contains("pairs.jsonl:2:");
        assertThat(projects.store().listQueries()).as("nothing written yet").isEmpty();
        snapshot(pane.getScene(), "import-problems.png");

        Node skip = pane.lookupButton(pane.getButtonTypes().stream()
                .filter(b -> b.getText().startsWith("Skip")).findFirst().orElseThrow());
        robot.clickOn(skip);
        waitFor(() -> vm.queries().allQueries().size() == 1 && !vm.runningProperty().get()
                && robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(vm.queries().allQueries().get(0).candidates()).isEqualTo(2);
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText())
                .contains("1 row skipped").contains("pairs.jsonl:2:");
    }

    @Test
    void aFileThatCannotBeReadShowsWhyInThePreviewAndCannotBeImported(FxRobot robot) throws Exception {
        Path csv = tmp.resolve("broken.csv");
        Files.writeString(csv, "query_id,query,doc_id,text\nq1,capital,d1,\"Paris is never closed\nq1,capital,d2,Lyon\n",
                StandardCharsets.UTF_8);
        WaitForAsyncUtils.asyncFx(() -> vm.transfers().importFiles(List.of(csv)));
        waitFor(() -> robot.lookup("#csv-preview-problem").tryQuery().isPresent());

        javafx.scene.control.TableView<?> table = robot.lookup(".dialog-pane .table-view")
                .queryAs(javafx.scene.control.TableView.class);
        assertThat(table.getItems()).isEmpty();
        assertThat(table.getPlaceholder()).isInstanceOf(javafx.scene.control.Label.class);
        assertThat(((javafx.scene.control.Label) table.getPlaceholder()).getText())
                .isEqualTo("broken.csv:2: a quoted value is not closed (a \" is missing)");
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContent().lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()))
                .noneMatch(t -> t != null && t.contains("No content"))
                .contains("The file cannot be imported as it is: fix it, then import it again.");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.lookupButton(pane.getButtonTypes().get(0)).isDisabled()).isTrue();
        snapshot(pane.getScene(), "import-unreadable.png");
        robot.clickOn(pane.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        assertThat(projects.isOpen() && !projects.store().listQueries().isEmpty()).isFalse();
    }

    /** Keeps a picture under target/ui-snapshots for a human to look at (not compared). */
    private static void snapshot(javafx.scene.Scene scene, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        Path out = Path.of("target", "ui-snapshots");
        Files.createDirectories(out);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve(name).toFile());
    }
}
