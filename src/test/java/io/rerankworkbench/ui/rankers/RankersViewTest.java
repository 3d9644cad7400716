package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.EndpointEntry;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.ModelStatus;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real main window and Rankers window, headless, over a real endpoint service in a temp folder. */
@ExtendWith(ApplicationExtension.class)
class RankersViewTest {

    private static final String KEY = "fake-key-ui-5e6f-SECRET";

    @TempDir
    Path tmp;

    private AppContext context;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()),
                ModelLibraryStore.inMemory(), files -> new WordOverlapReranker(50));
        context = new AppContext(rankers, tmp.resolve("config"), Map.of());
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(tasks, context.catalog(), new RecordingDialogs());
        vm.setEndpointsWindow(RankersWindow.opener(stage, tasks, EndpointOps.of(context.endpoints()),
                vm::modelLibraryChanged));
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1280, 800));
        stage.show();
        vm.loadModel();
    }

    @AfterEach
    void closeContext() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && RankersWindow.TITLE.equals(s.getTitle())).toList()
                .forEach(Window::hide)).get();
        context.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theShortcutOpensTheRankersWindowWhereAnEndpointIsAdded(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M).release(KeyCode.M, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        Stage rankers = (Stage) robot.window(RankersWindow.TITLE);
        assertThat(rankers.isShowing()).isTrue();
        assertThat(rankers.getModality()).isEqualTo(javafx.stage.Modality.NONE);
        var root = rankers.getScene().getRoot();
        robot.clickOn(robot.from(root).lookup("#addButton").queryButton());
        TextField name = robot.from(root).lookup("#nameField").queryAs(TextField.class);
        assertThat(robot.from(root).lookup("#baseUrlField").queryAs(TextField.class).getText())
                .isEqualTo("https://api.cohere.com");
        robot.interact(() -> name.setText("Cohere prod"));
        robot.clickOn(robot.from(root).lookup("#storedKeyRadio").queryAs(javafx.scene.Node.class));
        PasswordField key = robot.from(root).lookup("#keyField").queryAs(PasswordField.class);
        robot.interact(() -> key.setText(KEY));
        robot.clickOn(robot.from(root).lookup("#saveButton").queryButton());

        TableView<EndpointEntry> table = robot.from(root).lookup("#endpointsTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).keyStatus()).isEqualTo("stored");
        assertThat(table.getItems().get(0).provider().displayName()).isEqualTo("Cohere v2");
        assertThat(Files.readString(tmp.resolve("config/endpoints.json"))).contains("Cohere prod").doesNotContain(KEY);

        ComboBox<String> picker = robot.lookup("#rankerPicker").queryAs(ComboBox.class);
        waitFor(() -> picker.getItems().size() == 2);
        assertThat(picker.getItems()).containsExactly("all-MiniLM-L6-v2", "Cohere prod (cohere-v2 · rerank-v3.5)");
    }
}
