package io.rerankworkbench.ui.engines;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.SearchEngineService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
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
                    javafx.geometry.Rectangle2D screen = owner == null
                            ? javafx.stage.Screen.getPrimary().getVisualBounds()
                            : javafx.stage.Screen.getScreensForRectangle(owner.getX(), owner.getY(),
                            Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight())).stream().findFirst()
                            .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
                    double width = Math.min(DEFAULT_WIDTH, screen.getWidth() - 40);
                    double height = Math.min(DEFAULT_HEIGHT, screen.getHeight() - 60);
                    stage.setScene(createScene(vm, width, height));
                    stage.setMinWidth(Math.min(720, width));
                    stage.setMinHeight(Math.min(420, height));
                    if (owner != null) {
                        double x = owner.getX() + (owner.getWidth() - width) / 2;
                        double y = owner.getY() + Math.max(0, (owner.getHeight() - height) / 3);
                        stage.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width)));
                        stage.setY(Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height - 30)));
                    }
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
