package io.rerankworkbench.ui.several;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.RerankFlow;
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
 * Builds the Rerank with several rankers dialog: a window-modal stage over the main window (the project must not
 * change under a run), made anew for each request since its queries come from the main window's selection.
 */
public final class SeveralRankersWindow {

    public static final String TITLE = "Rerank with several rankers — " + AppInfo.NAME;
    public static final double DEFAULT_WIDTH = 980;
    public static final double DEFAULT_HEIGHT = 520;

    private SeveralRankersWindow() {
    }

    public static Scene createScene(SeveralRankersViewModel vm, double width, double height) {
        return FxmlScenes.load(SeveralRankersWindow.class, "SeveralRankers.fxml", SeveralRankersView.class,
                () -> new SeveralRankersView(vm), "several.css", width, height);
    }

    /**
     * What the main window's Run → Rerank with several rankers… runs with its request.
     *
     * @param dialogs     makes the dialog's questions, owned by the dialog's own stage
     * @param runsChanged runs (on the FX thread) once a run has finished, to refresh the main window's lists
     */
    public static Consumer<SeveralRankersViewModel.Request> opener(Window owner, TaskRunner tasks, RerankFlow flow,
                                                                   Function<Window, DialogService> dialogs,
                                                                   Runnable runsChanged) {
        return request -> {
            Stage stage = OwnedStages.windowModal(owner, TITLE);
            SeveralRankersViewModel vm = new SeveralRankersViewModel(tasks, flow, dialogs.apply(stage), request,
                    runsChanged);
            // Closing while rankers run cancels them instead; the dialog stays to show what was kept.
            OwnedStages.showDialog(stage, DEFAULT_WIDTH, DEFAULT_HEIGHT, (w, h) -> createScene(vm, w, h),
                    vm.runningProperty()::get, vm::cancel);
        };
    }
}
