package io.rerankworkbench.ui.retrieve;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.RetrievalFlow;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds the Retrieve candidates dialog: a window-modal stage over the main window (the project must not change
 * under a retrieval), made anew for each request since its queries come from the main window's selection.
 */
public final class RetrieveWindow {

    public static final String TITLE = "Retrieve candidates — " + AppInfo.NAME;
    public static final double DEFAULT_WIDTH = 820;
    public static final double DEFAULT_HEIGHT = 500;

    private RetrieveWindow() {
    }

    public static Scene createScene(RetrieveViewModel vm, double width, double height) {
        return FxmlScenes.load(RetrieveWindow.class, "Retrieve.fxml", RetrieveView.class,
                () -> new RetrieveView(vm), "retrieve.css", width, height);
    }

    /**
     * What the main window's Run → Retrieve candidates… runs with its request.
     *
     * @param dialogs     makes the dialog's questions, owned by the dialog's own stage
     * @param runsChanged runs (on the FX thread) once candidates or runs may have changed, to refresh the main window's lists
     */
    public static Consumer<RetrieveViewModel.Request> opener(Window owner, TaskRunner tasks, RetrievalFlow flow,
                                                                   Function<Window, DialogService> dialogs,
                                                                   Runnable runsChanged) {
        return request -> {
            Stage stage = new Stage();
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
            RetrieveViewModel vm = new RetrieveViewModel(tasks, flow, dialogs.apply(stage), request,
                    runsChanged);
            stage.setTitle(TITLE);
            double width = DEFAULT_WIDTH;
            double height = DEFAULT_HEIGHT;
            if (owner != null) {
                // Inside a small main window (1024×700) the dialog keeps a margin.
                width = Math.min(width, Math.max(640, owner.getWidth() - 60));
                height = Math.min(height, Math.max(420, owner.getHeight() - 80));
            }
            stage.setScene(createScene(vm, width, height));
            if (owner != null) {
                // Over the main window's middle (a stage of its own would otherwise centre on the screen).
                stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - width) / 2));
                stage.setY(owner.getY() + Math.max(0, (owner.getHeight() - height) / 3));
            }
            stage.setMinWidth(600);
            stage.setMinHeight(400);
            if (owner instanceof Stage main) {
                stage.getIcons().setAll(main.getIcons());
            }
            // Closing while it retrieves cancels instead; the dialog stays to show what was kept.
            stage.setOnCloseRequest(e -> {
                if (vm.runningProperty().get()) {
                    e.consume();
                    vm.cancel();
                }
            });
            stage.show();
        };
    }
}
