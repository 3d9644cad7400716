package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.AnnotatorSettings;
import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.app.UserConfig;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.Optional;

/**
 * Builds the labeling window: a non-modal stage owned by the main window, with the start form (or resume), the
 * labeling pane and the Agreement tab. The caller owns the {@link ProjectStore} and keeps it open while the window
 * is showing; every database call runs on the task runner's io lane.
 */
public final class LabelingWindow {

    public static final double DEFAULT_WIDTH = 1200;
    public static final double DEFAULT_HEIGHT = 800;

    private LabelingWindow() {
    }

    /**
     * Runs {@code action} once every grade, undo and note the labeling window {@code stage} has queued is written
     * (at once when nothing is pending): the main window calls it before the project is replaced or the app quits.
     */
    public static void whenSaved(Stage stage, Runnable action) {
        Object vm = stage.getProperties().get(LabelingViewModel.class);
        if (vm instanceof LabelingViewModel labeling) {
            labeling.whenSaved(action);
        } else {
            action.run();
        }
    }

    public static Scene createScene(LabelingViewModel vm, double width, double height) {
        return FxmlScenes.load(LabelingWindow.class, "Labeling.fxml", LabelingView.class, () -> new LabelingView(vm),
                "labeling.css", width, height);
    }

    /**
     * What the main window's "Label queries…" command runs: opens a labeling window for the selected queries, with
     * the app's executors. Call on the FX thread.
     *
     * @param queryIds the queries a new session covers, in order; the form can also resume an earlier session
     * @return the shown stage
     */
    public static Stage open(Window owner, AppContext context, ProjectStore store, List<Long> queryIds,
                             DialogService dialogs) {
        return open(owner, new FxTaskRunner(context.lanes()), store, queryIds, dialogs);
    }

    /** As above with a given task runner (UI tests, or a main window that shares its runner). */
    public static Stage open(Window owner, TaskRunner tasks, ProjectStore store, List<Long> queryIds,
                             DialogService dialogs) {
        return open(owner, tasks, store, queryIds, dialogs, new AnnotatorSettings(UserConfig.directory()));
    }

    /**
     * As above, with who is labeling remembered in {@code annotators} (UI tests keep it out of the user's settings).
     *
     * @param dialogs the main window's dialogs; the labeling window shows them over itself
     */
    public static Stage open(Window owner, TaskRunner tasks, ProjectStore store, List<Long> queryIds,
                             DialogService dialogs, AnnotatorSettings annotators) {
        LabelingService service = new LabelingService(store, annotators);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        LabelingViewModel vm = new LabelingViewModel(tasks, service, queryIds, dialogs.ownedBy(stage),
                noteDialog(stage));
        stage.getProperties().put(LabelingViewModel.class, vm);
        stage.setTitle("Labeling — " + AppInfo.NAME);
        Scene scene = createScene(vm, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        stage.setScene(scene);
        closeFromKeyboard(stage, scene);
        // The window manager's close button waits for queued grades too: the main window reloads on hidden.
        stage.setOnCloseRequest(e -> {
            e.consume();
            closeWhenSaved(stage);
        });
        stage.setMinWidth(820);
        stage.setMinHeight(560);
        if (owner instanceof Stage main) {
            stage.getIcons().setAll(main.getIcons());
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    /**
     * Ctrl+W (Cmd+W) closes the window from anywhere in it; Esc closes it unless something in the window used the key
     * (a combo box's popup, reading mode) or a text field has focus, where Esc belongs to the field.
     */
    private static void closeFromKeyboard(Stage stage, Scene scene) {
        KeyCombination closeWindow = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (closeWindow.match(e)) {
                e.consume();
                closeWhenSaved(stage);
            }
        });
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown()
                    && !(scene.getFocusOwner() instanceof TextInputControl)) {
                e.consume();
                closeWhenSaved(stage);
            }
        });
    }

    /** Hides the window once every queued grade, undo and note is written; "Saving…" shows meanwhile. */
    static void closeWhenSaved(Stage stage) {
        whenSaved(stage, stage::hide);
    }

    /** The note dialog: a few lines of text, owned by the labeling window. */
    static NotePrompt noteDialog(Window owner) {
        return (candidate, current) -> {
            Dialog<String> dialog = new Dialog<>();
            dialog.initOwner(owner);
            dialog.setTitle("Note on " + candidate);
            dialog.setHeaderText(null);
            TextArea area = new TextArea(current == null ? "" : current);
            area.setWrapText(true);
            area.setPrefRowCount(4);
            area.setPrefColumnCount(40);
            dialog.getDialogPane().setContent(area);
            dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
            dialog.setResultConverter(b -> b == ButtonType.OK ? area.getText() : null);
            dialog.setOnShown(e -> area.requestFocus());
            Optional<String> answer = dialog.showAndWait();
            return answer;
        };
    }
}
