package io.rerankworkbench.ui.models;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.FxDialogService;
import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Function;

/** Builds the Models window: a non-modal stage owned by the main window, created once and shown again on demand. */
public final class ModelsWindow {

    public static final double DEFAULT_WIDTH = 1000;
    public static final double DEFAULT_HEIGHT = 600;

    private ModelsWindow() {
    }

    public static Scene createScene(ModelsViewModel vm, double width, double height) {
        return FxmlScenes.load(ModelsWindow.class, "Models.fxml", ModelsView.class, () -> new ModelsView(vm), "models.css", width, height);
    }

    /**
     * What the main window's "Manage models…" command runs: the first call creates the window, later calls show it
     * again and bring it to the front. Its folder chooser is owned by the Models window itself.
     *
     * @param libraryChanged runs (on the FX thread) after a model was added or removed or the default changed
     */
    public static Runnable opener(Window owner, TaskRunner tasks, RankerService rankers, Runnable libraryChanged) {
        return opener(owner, tasks, rankers, FxDialogService::new, libraryChanged);
    }

    /** As above, with the dialogs for the Models window made by {@code dialogs} (UI tests stand in a recorder). */
    public static Runnable opener(Window owner, TaskRunner tasks, RankerService rankers,
                                  Function<Window, DialogService> dialogs, Runnable libraryChanged) {
        return new Runnable() {
            private Stage stage;
            private ModelsViewModel vm;

            @Override
            public void run() {
                if (stage == null) {
                    stage = new Stage();
                    stage.initOwner(owner);
                    stage.initModality(Modality.NONE);
                    vm = new ModelsViewModel(tasks, rankers, dialogs.apply(stage), libraryChanged);
                    stage.setTitle("Models — " + AppInfo.NAME);
                    stage.setScene(createScene(vm, DEFAULT_WIDTH, DEFAULT_HEIGHT));
                    stage.setMinWidth(900);
                    stage.setMinHeight(420);
                    if (owner instanceof Stage main) {
                        stage.getIcons().setAll(main.getIcons());
                    }
                    // Models also load from the main window; show their state as it is now.
                    stage.focusedProperty().addListener((obs, was, focused) -> {
                        if (focused) {
                            vm.refresh();
                        }
                    });
                }
                if (!stage.isShowing()) {
                    vm.dismissMessages();
                }
                vm.refresh();
                stage.show();
                stage.toFront();
            }
        };
    }
}
