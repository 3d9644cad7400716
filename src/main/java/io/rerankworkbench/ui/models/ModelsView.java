package io.rerankworkbench.ui.models;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/** The Models window's controller: binds the table, details and buttons to {@link ModelsViewModel}. */
public final class ModelsView {

    static final KeyCombination CLOSE_KEY = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private final ModelsViewModel vm;

    @FXML private BorderPane root;
    @FXML private Button addFolderButton;
    @FXML private Button loadButton;
    @FXML private Button setDefaultButton;
    @FXML private Button removeButton;
    @FXML private ProgressIndicator workingIndicator;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<ModelRow> modelsTable;
    @FXML private TableColumn<ModelRow, ModelRow> nameColumn;
    @FXML private TableColumn<ModelRow, String> kindColumn;
    @FXML private TableColumn<ModelRow, Integer> layersColumn;
    @FXML private TableColumn<ModelRow, Integer> maxLengthColumn;
    @FXML private TableColumn<ModelRow, ModelRow> sizeColumn;
    @FXML private TableColumn<ModelRow, ModelRow> stateColumn;
    @FXML private TableColumn<ModelRow, ModelRow> locationColumn;
    @FXML private Label detailTitle;
    @FXML private Label detailKind;
    @FXML private Label detailInputs;
    @FXML private Label detailOutputs;
    @FXML private Label detailNotes;
    @FXML private Label detailLocation;

    public ModelsView(ModelsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        bindCommands();
        bindTable();
        detailTitle.textProperty().bind(vm.detailTitleProperty());
        detailKind.textProperty().bind(vm.detailKindProperty());
        detailInputs.textProperty().bind(vm.detailInputsProperty());
        detailOutputs.textProperty().bind(vm.detailOutputsProperty());
        detailNotes.textProperty().bind(vm.detailNotesProperty());
        detailLocation.textProperty().bind(vm.detailLocationProperty());
        // Tensor names read best in a fixed-width font; the "load it first" hint does not.
        vm.detailGraphKnownProperty().addListener((obs, was, known) -> showGraphFont(known));
        showGraphFont(vm.detailGraphKnownProperty().get());
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (CLOSE_KEY.match(e)) {
                close();
                e.consume();
            }
        });
    }

    private void showGraphFont(boolean known) {
        for (Label l : new Label[]{detailInputs, detailOutputs}) {
            l.getStyleClass().remove("mono");
            if (known) {
                l.getStyleClass().add("mono");
            }
        }
    }

    private void bindCommands() {
        addFolderButton.disableProperty().bind(vm.addAllowedProperty().not());
        loadButton.disableProperty().bind(vm.loadAllowedProperty().not());
        setDefaultButton.disableProperty().bind(vm.setDefaultAllowedProperty().not());
        removeButton.disableProperty().bind(vm.removeAllowedProperty().not());
        addFolderButton.setTooltip(new Tooltip("Add a model folder; it is loaded once to check that it works"));
        loadButton.setTooltip(new Tooltip("Load the selected model to see its kind, inputs and outputs"));
        setDefaultButton.setTooltip(new Tooltip("Select this model whenever the app starts"));
        removeButton.setTooltip(new Tooltip("Remove the selected folder from the list (its files stay); "
                + "bundled models cannot be removed"));
        addFolderButton.textProperty().bind(Bindings.when(vm.validatingProperty())
                .then("Validating…").otherwise("Add folder…"));
        workingIndicator.visibleProperty().bind(vm.workingProperty());
        workingIndicator.managedProperty().bind(vm.workingProperty());
        statusLabel.textProperty().bind(vm.statusTextProperty());
        errorLabel.textProperty().bind(vm.errorTextProperty());
        errorLabel.visibleProperty().bind(vm.errorTextProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
    }

    private void bindTable() {
        modelsTable.setItems(vm.rows());
        modelsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        modelsTable.setPlaceholder(new Label("No models."));
        modelsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                vm.selectedProperty().set(row);
            }
        });
        vm.selectedProperty().addListener((obs, old, row) -> {
            if (row == null) {
                modelsTable.getSelectionModel().clearSelection();
            } else if (row != modelsTable.getSelectionModel().getSelectedItem()) {
                modelsTable.getSelectionModel().select(row);
            }
        });
        if (vm.selectedProperty().get() == null && !vm.rows().isEmpty()) {
            vm.select(vm.rows().get(0).name());
        } else if (vm.selectedProperty().get() != null) {
            modelsTable.getSelectionModel().select(vm.selectedProperty().get());
        }

        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        nameColumn.setComparator(Comparator.comparing(ModelRow::name, String.CASE_INSENSITIVE_ORDER));
        nameColumn.setCellFactory(col -> cell(row -> {
            Label name = new Label(row.name());
            name.setMinWidth(0);
            HBox box = new HBox(8, name);
            box.setAlignment(Pos.CENTER_LEFT);
            if (row.isDefault()) {
                Label badge = new Label("default");
                badge.getStyleClass().add("default-badge");
                badge.setMinWidth(Label.USE_PREF_SIZE);
                badge.setTooltip(new Tooltip("Selected whenever the app starts"));
                box.getChildren().add(badge);
            }
            return box;
        }));
        kindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().kind()));
        layersColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().layers()));
        layersColumn.setCellFactory(col -> textCell(n -> n > 0 ? n.toString() : ModelRow.UNKNOWN));
        maxLengthColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().maxLength()));
        sizeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        sizeColumn.setComparator(Comparator.comparingLong(ModelRow::sizeBytes));
        sizeColumn.setCellFactory(col -> textCell(ModelRow::sizeLabel));
        stateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stateColumn.setComparator(Comparator.comparing(ModelRow::state));
        stateColumn.setCellFactory(col -> cell(row -> {
            Label state = new Label(row.stateLabel());
            state.setMinWidth(0);
            state.getStyleClass().addAll("model-state",
                    row.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (row.failure() != null) {
                Tooltip why = new Tooltip(row.reason());
                why.setWrapText(true);
                why.setMaxWidth(480);
                state.setTooltip(why);
            }
            return state;
        }));
        locationColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        locationColumn.setComparator(Comparator.comparing(ModelRow::location));
        locationColumn.setCellFactory(col -> {
            // A long path keeps its end (the folder's own name) in view.
            TableCell<ModelRow, ModelRow> cell = textCell(ModelRow::locationLabel);
            cell.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            cell.tooltipProperty().bind(Bindings.createObjectBinding(() -> cell.getItem() == null || cell.isEmpty()
                    ? null : new Tooltip(cell.getItem().location()), cell.itemProperty(), cell.emptyProperty()));
            return cell;
        });
    }

    private static <T> TableCell<ModelRow, T> textCell(Function<T, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(null);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    private static TableCell<ModelRow, ModelRow> cell(Function<ModelRow, javafx.scene.Node> render) {
        return new TableCell<>() {
            @Override
            protected void updateItem(ModelRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(empty || row == null ? null : render.apply(row));
            }
        };
    }

    @FXML
    private void addFolder() {
        vm.chooseAndAddFolder();
    }

    @FXML
    private void load() {
        vm.loadSelected();
    }

    @FXML
    private void setDefault() {
        vm.setSelectedAsDefault();
    }

    @FXML
    private void remove() {
        vm.removeSelected();
    }

    @FXML
    private void close() {
        root.getScene().getWindow().hide();
    }
}
