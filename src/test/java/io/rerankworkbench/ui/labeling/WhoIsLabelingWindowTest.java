package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.AnnotatorSettings;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.ui.common.FxDialogService;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real "Who is labeling?" dialog: in front of the labeling window, titled without a header, answered by typing. */
@ExtendWith(ApplicationExtension.class)
class WhoIsLabelingWindowTest {

    @TempDir
    Path tmp;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private LabelingFixture project;
    private Stage labeling;

    @Start
    void start(Stage stage) throws Exception {
        WorkbenchWindow.installTheme();
        project = new LabelingFixture(tmp.resolve("p.rwb"));
        stage.setScene(new Scene(new StackPane(new Label("main window")), 300, 200));
        stage.show();
        labeling = LabelingWindow.open(stage, new FxTaskRunner(Map.of(Lane.IO, io, Lane.INFERENCE, io)),
                project.store, List.of(project.q1), new FxDialogService(stage),
                new AnnotatorSettings(tmp.resolve("config"), "root"));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows()).forEach(Window::hide)).get();
        io.shutdown();
        io.awaitTermination(10, TimeUnit.SECONDS);
        project.store.close();
    }

    @Test
    void theFirstLabelingWindowAsksWhoIsLabeling(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w.isShowing() && w.getScene().getRoot() instanceof DialogPane));
        Stage dialog = (Stage) Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().getRoot() instanceof DialogPane).findFirst().orElseThrow();
        assertThat(dialog.getTitle()).isEqualTo("Who is labeling?");
        assertThat(dialog.getOwner()).as("in front of the labeling window").isSameAs(labeling);
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertThat(pane.getHeaderText()).isNull();
        TextField name = robot.from(pane).lookup(".text-field").queryAs(TextField.class);
        assertThat(name.getText()).as("no \"root\"").isEmpty();

        robot.clickOn(name).write("Ana Lyst").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).isFalse();
        assertThat(robot.from(labeling.getScene().getRoot()).lookup("#annotatorField").queryTextInputControl()
                .getText()).isEqualTo("Ana Lyst");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> new AnnotatorSettings(tmp.resolve("config"), "root").saved().isPresent());
        assertThat(new AnnotatorSettings(tmp.resolve("config"), "root").saved()).contains("Ana Lyst");
    }
}
