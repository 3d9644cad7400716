package io.rerankworkbench.ui.compare;

import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.explain.ExplainView;
import io.rerankworkbench.ui.explain.ExplainViewModel;
import io.rerankworkbench.ui.explain.ExplainWindow;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Supplier;

/** The Compare view in a window of its own: one at a time; asking again shows the asked query in it. */
public final class CompareWindow {

    private static Stage open;
    private static CompareViewModel openVm;

    private CompareWindow() {
    }

    /** The view over {@code vm}, with an Explain pane over {@code explain} (may be null). */
    public static CompareView create(CompareViewModel vm, ExplainViewModel explain) {
        ExplainView explainView = explain == null ? null : ExplainWindow.create(explain, null);
        CompareView[] view = new CompareView[1];
        FxmlScenes.node(CompareWindow.class, "Compare.fxml", CompareView.class, () -> {
            view[0] = new CompareView(vm, explainView == null ? null : explainView.root());
            return view[0];
        }, "compare.css");
        return view[0];
    }

    /**
     * Shows the comparison of stored query {@code queryId} in the Compare window, opening it when it is not open.
     *
     * @param explains makes a view model for the window's Explain pane (it follows the document selected in the
     *                 window), asked only when the window opens; may give null
     */
    public static void show(CompareViewModel vm, Supplier<ExplainViewModel> explains, long queryId, Window owner) {
        if (open != null) {
            openVm.open(queryId);
            open.toFront();
            open.requestFocus();
            return;
        }
        ExplainViewModel explain = explains.get();
        if (explain != null) {
            explain.selectionProperty().unbind();
            explain.selectionProperty().bind(vm.explainSelectionProperty());
        }
        CompareView view = create(vm, explain);
        Parent root = view.root();
        root.getStyleClass().add("compare-window");
        Scene scene = new Scene(root, 1180, 760);
        scene.getStylesheets().add(FxmlScenes.appStylesheet(CompareWindow.class));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compare rankings — Rerank Workbench");
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        if (owner instanceof Stage s) {
            stage.getIcons().setAll(s.getIcons());
        }
        if (explain != null) {
            explain.activeProperty().bind(stage.showingProperty().and(view.explainShowing()));
        }
        // Runs may have been added in the main window meanwhile (a rerank, several rankers): read them again.
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now && was != null && !was) {
                vm.refresh();
            }
        });
        stage.setOnHidden(e -> {
            if (explain != null) {
                explain.cancel();
                explain.activeProperty().unbind();
                explain.activeProperty().set(false);
                explain.selectionProperty().unbind();
            }
            open = null;
            openVm = null;
        });
        open = stage;
        openVm = vm;
        stage.show();
        vm.open(queryId);
        view.diffView().requestFocus();
    }
}
