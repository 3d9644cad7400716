package io.rerankworkbench.ui.models;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.ModelStatus;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the real main window and Models window, headless. The library holds the real bundled entries; a scripted
 * loader stands in for ONNX Runtime, so nothing here waits for a model.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsViewTest {

    private static final String MODELS_TITLE = "Models — Rerank Workbench";

    @TempDir
    Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private AppContext context;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        RankerService rankers = new RankerService(ModelFiles.bundledModels(),
                new ModelLibraryStore(tmp.resolve("config")), files -> new WordOverlapReranker(50));
        context = new AppContext(rankers);
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(tasks, rankers, dialogs);
        vm.setModelsWindow(ModelsWindow.opener(stage, tasks, rankers, owner -> dialogs, vm::modelLibraryChanged));
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1280, 800));
        stage.show();
        vm.loadModel();
    }

    @AfterEach
    void closeContext() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && MODELS_TITLE.equals(s.getTitle())).toList()
                .forEach(Window::hide)).get();
        context.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Stage modelsWindow(FxRobot robot) {
        return (Stage) robot.window(MODELS_TITLE);
    }

    @SuppressWarnings("unchecked")
    private static TableView<ModelRow> modelsTable(FxRobot robot) {
        return robot.from(modelsWindow(robot).getScene().getRoot()).lookup("#modelsTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> picker(FxRobot robot) {
        return robot.lookup("#rankerPicker").queryAs(ComboBox.class);
    }

    private static Button button(FxRobot robot, String id) {
        return robot.from(modelsWindow(robot).getScene().getRoot()).lookup(id).queryButton();
    }

    @Test
    void theMenuOpensTheModelsWindowListingTheBundledModels(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        assertThat(picker(robot).getItems()).containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q");
        assertThat(picker(robot).getValue()).isEqualTo("all-MiniLM-L6-v2");

        robot.clickOn("Models");
        robot.clickOn("Manage models…");
        WaitForAsyncUtils.waitForFxEvents();

        Stage models = modelsWindow(robot);
        assertThat(models.isShowing()).isTrue();
        assertThat(models.getOwner()).isSameAs(robot.window(0));
        assertThat(models.getModality()).isEqualTo(javafx.stage.Modality.NONE);
        TableView<ModelRow> table = modelsTable(robot);
        assertThat(table.getItems()).extracting(ModelRow::name)
                .containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q");
        assertThat(table.getItems()).extracting(ModelRow::locationLabel).containsOnly("bundled");
        assertThat(table.getItems().get(0).isDefault()).isTrue();
        assertThat(table.getItems().get(0).state()).as("the main window loaded it").isEqualTo(LoadState.LOADED);
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .containsExactly("Name", "Kind", "Layers", "Max length", "Size", "State", "Location");
        assertThat(robot.from(table).lookup(".default-badge").queryAs(Label.class).getText()).isEqualTo("default");
        assertThat(button(robot, "#removeButton").isDisabled()).as("bundled models stay").isTrue();
    }

    @Test
    void settingTheDefaultInTheModelsWindowReordersThePicker(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<ModelRow> table = modelsTable(robot);
        robot.clickOn(robot.from(table).lookup((Label l) -> "bge-small-en-v1.5-q".equals(l.getText()))
                .queryAs(Node.class));
        assertThat(table.getSelectionModel().getSelectedItem().name()).isEqualTo("bge-small-en-v1.5-q");
        robot.clickOn(button(robot, "#setDefaultButton"));
        waitFor(() -> table.getItems().get(1).isDefault());

        assertThat(picker(robot).getItems()).containsExactly("bge-small-en-v1.5-q", "all-MiniLM-L6-v2", "all-MiniLM-L6-v2-q");
        assertThat(picker(robot).getValue()).as("the current choice stays").isEqualTo("all-MiniLM-L6-v2");
        assertThat(Files.readString(tmp.resolve("config").resolve("models.json")))
                .contains("\"defaultModel\" : \"bge-small-en-v1.5-q\"");
    }

    @Test
    void anAddedFolderAppearsInBothWindowsAndLeavesWhenRemoved(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        Path folder = Files.createDirectories(tmp.resolve("my-model"));
        Files.write(folder.resolve("model.onnx"), new byte[64]);
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 128}");
        dialogs.answerFolderWith(folder);
        robot.interact(vm::manageModels);

        robot.clickOn(button(robot, "#addFolderButton"));
        TableView<ModelRow> table = modelsTable(robot);
        waitFor(() -> table.getItems().size() == 4);
        assertThat(table.getSelectionModel().getSelectedItem().name()).isEqualTo("my-model");
        assertThat(picker(robot).getItems()).containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q",
                "my-model");

        robot.interact(() -> picker(robot).setValue("my-model"));
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY
                && "my-model".equals(vm.rankerNameProperty().get()));

        robot.clickOn(button(robot, "#removeButton"));
        waitFor(() -> table.getItems().size() == 3);
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        assertThat(picker(robot).getItems()).containsExactly("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "all-MiniLM-L6-v2-q");
        assertThat(picker(robot).getValue()).as("back to the default").isEqualTo("all-MiniLM-L6-v2");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aFolderThatIsNotAModelIsExplainedNextToTheList(FxRobot robot) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-model"));
        dialogs.answerFolderWith(empty);
        robot.interact(vm::manageModels);

        robot.clickOn(button(robot, "#addFolderButton"));
        Label error = robot.from(modelsWindow(robot).getScene().getRoot()).lookup("#errorLabel").queryAs(Label.class);
        waitFor(error::isVisible);
        assertThat(error.getText()).startsWith("Not added. " + empty + ": no ONNX graph found");
        assertThat(modelsTable(robot).getItems()).hasSize(3);
        assertThat(List.copyOf(picker(robot).getItems())).hasSize(3);
    }

    @Test
    void theMainWindowOffersTheLongDocumentsChoice(FxRobot robot) throws IOException {
        javafx.scene.control.ChoiceBox<?> choice = robot.lookup("#longDocumentsChoice")
                .queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(choice.getValue()).hasToString("TRUNCATE");
        robot.interact(() -> vm.longDocumentsProperty().set(io.rerankworkbench.rerank.LongDocuments.CHUNK));
        assertThat(choice.getValue()).hasToString("CHUNK");
    }
}
