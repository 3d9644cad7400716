package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.AnnotatorSettings;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.store.LabelingRepository;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the real labeling window from the keyboard: Esc and Ctrl+W close it, but only after the grades it has
 * queued are on disk; Esc typed into a text field, the note prompt or reading mode is theirs and closes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class LabelingWindowKeysTest {

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    /** One io thread, so a test can hold every write back behind a gate. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private LabelingFixture project;
    private Stage labeling;

    @Start
    void start(Stage stage) throws Exception {
        WorkbenchWindow.installTheme();
        project = new LabelingFixture(Files.createTempDirectory(tmp, "p").resolve("p.rwb"));
        stage.setScene(new Scene(new StackPane(new Label("main window")), 300, 200));
        stage.show();
        FxTaskRunner tasks = new FxTaskRunner(Map.of(Lane.IO, io, Lane.INFERENCE, io));
        // A first start on this computer under the "root" account: the window asks who is labeling.
        dialogs.textAnswers.add("ana");
        labeling = LabelingWindow.open(stage, tasks, project.store, List.of(project.q1, project.q2), dialogs,
                new AnnotatorSettings(Files.createTempDirectory(tmp, "config"), "root"));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> labeling.hide()).get();
        io.shutdown();
        io.awaitTermination(10, TimeUnit.SECONDS);
        project.store.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private ListView<CandidateRow> startSession(FxRobot robot) throws Exception {
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#startButton").queryButton());
        ListView<CandidateRow> list = robot.from(labeling.getScene().getRoot()).lookup("#candidateList")
                .queryAs(ListView.class);
        waitFor(() -> list.getItems().size() == 6 && list.getSelectionModel().getSelectedIndex() == 0);
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#queryText").queryAs(Label.class));
        return list;
    }

    private int savedGrades() {
        LabelingRepository repository = new LabelingRepository(project.store);
        return repository.sessions().stream().mapToInt(s -> repository.sessionJudgments(s.id()).size()).sum();
    }

    @Test
    void escInATextFieldStaysThereAndEscElsewhereClosesTheWindow(FxRobot robot) throws Exception {
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#sessionNameField").queryTextInputControl());
        robot.type(KeyCode.ESCAPE);
        assertThat(labeling.isShowing()).as("Esc in the session name field").isTrue();

        startSession(robot);
        robot.type(KeyCode.ENTER);
        LabelingViewModel vm = (LabelingViewModel) labeling.getProperties().get(LabelingViewModel.class);
        assertThat(vm.readingProperty().get()).isTrue();
        robot.type(KeyCode.ESCAPE);
        assertThat(labeling.isShowing()).as("the first Esc leaves reading mode").isTrue();
        assertThat(vm.readingProperty().get()).isFalse();

        robot.type(KeyCode.ESCAPE);
        waitFor(() -> !labeling.isShowing());
    }

    @Test
    void escInTheNotePromptClosesOnlyThePrompt(FxRobot robot) throws Exception {
        ListView<CandidateRow> list = startSession(robot);
        robot.type(KeyCode.N);
        waitFor(() -> Window.getWindows().stream().anyMatch(w -> w.isShowing() && w != labeling
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane));
        Stage prompt = (Stage) Window.getWindows().stream().filter(w -> w.isShowing()
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane).findFirst().orElseThrow();
        assertThat(prompt.getTitle()).as("the title names the candidate")
                .isEqualTo("Note on " + list.getItems().get(0).docId());
        assertThat(((javafx.scene.control.DialogPane) prompt.getScene().getRoot()).getHeaderText())
                .as("no header repeating the title").isNull();
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> Window.getWindows().stream().noneMatch(w -> w.isShowing()
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane));
        assertThat(labeling.isShowing()).isTrue();
    }

    @Test
    void ctrlWClosesOnlyOnceTheQueuedGradeIsWritten(FxRobot robot) throws Exception {
        startSession(robot);
        CountDownLatch gate = new CountDownLatch(1);
        io.submit(() -> {
            gate.await();
            return null;
        });
        AtomicInteger gradesOnDiskWhenHidden = new AtomicInteger(-1);
        labeling.showingProperty().addListener((o, was, showing) -> {
            if (!showing) {
                gradesOnDiskWhenHidden.set(savedGrades());
            }
        });

        robot.type(KeyCode.DIGIT2);
        robot.push(KeyCode.CONTROL, KeyCode.W);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(labeling.isShowing()).as("a grade is still queued").isTrue();
        Label status = robot.from(labeling.getScene().getRoot()).lookup("#statusLabel").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("Saving…");

        gate.countDown();
        waitFor(() -> !labeling.isShowing());
        assertThat(gradesOnDiskWhenHidden.get()).isEqualTo(1);
    }
}
