package io.rerankworkbench.ui.several;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
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
 * Drives the real main window and the several-rankers dialog, headless, with the three bundled models: the dialog
 * opens from its shortcut, the models are ticked, and Start keeps one run per model for every query.
 */
@ExtendWith(ApplicationExtension.class)
class SeveralRankersViewTest {

    private static final String MINILM = "all-MiniLM-L6-v2";
    private static final String BGE = "bge-small-en-v1.5-q";
    private static final String MINILM_Q = "all-MiniLM-L6-v2-q";

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private AppContext context;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        Path config = tmp.resolve("config-" + System.nanoTime());
        // The bundled models, loaded by ONNX Runtime when the run opens them.
        context = new AppContext(new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT), config,
                Map.of());
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(tasks, context.catalog(), dialogs, context.projects());
        vm.setSeveralRankersWindow(SeveralRankersWindow.opener(stage, tasks, context.rerankFlow(), w -> dialogs,
                vm::runsChanged));
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1024, 700));
        stage.show();
        Path project = tmp.resolve("several-" + System.nanoTime() + ".rwb");
        try (ProjectStore store = ProjectStore.create(project)) {
            query(store, "q1", "capital of France", "Bananas are yellow.", "Paris is the capital of France.",
                    "The stock market fell on Monday.");
            query(store, "q2", "how long to rest a steak", "Rest a steak for five minutes before cutting it.",
                    "Paris is the capital of France.");
        }
        vm.project().open(project);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && SeveralRankersWindow.TITLE.equals(s.getTitle()))
                .forEach(Window::hide)).get();
        context.close();
    }

    private static void query(ProjectStore store, String id, String text, String... docs) {
        long row = store.addQuery(id, text).id();
        List<NewCandidate> rows = new ArrayList<>();
        for (String d : docs) {
            rows.add(new NewCandidate(rows.size() + 1, "d" + (rows.size() + 1), d));
        }
        store.addCandidates(row, rows, ImportProgress.NONE);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDialogKeepsOneRunPerChosenModelForEveryQuery(FxRobot robot) throws Exception {
        waitFor(() -> vm.queries().allQueries().size() == 2 && vm.queries().selectedProperty().get() != null);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        Stage dialog = (Stage) robot.window(SeveralRankersWindow.TITLE);
        assertThat(dialog.getModality()).isEqualTo(Modality.WINDOW_MODAL);
        Parent root = dialog.getScene().getRoot();
        TableView<RankerRow> table = robot.from(root).lookup("#rankersTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(RankerRow::name).containsExactly(MINILM, BGE, MINILM_Q);
        assertThat(robot.from(root).lookup("#startButton").queryButton().isDisabled()).isTrue();
        RadioButton chosen = robot.from(root).lookup("#chosenRadio").queryAs(RadioButton.class);
        assertThat(chosen.isSelected()).as("the selected query by default").isTrue();
        assertThat(chosen.getText()).isEqualTo("Query q1 (3 candidates)");

        for (CheckBox box : robot.from(table).lookup(".check-box").queryAllAs(CheckBox.class)) {
            robot.clickOn(box);
        }
        robot.clickOn(robot.from(root).lookup("#allRadio").queryAs(RadioButton.class));
        assertThat(table.getItems()).allSatisfy(r -> assertThat(r.chosenProperty().get()).isTrue());
        robot.clickOn(robot.from(root).lookup("#startButton").queryButton());

        Label status = robot.from(root).lookup("#statusLabel").queryAs(Label.class);
        waitFor(() -> status.getText().startsWith("Finished."));
        assertThat(status.getText()).isEqualTo("Finished. 6 runs kept.");
        assertThat(table.getItems()).extracting(r -> r.statusProperty().get())
                .containsExactly("done: 2 runs kept", "done: 2 runs kept", "done: 2 runs kept");
        List<ProgressBar> bars = robot.from(table).lookup(".progress-bar").queryAllAs(ProgressBar.class).stream()
                .filter(Node::isVisible).toList();
        assertThat(bars).hasSize(3).allSatisfy(b -> assertThat(b.getProgress()).isEqualTo(1.0));

        // One run per model for each query, in the project and in the main window's run picker.
        ProjectStore store = context.projects().store();
        for (var q : store.listQueries()) {
            assertThat(store.runs(q.id())).extracting(StoredRun::ranking).extracting(r -> r.model())
                    .containsExactlyInAnyOrder(MINILM, BGE, MINILM_Q);
        }
        waitFor(() -> vm.runs().size() == 3);
        assertThat(vm.queries().allQueries()).allSatisfy(q -> assertThat(q.runs()).isEqualTo(3));
        assertThat(dialogs.errors).isEmpty();

        robot.clickOn(robot.from(root).lookup("#closeButton").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).isFalse();
    }
}
