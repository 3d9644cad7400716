package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.AnnotatorSettings;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.LabelingRepository;
import io.rerankworkbench.store.LabelingSession;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the real labeling window headless on a real project file: starts a session from the form, labels five
 * candidates with the keyboard, then reads the grades back from the file with a fresh {@link ProjectStore}.
 */
@ExtendWith(ApplicationExtension.class)
class LabelingViewTest {

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    /** Two io threads, as in the app: the view model must keep its writes in order itself. */
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private LabelingFixture project;
    private Path file;
    private Stage labeling;

    @Start
    void start(Stage stage) throws Exception {
        WorkbenchWindow.installTheme();
        file = Files.createTempDirectory(tmp, "p").resolve("p.rwb");
        project = new LabelingFixture(file);
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
    private ListView<CandidateRow> list(FxRobot robot) {
        return robot.from(labeling.getScene().getRoot()).lookup("#candidateList").queryAs(ListView.class);
    }

    @Test
    void labelsFiveCandidatesWithTheKeyboardAndTheFileHasThem(FxRobot robot) throws Exception {
        assertThat(robot.from(labeling.getScene().getRoot()).lookup("#annotatorField")
                .queryTextInputControl().getText()).as("prefilled with the answer to \"Who is labeling?\"")
                .isEqualTo("ana");
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#startButton").queryButton());
        ListView<CandidateRow> list = list(robot);
        waitFor(() -> list.getItems().size() == 6 && list.getSelectionModel().getSelectedIndex() == 0);
        List<CandidateRow> order = List.copyOf(list.getItems());
        assertThat(order).allMatch(r -> r.reveal().isEmpty()).noneMatch(CandidateRow::labeled);
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#queryText").queryAs(Label.class));

        robot.type(KeyCode.DIGIT2);   // row 0 → 2, next
        robot.type(KeyCode.DIGIT0);   // row 1 → 0, next
        robot.type(KeyCode.J);        // to row 3
        robot.type(KeyCode.K);        // back to row 2
        robot.type(KeyCode.DIGIT1);   // row 2 → 1, next
        robot.type(KeyCode.DIGIT3);   // row 3 → 3, next
        robot.type(KeyCode.U);        // undo: row 3 ungraded and focused again
        waitFor(() -> list.getSelectionModel().getSelectedIndex() == 3 && !list.getItems().get(3).labeled());
        robot.type(KeyCode.DIGIT1);   // row 3 → 1, next
        robot.type(KeyCode.DIGIT2);   // row 4 → 2, next
        waitFor(() -> list.getItems().stream().limit(5).allMatch(r -> r.labeled() && !r.saving()));

        assertThat(list.getItems()).extracting(CandidateRow::grade).containsExactly(2, 0, 1, 1, 2, null);
        assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(5);
        Label progress = robot.from(labeling.getScene().getRoot()).lookup("#queryProgressLabel").queryAs(Label.class);
        assertThat(progress.getText()).isEqualTo("5 / 6 in this query");
        assertThat(dialogs.errors).isEmpty();
        snapshot("labeling.png");

        WaitForAsyncUtils.asyncFx(() -> labeling.hide()).get();
        io.shutdown();
        assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        project.store.close();
        try (ProjectStore fresh = ProjectStore.open(file)) {
            LabelingRepository repo = new LabelingRepository(fresh);
            LabelingSession session = repo.sessions().get(0);
            assertThat(session.blind()).isTrue();
            Map<Long, Judgment> grades = repo.sessionGrades(session.id(), project.q1);
            int[] expected = {2, 0, 1, 1, 2};
            for (int i = 0; i < expected.length; i++) {
                assertThat(grades.get(order.get(i).documentId()).grade()).as("row " + i).isEqualTo(expected[i]);
            }
            assertThat(grades).hasSize(5);
            assertThat(repo.sessionJudgments(session.id())).as("the undone grade's row is gone").hasSize(5);
        }
    }

    @Test
    void theAgreementTabComparesAnnotatorsAndShowsAConflict(FxRobot robot) throws Exception {
        snapshot("labeling-start.png");
        // Ben labels q1 in his own session first (as another annotator would, in the same project).
        LabelingService service = new LabelingService(project.store,
                new AnnotatorSettings(tmp.resolve("ben-config")));
        var ben = service.start("ben's pass", GradeScale.GRADED_0_3, "ben", true,
                List.of(project.q1), 11);
        List<StoredCandidate> candidates = project.store.candidates(project.q1);
        int[] benGrades = {3, 1, 0, 0, 2, 0};
        for (int i = 0; i < candidates.size(); i++) {
            service.grade(ben.session(), project.q1, candidates.get(i).documentId(), benGrades[i], null);
        }
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#startButton").queryButton());
        ListView<CandidateRow> list = list(robot);
        waitFor(() -> list.getItems().size() == 6 && list.getSelectionModel().getSelectedIndex() == 0);
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#queryText").queryAs(Label.class));
        for (CandidateRow row : List.copyOf(list.getItems())) {
            int i = candidates.stream().map(c -> c.documentId()).toList().indexOf(row.documentId());
            // Agree with ben except on "paris" (3 vs 1) and "berlin" (0 vs 2).
            int grade = i == 0 ? 1 : i == 3 ? 2 : benGrades[i];
            robot.type(KeyCode.valueOf("DIGIT" + grade));
        }
        // After the last candidate of q1 the window moves on to q2.
        Label heading = robot.from(labeling.getScene().getRoot()).lookup("#queryHeading").queryAs(Label.class);
        Label status = robot.from(labeling.getScene().getRoot()).lookup("#statusLabel").queryAs(Label.class);
        waitFor(() -> heading.getText().startsWith("Query 2 of 2") && !status.getText().equals("Saving…"));

        robot.clickOn("Agreement");
        javafx.scene.control.TableView<?> conflicts = robot.from(labeling.getScene().getRoot())
                .lookup("#conflictTable").queryAs(javafx.scene.control.TableView.class);
        waitFor(() -> conflicts.getItems().size() == 2);
        Label overall = robot.from(labeling.getScene().getRoot()).lookup("#overallAgreement").queryAs(Label.class);
        assertThat(overall.getText()).startsWith("6 items · 2 annotators · κ ");
        Label grades = robot.from(labeling.getScene().getRoot()).lookup("#conflictGrades").queryAs(Label.class);
        Label text = robot.from(labeling.getScene().getRoot()).lookup("#conflictText").queryAs(Label.class);
        // Both conflicts are two grades apart; equal spreads keep document order: paris, then berlin.
        assertThat(text.getText()).startsWith("Paris is the capital");
        assertThat(grades.getText()).contains("ben: 3 highly relevant")
                .contains("ana: 1 related");
        robot.interact(() -> conflicts.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getText()).startsWith("Berlin is the capital");
        assertThat(grades.getText()).contains("ben: 0 not relevant");
        snapshot("agreement.png");
    }

    @Test
    void theAgreementTabWorksWithoutASession(FxRobot robot) throws Exception {
        Label empty = robot.from(labeling.getScene().getRoot()).lookup("#agreementEmpty").queryAs(Label.class);
        javafx.scene.Node emptyBox = robot.from(labeling.getScene().getRoot()).lookup("#agreementEmptyBox").query();
        robot.clickOn("Agreement");
        waitFor(() -> emptyBox.isVisible() && empty.getText().startsWith("Nothing graded yet."));
        snapshot("agreement-empty.png");

        LabelingService service = new LabelingService(project.store, new AnnotatorSettings(tmp.resolve("other")));
        List<StoredCandidate> candidates = project.store.candidates(project.q1);
        for (String who : List.of("ben", "cy")) {
            var pass = service.start(who + "'s pass", GradeScale.BINARY, who, true, List.of(project.q1), 5);
            for (int i = 0; i < candidates.size(); i++) {
                int grade = who.equals("cy") && i == 1 ? 1 : i == 0 ? 1 : 0;
                service.grade(pass.session(), project.q1, candidates.get(i).documentId(), grade, null);
            }
        }
        robot.clickOn(robot.from(labeling.getScene().getRoot()).lookup("#refreshAgreementButton").queryButton());
        javafx.scene.control.TableView<?> conflicts = robot.from(labeling.getScene().getRoot())
                .lookup("#conflictTable").queryAs(javafx.scene.control.TableView.class);
        waitFor(() -> conflicts.getItems().size() == 1 && conflicts.isVisible());
        assertThat(emptyBox.isVisible()).isFalse();
        Label grades = robot.from(labeling.getScene().getRoot()).lookup("#conflictGrades").queryAs(Label.class);
        assertThat(grades.getText()).isEqualTo("ben: 0 not relevant, cy: 1 relevant");
        assertThat(((LabelingViewModel) labeling.getProperties().get(LabelingViewModel.class)).phaseProperty().get())
                .as("still no session").isEqualTo(LabelingViewModel.Phase.SETUP);
    }

    /** Keeps a picture of the window under target/ for a human to look at (not compared). */
    private void snapshot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> labeling.getScene().snapshot(null)).get();
        Path out = Path.of("target", "ui-snapshots");
        Files.createDirectories(out);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve(name).toFile());
    }
}
