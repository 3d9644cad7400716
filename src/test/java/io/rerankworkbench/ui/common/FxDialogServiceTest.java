package io.rerankworkbench.ui.common;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's dialogs, opened through the real service: each has a title, and no header that merely repeats it (the
 * message is the dialog's text, the answer comes back to the caller).
 */
@ExtendWith(ApplicationExtension.class)
class FxDialogServiceTest {

    private FxDialogService dialogs;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("owner")), 300, 200));
        stage.show();
        dialogs = new FxDialogService(stage);
    }

    @AfterEach
    void closeDialogs() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .forEach(Window::hide)).get();
    }

    /** The one dialog showing, once it is there. */
    private static Stage shownDialog() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialogWindows().size() == 1);
        return (Stage) dialogWindows().get(0);
    }

    private static List<Window> dialogWindows() {
        return Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .toList();
    }

    private static void assertTitledWithoutRepeatingHeader(Stage dialog, String title, String text) {
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertThat(dialog.getTitle()).isEqualTo(title);
        assertThat(pane.getHeaderText()).as("header of \"%s\"", title).isNull();
        assertThat(pane.lookupAll(".label").stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText()))
                .as("what the dialog shows").contains(text).doesNotContain(title);
    }

    @Test
    void anErrorSaysWhatHappenedUnderItsTitle() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> dialogs.showError("Could not open a project",
                "work.rwb is not a Rerank Workbench project.", new IllegalStateException("trace"))).get();
        Stage dialog = shownDialog();
        assertTitledWithoutRepeatingHeader(dialog, "Could not open a project",
                "work.rwb is not a Rerank Workbench project.");
        assertThat(((DialogPane) dialog.getScene().getRoot()).getExpandableContent()).as("details on demand")
                .isNotNull();
        snapshot(dialog, "dialog-error.png");
    }

    /** Keeps a picture of the dialog under target/ for a human to look at (not compared). */
    private static void snapshot(Stage dialog, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> dialog.getScene().snapshot(null)).get();
        Path out = Path.of("target", "ui-snapshots");
        Files.createDirectories(out);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve(name).toFile());
    }

    @Test
    void informationHasNoHeaderEither() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> dialogs.showInformation("Nothing to label",
                "Add or import queries with candidates first.")).get();
        assertTitledWithoutRepeatingHeader(shownDialog(), "Nothing to label",
                "Add or import queries with candidates first.");
    }

    @Test
    void aQuestionWithOptionsAnswersWithTheChosenOne(FxRobot robot) throws Exception {
        Future<Integer> answer = WaitForAsyncUtils.asyncFx(() -> dialogs.choose("Save the untitled project?",
                "It has 3 queries.", List.of("Save…", "Discard", "Cancel")));
        Stage dialog = shownDialog();
        assertTitledWithoutRepeatingHeader(dialog, "Save the untitled project?", "It has 3 queries.");
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        Button discard = (Button) pane.getButtonTypes().stream().filter(b -> b.getText().equals("Discard"))
                .map(pane::lookupButton).findFirst().orElseThrow();
        robot.interact(discard::fire);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aTextPromptShowsItsQuestionBesideTheField(FxRobot robot) throws Exception {
        Future<Optional<String>> answer = WaitForAsyncUtils.asyncFx(() -> dialogs.askText("Rename query",
                "New id for query q1:", "q1"));
        Stage dialog = shownDialog();
        assertTitledWithoutRepeatingHeader(dialog, "Rename query", "New id for query q1:");
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        assertThat(answer.get(10, TimeUnit.SECONDS)).contains("q1");
    }
}
