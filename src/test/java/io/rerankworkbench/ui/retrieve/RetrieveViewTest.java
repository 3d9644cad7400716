package io.rerankworkbench.ui.retrieve;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.Kind;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the real main window and the Retrieve candidates dialog, headless: a corpus is imported from the dialog,
 * BM25 and dense retrieval (the int8 bundled model, through ONNX Runtime) fill the queries, and their kept rankings
 * are fused — each a run the main window lists.
 */
@ExtendWith(ApplicationExtension.class)
class RetrieveViewTest {

    private static final Path CORPUS = Path.of("sample-projects/home-cooking-beir/corpus.jsonl");

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private AppContext context;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        Path config = tmp.resolve("config-" + System.nanoTime());
        context = new AppContext(new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT), config,
                Map.of());
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(tasks, context.catalog(), dialogs, context.projects());
        vm.setRetrieveWindow(RetrieveWindow.opener(stage, tasks, context.retrievalFlow(), w -> dialogs,
                vm::runsChanged));
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1024, 700));
        stage.show();
        Path project = tmp.resolve("retrieve-" + System.nanoTime() + ".rwb");
        try (ProjectStore store = ProjectStore.create(project)) {
            store.addQuery("q01", "how long to rest a steak");
            store.addQuery("q05", "hard boiled eggs easy peel");
        }
        vm.project().open(project);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && RetrieveWindow.TITLE.equals(s.getTitle()))
                .forEach(Window::hide)).get();
        context.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCorpusIsImportedRetrievedWithBm25AndDenseRetrievalAndFused(FxRobot robot) throws Exception {
        waitFor(() -> vm.queries().allQueries().size() == 2);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        Stage dialog = (Stage) robot.window(RetrieveWindow.TITLE);
        assertThat(dialog.getModality()).isEqualTo(Modality.WINDOW_MODAL);
        Parent root = dialog.getScene().getRoot();
        Label corpus = robot.from(root).lookup("#corpusLabel").queryAs(Label.class);
        Label problem = robot.from(root).lookup("#problemLabel").queryAs(Label.class);
        Label status = robot.from(root).lookup("#statusLabel").queryAs(Label.class);
        Button start = robot.from(root).lookup("#startButton").queryButton();
        waitFor(() -> corpus.getText().startsWith("The project has no corpus yet"));
        assertThat(problem.isVisible()).isTrue();
        assertThat(start.isDisabled()).isTrue();

        dialogs.openAnswers.add(List.of(CORPUS));
        robot.clickOn(robot.from(root).lookup("#importFileButton").queryButton());
        waitFor(() -> corpus.getText().startsWith("Corpus: 256 documents"));
        assertThat(status.getText()).isEqualTo("256 documents added to the corpus from corpus.jsonl.");
        assertThat(problem.isVisible()).isFalse();

        robot.clickOn(start);
        waitFor(() -> status.getText().startsWith("BM25: "));
        assertThat(status.getText()).matches("BM25: 2 queries, up to \\d+ candidates each in \\d+\\.\\d s\\.");
        waitFor(() -> vm.queries().allQueries().stream().allMatch(q -> q.runs() == 1 && q.candidates() > 0));

        ChoiceBox<Kind> kind = robot.from(root).lookup("#kindChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> kind.setValue(Kind.DENSE));
        ChoiceBox<String> model = robot.from(root).lookup("#modelChoice").queryAs(ChoiceBox.class);
        assertThat(model.isVisible()).isTrue();
        assertThat(model.getValue()).as("the fast int8 model first").isEqualTo("all-MiniLM-L6-v2-q");
        robot.clickOn(start);
        waitFor(() -> status.getText().startsWith("all-MiniLM-L6-v2-q: "));
        assertThat(status.getText()).matches("all-MiniLM-L6-v2-q: 2 queries, up to 100 candidates each \\(2 "
                + "queries with runs kept their candidates and gained \\d+ new ones\\) in .*");

        robot.interact(() -> kind.setValue(Kind.FUSION));
        TableView<RetrieveViewModel.FusionRow> fusion = robot.from(root).lookup("#fusionTable")
                .queryAs(TableView.class);
        waitFor(() -> fusion.getItems().size() == 2);
        assertThat(start.isDisabled()).as("nothing ticked").isTrue();
        for (CheckBox box : robot.from(fusion).lookup(".check-box").queryAllAs(CheckBox.class)) {
            robot.clickOn(box);
        }
        assertThat(start.isDisabled()).isFalse();
        robot.clickOn(start);
        waitFor(() -> status.getText().startsWith("RRF k=60 "));
        assertThat(status.getText()).as("fused documents are candidates already").contains("(2 queries with runs "
                + "kept their candidates) in ");

        ProjectStore store = context.projects().store();
        for (var q : store.listQueries()) {
            assertThat(store.runs(q.id())).extracting(StoredRun::ranking).extracting(r -> r.ranker())
                    .containsExactly("bm25", "dense retrieval", "fusion");
        }
        waitFor(() -> vm.queries().allQueries().stream().allMatch(q -> q.runs() == 3));
        assertThat(dialogs.errors).isEmpty();

        robot.clickOn(robot.from(root).lookup("#closeButton").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).isFalse();
    }
}
