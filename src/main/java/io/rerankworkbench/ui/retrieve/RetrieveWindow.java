package io.rerankworkbench.ui.retrieve;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.RetrievalFlow;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.DialogService;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.common.OwnedStages;
import javafx.scene.Scene;
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
     * @param runsChanged runs (on the FX thread) once candidates or runs may have changed, to refresh the main
     *                    window's lists
     */
    public static Consumer<RetrieveViewModel.Request> opener(Window owner, TaskRunner tasks, RetrievalFlow flow,
                                                             Function<Window, DialogService> dialogs,
                                                             Runnable runsChanged) {
        return request -> {
            Stage stage = OwnedStages.windowModal(owner, TITLE);
            RetrieveViewModel vm = new RetrieveViewModel(tasks, flow, dialogs.apply(stage), request, runsChanged);
            OwnedStages.showDialog(stage, DEFAULT_WIDTH, DEFAULT_HEIGHT, (w, h) -> createScene(vm, w, h),
                    vm.runningProperty()::get, vm::cancel);
        };
    }
}
