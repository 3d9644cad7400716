package io.rerankworkbench.ui.live;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Binds the query editor's live-mode controls — the Live switch, its status line, Keep as variant and Revert, the
 * badge over the results, and the list of the query's phrasings — to {@link LiveQueryViewModel} and
 * {@link VariantsViewModel}. The nodes are the main window's (its FXML lays them out beside the query field).
 */
public final class LiveQueryView {

    /** The main window's nodes this view binds. */
    public record Nodes(ToggleButton liveToggle, TextField queryField, Label status, Region actions, Button keep,
                        Button revert, Label badge, Region runPicker, Label editorHint, VBox phrasingsBox,
                        ListView<VariantsViewModel.Phrasing> phrasings) {
    }

    /** The height of a phrasing whose text fits on one line. */
    private static final double ROW_HEIGHT = 42;

    private LiveQueryView() {
    }

    /**
     * Binds the controls. {@code editable} says whether the query's text may be edited outside live mode.
     */
    public static void bind(LiveQueryViewModel live, VariantsViewModel variants, Nodes n,
                            ObservableBooleanValue editable) {
        n.liveToggle().selectedProperty().bindBidirectional(live.liveProperty());
        n.liveToggle().setTooltip(new Tooltip("Live: the ranking follows the query as you edit it (local "
                + "bi-encoders re-score as you type; cross-encoders and hosted rankers on Enter). Nothing is kept "
                + "until you keep a phrasing as a variant (Ctrl+Shift+K)."));
        n.queryField().editableProperty().bind(Bindings.createBooleanBinding(() -> editable.get()
                || live.liveProperty().get(), editable, live.liveProperty()));
        n.queryField().setOnAction(e -> live.scoreNow());

        n.status().textProperty().bind(live.statusProperty());
        n.status().visibleProperty().bind(live.statusProperty().isNotEmpty());
        n.status().managedProperty().bind(n.status().visibleProperty());

        n.actions().visibleProperty().bind(live.editedProperty());
        n.actions().managedProperty().bind(n.actions().visibleProperty());
        n.keep().disableProperty().bind(live.keepBlockedReasonProperty().isNotEmpty());
        Tooltip keep = new Tooltip();
        keep.textProperty().bind(Bindings.createStringBinding(() -> live.keepBlockedReasonProperty().get().isEmpty()
                ? "Keep this phrasing as a variant of the query, with the live ranking as its run (Ctrl+Shift+K)"
                : live.keepBlockedReasonProperty().get(), live.keepBlockedReasonProperty()));
        // A disabled button shows no tooltip: its bar carries the reason.
        Tooltip.install(n.actions(), keep);
        n.revert().setTooltip(new Tooltip("Put the loaded text back; the kept ranking shows again"));

        // While a live ranking is on screen it takes the run picker's place: no kept run is shown then.
        n.badge().visibleProperty().bind(live.shownProperty().isNotNull());
        n.badge().managedProperty().bind(n.badge().visibleProperty());
        n.badge().textProperty().bind(Bindings.createStringBinding(() -> live.shownProperty().get() == null ? ""
                : "LIVE · “" + live.shownProperty().get().text() + "” · not kept", live.shownProperty()));
        n.runPicker().visibleProperty().bind(live.shownProperty().isNull());
        n.runPicker().managedProperty().bind(n.runPicker().visibleProperty());
        // While the text is edited live, the status and the Keep/Revert bar say what matters.
        n.editorHint().visibleProperty().bind(n.editorHint().textProperty().isNotEmpty()
                .and(live.editedProperty().not()));
        n.editorHint().managedProperty().bind(n.editorHint().visibleProperty());
        n.badge().setTooltip(new Tooltip("The table shows a live ranking of the edited query: ▲▼ and the Was column "
                + "compare each document with the ranking shown before the last edit. Nothing is kept until you keep "
                + "the phrasing as a variant."));

        n.phrasings().setItems(variants.phrasings());
        n.phrasings().setCellFactory(list -> new PhrasingCell());
        n.phrasingsBox().visibleProperty().bind(Bindings.size(variants.phrasings()).greaterThan(1));
        // Up to three phrasings show without scrolling; more scroll.
        n.phrasings().prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 6 + ROW_HEIGHT * Math.min(3, variants.phrasings().size()), variants.phrasings()));
        n.phrasings().setMinHeight(6 + ROW_HEIGHT * 2);
        n.phrasingsBox().managedProperty().bind(n.phrasingsBox().visibleProperty());
        variants.selectedProperty().addListener((obs, old, p) -> {
            if (n.phrasings().getSelectionModel().getSelectedItem() != p) {
                n.phrasings().getSelectionModel().select(p);
            }
        });
        n.phrasings().getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> {
            if (p != null) {
                variants.selectedProperty().set(p);
            }
        });
        MenuItem delete = new MenuItem("Delete variant");
        delete.setOnAction(e -> {
            VariantsViewModel.Phrasing p = n.phrasings().getSelectionModel().getSelectedItem();
            variants.delete(p);
        });
        ContextMenu menu = new ContextMenu(delete);
        menu.setOnShowing(e -> {
            VariantsViewModel.Phrasing p = n.phrasings().getSelectionModel().getSelectedItem();
            delete.setDisable(p == null || p.own());
        });
        n.phrasings().setContextMenu(menu);
    }

    /** A phrasing: its name and text, then its runs, newest ranker and when. */
    private static final class PhrasingCell extends ListCell<VariantsViewModel.Phrasing> {
        private final javafx.scene.text.Text title = new javafx.scene.text.Text();
        private final javafx.scene.text.Text details = new javafx.scene.text.Text();
        private final VBox box = new VBox(1, title, details);

        PhrasingCell() {
            title.getStyleClass().add("phrasing-text");
            details.getStyleClass().add("phrasing-details");
            // The cell takes the list's width (no sideways scrolling); long phrasings wrap.
            setPrefWidth(0);
            title.wrappingWidthProperty().bind(Bindings.max(40, widthProperty().subtract(20)));
            details.wrappingWidthProperty().bind(title.wrappingWidthProperty());
        }

        @Override
        protected void updateItem(VariantsViewModel.Phrasing p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            title.setText(p.name() + ": " + p.text());
            details.setText(p.details());
            setGraphic(box);
            setTooltip(new Tooltip(p.name() + ": " + p.text() + "\n" + p.details()));
        }
    }
}
