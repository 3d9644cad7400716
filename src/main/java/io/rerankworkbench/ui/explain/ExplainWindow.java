package io.rerankworkbench.ui.explain;

import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;

/** Makes the Explain view, in a pane of the main window or in a window of its own for big screens. */
public final class ExplainWindow {

    private static Stage open;

    private ExplainWindow() {
    }

    /** The view over {@code vm}; {@code windowOpener} (may be null) backs its "open in a window" button. */
    public static ExplainView create(ExplainViewModel vm, Consumer<ExplainViewModel> windowOpener) {
        ExplainView[] view = new ExplainView[1];
        FxmlScenes.node(ExplainWindow.class, "Explain.fxml", ExplainView.class, () -> {
            view[0] = new ExplainView(vm, windowOpener);
            return view[0];
        }, "explain.css");
        return view[0];
    }

    /**
     * Shows the explanation of the main window's selection in a window of its own (one at a time; a second request
     * brings it to the front). It follows the selection and computes only while it is showing.
     */
    public static void show(ExplainViewModel mainVm, Window owner) {
        if (open != null) {
            open.toFront();
            open.requestFocus();
            return;
        }
        ExplainViewModel vm = mainVm.sibling();
        ExplainView view = create(vm, null);
        Parent root = view.root();
        root.getStyleClass().add("explain-window");
        Scene scene = new Scene(root, 1100, 720);
        scene.getStylesheets().add(FxmlScenes.appStylesheet(ExplainWindow.class));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Explain — Rerank Workbench");
        stage.setScene(scene);
        if (owner instanceof Stage s) {
            stage.getIcons().setAll(s.getIcons());
        }
        vm.activeProperty().bind(stage.showingProperty());
        stage.setOnHidden(e -> {
            vm.cancel();
            vm.activeProperty().unbind();
            vm.activeProperty().set(false);
            vm.selectionProperty().unbind();
            open = null;
        });
        open = stage;
        stage.show();
    }
}
