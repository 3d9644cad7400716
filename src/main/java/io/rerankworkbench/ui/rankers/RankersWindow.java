package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;


/** Builds the Rankers window: a non-modal stage owned by the main window, created once and shown again on demand. */
public final class RankersWindow {

    public static final String TITLE = "Rankers — " + AppInfo.NAME;
    public static final double DEFAULT_WIDTH = 1000;
    public static final double DEFAULT_HEIGHT = 640;

    private RankersWindow() {
    }

    public static Scene createScene(RankersViewModel vm, double width, double height) {
        return FxmlScenes.load(RankersWindow.class, "Rankers.fxml", RankersView.class, () -> new RankersView(vm), "rankers.css", width, height);
    }

    /**
     * What the main window's "Manage endpoints…" command runs: the first call creates the window, later calls show it
     * again and bring it to the front.
     *
     * @param endpointsChanged runs (on the FX thread) after an endpoint was added, edited or removed
     */
    public static Runnable opener(Window owner, TaskRunner tasks, EndpointOps endpoints, Runnable endpointsChanged) {
        return new Runnable() {
            private Stage stage;
            private RankersViewModel vm;

            @Override
            public void run() {
                if (stage == null) {
                    stage = new Stage();
                    stage.initOwner(owner);
                    stage.initModality(Modality.NONE);
                    vm = new RankersViewModel(tasks, endpoints, endpointsChanged);
                    stage.setTitle(TITLE);
                    stage.setScene(createScene(vm, DEFAULT_WIDTH, DEFAULT_HEIGHT));
                    stage.setMinWidth(820);
                    stage.setMinHeight(420);
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
