package io.rerankworkbench.ui.engines;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.SearchEngineService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.common.OwnedStages;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Builds the Search engines window: a non-modal stage owned by the main window, created once, shown on demand. */
public final class EnginesWindow {

    public static final String TITLE = "Search engines — " + AppInfo.NAME;
    public static final double DEFAULT_WIDTH = 960;
    public static final double DEFAULT_HEIGHT = 640;

    private EnginesWindow() {
    }

    public static Scene createScene(EnginesViewModel vm, double width, double height) {
        return FxmlScenes.load(EnginesWindow.class, "Engines.fxml", EnginesView.class, () -> new EnginesView(vm),
                "engines.css", width, height);
    }

    /**
     * What the main window's "Search engines…" command runs: the first call creates the window, later calls show it
     * again and bring it to the front.
     */
    public static Runnable opener(Window owner, TaskRunner tasks, SearchEngineService engines) {
        return new Runnable() {
            private Stage stage;
            private EnginesViewModel vm;

            @Override
            public void run() {
                if (stage == null) {
                    stage = new Stage();
                    stage.initOwner(owner);
                    stage.initModality(Modality.NONE);
                    vm = new EnginesViewModel(tasks, engines);
                    stage.setTitle(TITLE);
                    // Within the screen the main window is on, and over the main window's middle.
                    double[] size = OwnedStages.placeOver(stage, owner, DEFAULT_WIDTH, DEFAULT_HEIGHT);
                    stage.setScene(createScene(vm, size[0], size[1]));
                    stage.setMinWidth(Math.min(720, size[0]));
                    stage.setMinHeight(Math.min(420, size[1]));
                    if (owner instanceof Stage main) {
                        stage.getIcons().setAll(main.getIcons());
                    }
                } else {
                    vm.refresh();
                }
                stage.show();
                stage.toFront();
            }
        };
    }
}
