package io.rerankworkbench.ui.several;

import io.rerankworkbench.ui.several.SeveralRankersViewModel.Scope;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import io.rerankworkbench.ui.common.DialogControls;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

import java.util.Locale;

/** The several-rankers dialog's controller: binds the rankers table, the scope and the buttons to the view model. */
public final class SeveralRankersView {

    private final SeveralRankersViewModel vm;

    @FXML private BorderPane root;
    @FXML private Button toggleAllButton;
    @FXML private TableView<RankerRow> rankersTable;
    @FXML private TableColumn<RankerRow, Boolean> useColumn;
    @FXML private TableColumn<RankerRow, String> nameColumn;
    @FXML private TableColumn<RankerRow, String> kindColumn;
    @FXML private TableColumn<RankerRow, RankerRow> progressColumn;
    @FXML private TableColumn<RankerRow, RankerRow> statusColumn;
    @FXML private Label costLabel;
    @FXML private ToggleGroup scopeGroup;
    @FXML private RadioButton chosenRadio;
    @FXML private RadioButton allRadio;
    @FXML private Label statusLabel;
    @FXML private Button startButton;
    @FXML private Button cancelButton;
    @FXML private Button closeButton;

    public SeveralRankersView(SeveralRankersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        bindTable();
        bindScope();
        costLabel.textProperty().bind(vm.costNoteProperty());
        costLabel.visibleProperty().bind(vm.costNoteProperty().isNotEmpty());
        costLabel.managedProperty().bind(costLabel.visibleProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        startButton.disableProperty().bind(vm.startAllowedProperty().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        closeButton.disableProperty().bind(vm.runningProperty());
        toggleAllButton.disableProperty().bind(vm.busyProperty());
        startButton.setTooltip(new Tooltip("Run every chosen ranker over the chosen queries (Enter)"));
        cancelButton.setTooltip(new Tooltip("Stop before the next batch; finished runs are kept (Esc)"));
        DialogControls.installKeys(root, vm.runningProperty(), vm::cancel, this::close);
    }

    private void bindTable() {
        rankersTable.setItems(vm.rows());
        rankersTable.setPlaceholder(new Label("No rankers."));
        rankersTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The checkboxes follow the table's editability: locked while planning or running.
        rankersTable.editableProperty().bind(vm.busyProperty().not());
        useColumn.setCellValueFactory(c -> c.getValue().chosenProperty());
        useColumn.setCellFactory(CheckBoxTableCell.forTableColumn(useColumn));
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        kindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().kind()));
        progressColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progressColumn.setCellFactory(col -> new ProgressCell());
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        statusColumn.setCellFactory(StatusCell::new);
    }

    private void bindScope() {
        DialogControls.bindScope(scopeGroup, chosenRadio, allRadio, vm.scopeProperty(), Scope.CHOSEN, Scope.ALL,
                vm.chosenLabel(), vm.allLabel(), vm.chosenAvailable(), vm.busyProperty());
    }

    /** A bar bound to the row's progress; none before the row is queued. */
    private static final class ProgressCell extends TableCell<RankerRow, RankerRow> {
        private final ProgressBar bar = new ProgressBar(0);

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected void updateItem(RankerRow row, boolean empty) {
            super.updateItem(row, empty);
            bar.progressProperty().unbind();
            bar.visibleProperty().unbind();
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bar.progressProperty().bind(row.progressProperty());
            bar.visibleProperty().bind(row.stateProperty().isNotEqualTo(RankerRow.State.IDLE));
            setGraphic(bar);
        }
    }

    /** The row's status in words, coloured by its state, whole in a tooltip. */
    private static final class StatusCell extends TableCell<RankerRow, RankerRow> {
        private final Label label = new Label();
        private final Tooltip tooltip = new Tooltip();
        private final ChangeListener<RankerRow.State> restyle = (obs, old, state) -> style(state);
        private RankerRow shown;

        StatusCell(TableColumn<RankerRow, RankerRow> column) {
            // Wrapped to the column, so a failure's reason reads whole without hovering.
            label.setMinWidth(0);
            label.setWrapText(true);
            label.prefWidthProperty().bind(column.widthProperty().subtract(14));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(520);
            tooltip.textProperty().bind(label.textProperty());
        }

        @Override
        protected void updateItem(RankerRow row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) {
                shown.stateProperty().removeListener(restyle);
                shown = null;
            }
            label.textProperty().unbind();
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            shown = row;
            label.textProperty().bind(row.statusProperty());
            row.stateProperty().addListener(restyle);
            style(row.stateProperty().get());
            setGraphic(label);
            setTooltip(tooltip);
        }

        private void style(RankerRow.State state) {
            for (RankerRow.State s : RankerRow.State.values()) {
                label.getStyleClass().remove(s.name().toLowerCase(Locale.ROOT));
            }
            if (!label.getStyleClass().contains("ranker-state")) {
                label.getStyleClass().add("ranker-state");
            }
            label.getStyleClass().add(state.name().toLowerCase(Locale.ROOT));
        }
    }

    @FXML
    private void toggleAll() {
        vm.toggleAll();
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void close() {
        if (vm.runningProperty().get()) {
            return;
        }
        Window window = root.getScene() == null ? null : root.getScene().getWindow();
        if (window != null) {
            window.hide();
        }
    }
}
