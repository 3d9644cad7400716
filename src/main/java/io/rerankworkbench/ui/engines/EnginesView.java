package io.rerankworkbench.ui.engines;

import io.rerankworkbench.app.SearchEngineEntry;
import io.rerankworkbench.app.SearchEngineKindInfo;
import io.rerankworkbench.app.SearchEngineTestResult.Hit;
import io.rerankworkbench.ui.engines.EnginesViewModel.AuthChoice;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** Binds Engines.fxml to an {@link EnginesViewModel}; no logic beyond wiring. */
public final class EnginesView {

    private final EnginesViewModel vm;

    @FXML private BorderPane root;
    @FXML private ListView<SearchEngineEntry> enginesList;
    @FXML private Button newButton;
    @FXML private Label formTitle;
    @FXML private TextField nameField;
    @FXML private ChoiceBox<SearchEngineKindInfo> kindChoice;
    @FXML private TextField baseUrlField;
    @FXML private Label targetLabel;
    @FXML private TextField targetField;
    @FXML private TextArea templateArea;
    @FXML private Label templateHint;
    @FXML private TextField idField;
    @FXML private TextField titleField;
    @FXML private TextField textField;
    @FXML private TextField depthField;
    @FXML private ChoiceBox<AuthChoice> authChoice;
    @FXML private TextField timeoutField;
    @FXML private Label userLabel;
    @FXML private TextField userField;
    @FXML private Label secretLabel;
    @FXML private PasswordField secretField;
    @FXML private Label secretEnvLabel;
    @FXML private TextField secretEnvField;
    @FXML private Label secretHint;
    @FXML private Label errorLabel;
    @FXML private Button saveButton;
    @FXML private Button removeButton;
    @FXML private TextField testQueryField;
    @FXML private Button testButton;
    @FXML private ProgressIndicator workingIndicator;
    @FXML private Label statusLabel;
    @FXML private TableView<Hit> hitsTable;
    @FXML private TableColumn<Hit, Number> rankColumn;
    @FXML private TableColumn<Hit, String> idColumn;
    @FXML private TableColumn<Hit, String> scoreColumn;
    @FXML private TableColumn<Hit, String> titleColumn;

    public EnginesView(EnginesViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        enginesList.setItems(vm.rows());
        enginesList.setCellFactory(list -> new EngineCell());
        enginesList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                enginesList.getSelectionModel().clearSelection();
            } else {
                enginesList.getSelectionModel().select(now);
            }
        });

        formTitle.textProperty().bind(vm.formTitleProperty());
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        kindChoice.getItems().setAll(vm.kinds());
        kindChoice.valueProperty().bindBidirectional(vm.kindProperty());
        baseUrlField.textProperty().bindBidirectional(vm.baseUrlProperty());
        targetLabel.textProperty().bind(vm.targetLabelProperty());
        targetField.textProperty().bindBidirectional(vm.targetProperty());
        templateArea.textProperty().bindBidirectional(vm.templateProperty());
        templateHint.textProperty().bind(vm.templateHintProperty());
        idField.textProperty().bindBidirectional(vm.idFieldProperty());
        titleField.textProperty().bindBidirectional(vm.titleFieldProperty());
        textField.textProperty().bindBidirectional(vm.textFieldProperty());
        depthField.textProperty().bindBidirectional(vm.depthProperty());
        timeoutField.textProperty().bindBidirectional(vm.timeoutProperty());
        authChoice.getItems().setAll(AuthChoice.values());
        authChoice.valueProperty().bindBidirectional(vm.authProperty());
        userField.textProperty().bindBidirectional(vm.usernameProperty());
        secretField.textProperty().bindBidirectional(vm.secretProperty());
        secretEnvField.textProperty().bindBidirectional(vm.secretEnvProperty());
        secretHint.textProperty().bind(vm.secretHintProperty());
        var authUsed = vm.authUsed();
        for (Node node : new Node[]{userLabel, userField, secretLabel, secretField, secretEnvLabel,
                secretEnvField, secretHint}) {
            node.visibleProperty().bind(Bindings.createBooleanBinding(authUsed::getValue, authUsed));
            node.managedProperty().bind(node.visibleProperty());
        }

        errorLabel.textProperty().bind(vm.formErrorProperty());
        errorLabel.visibleProperty().bind(vm.formErrorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        statusLabel.textProperty().bind(vm.statusTextProperty());
        saveButton.disableProperty().bind(vm.workingProperty());
        removeButton.disableProperty().bind(vm.canRemoveProperty().not());
        testQueryField.textProperty().bindBidirectional(vm.testQueryProperty());
        testButton.textProperty().bind(Bindings.when(vm.testingProperty()).then("Cancel test")
                .otherwise("Test connection"));
        testButton.setTooltip(new Tooltip("Send the query with the form's settings (saved or not) and show the "
                + "first hits; runs in the background"));
        workingIndicator.visibleProperty().bind(vm.testingProperty().or(vm.workingProperty()));
        testQueryField.setOnAction(e -> vm.testConnection());

        hitsTable.setItems(vm.testHits());
        rankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(hitsTable.getItems().indexOf(c.getValue())
                + 1));
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
        scoreColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Double.isNaN(c.getValue().score()) ? "—"
                : String.format(Locale.ROOT, "%.4f", c.getValue().score())));
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
    }

    @FXML
    private void newEngine() {
        vm.newEngine();
        nameField.requestFocus();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void remove() {
        vm.remove();
    }

    @FXML
    private void test() {
        vm.testConnection();
    }

    /** Name on the first line, kind and address (and a missing secret) muted below. */
    private static final class EngineCell extends ListCell<SearchEngineEntry> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, name, detail);

        EngineCell() {
            detail.getStyleClass().add("engine-list-detail");
            // Elide long addresses instead of widening the list (which would add a horizontal scroll bar).
            setPrefWidth(0);
            name.setMinWidth(0);
            detail.setMinWidth(0);
        }

        @Override
        protected void updateItem(SearchEngineEntry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            name.setText(e.name());
            detail.setText(e.kindName() + " · " + e.location() + (e.secretMissing() ? " · secret missing" : ""));
            detail.getStyleClass().remove("engine-list-missing");
            if (e.secretMissing()) {
                detail.getStyleClass().add("engine-list-missing");
            }
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(e.name() + "\n" + e.kindName() + " · " + e.location() + "\nSecret: "
                    + e.secretStatus()));
        }
    }
}
