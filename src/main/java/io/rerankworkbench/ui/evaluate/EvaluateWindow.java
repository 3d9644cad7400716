package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Evaluate panel in a window of its own: one at a time; asking again brings it to the front, read afresh. */
public final class EvaluateWindow {

    private static Stage open;

    private EvaluateWindow() {
    }

    /** The view over {@code vm}. */
    public static EvaluateView create(EvaluateViewModel vm) {
        EvaluateView[] view = new EvaluateView[1];
        FxmlScenes.node(EvaluateWindow.class, "Evaluate.fxml", EvaluateView.class, () -> {
            view[0] = new EvaluateView(vm);
            return view[0];
        }, "evaluate.css");
        return view[0];
    }

    /** Shows the Evaluate window over the open project, opening it when it is not open. */
    public static void show(EvaluateViewModel vm, Window owner) {
        if (open != null) {
            vm.open();
            open.toFront();
            open.requestFocus();
            return;
        }
        EvaluateView view = create(vm);
        Parent root = view.root();
        root.getStyleClass().add("evaluate-window");
        Scene scene = new Scene(root, 1180, 780);
        scene.getStylesheets().add(FxmlScenes.appStylesheet(EvaluateWindow.class));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Evaluate rankers — Rerank Workbench");
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(460);
        if (owner instanceof Stage s) {
            stage.getIcons().setAll(s.getIcons());
        }
        // Runs and grades may have changed in the main window meanwhile: read them again on return.
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now && was != null && !was) {
                vm.open();
            }
        });
        stage.setOnHidden(e -> open = null);
        open = stage;
        stage.show();
        vm.open();
    }
}
