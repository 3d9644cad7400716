package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.EndpointEntry;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.ProviderInfo;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The Rankers window's controller: binds the endpoint table, the form and the commands to {@link RankersViewModel}. */
public final class RankersView {

    static final KeyCombination CLOSE_KEY = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private final RankersViewModel vm;

    @FXML private BorderPane root;
    @FXML private Button addButton;
    @FXML private Button editButton;
    @FXML private Button removeButton;
    @FXML private Button testButton;
    @FXML private ProgressIndicator workingIndicator;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<EndpointEntry> endpointsTable;
    @FXML private TableColumn<EndpointEntry, String> nameColumn;
    @FXML private TableColumn<EndpointEntry, String> providerColumn;
    @FXML private TableColumn<EndpointEntry, String> baseUrlColumn;
    @FXML private TableColumn<EndpointEntry, String> modelColumn;
    @FXML private TableColumn<EndpointEntry, EndpointEntry> keyColumn;
    @FXML private VBox form;
    @FXML private Label formTitle;
    @FXML private TextField nameField;
    @FXML private ChoiceBox<ProviderInfo> providerChoice;
    @FXML private TextField baseUrlField;
    @FXML private TextField modelField;
    @FXML private TextField providerOptionsField;
    @FXML private TextField maxDocsField;
    @FXML private TextField concurrencyField;
    @FXML private TextField timeoutField;
    @FXML private RadioButton envKeyRadio;
    @FXML private RadioButton storedKeyRadio;
    @FXML private RadioButton noKeyRadio;
    @FXML private TextField envVarField;
    @FXML private PasswordField keyField;
    @FXML private Label storedKeyHint;
    @FXML private CheckBox insecureCheck;
    @FXML private VBox customSection;
    @FXML private TextField customPathField;
    @FXML private TextField customQueryFieldField;
    @FXML private TextField customDocumentsFieldField;
    @FXML private TextField customTopKFieldField;
    @FXML private TextField customResultsPointerField;
    @FXML private TextField customIndexPointerField;
    @FXML private TextField customScorePointerField;
    @FXML private Label formError;
    @FXML private Button saveButton;

    public RankersView(RankersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        bindCommands();
        bindTable();
        bindForm();
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (CLOSE_KEY.match(e)) {
                close();
                e.consume();
            }
        });
    }

    private void bindCommands() {
        editButton.disableProperty().bind(vm.selectionCommandsAllowedProperty().not());
        removeButton.disableProperty().bind(vm.selectionCommandsAllowedProperty().not());
        testButton.disableProperty().bind(vm.selectionCommandsAllowedProperty().not());
        addButton.setTooltip(new Tooltip("Add a remote reranker: Cohere, Jina, Voyage, Mixedbread, Pinecone, TEI, NIM or "
                + "Custom JSON"));
        testButton.setTooltip(new Tooltip("Send one short document to the selected endpoint"));
        removeButton.setTooltip(new Tooltip("Remove the selected endpoint and the key stored for it"));
        workingIndicator.visibleProperty().bind(vm.workingProperty());
        workingIndicator.managedProperty().bind(vm.workingProperty());
        statusLabel.textProperty().bind(vm.statusTextProperty());
        errorLabel.textProperty().bind(vm.errorTextProperty());
        errorLabel.visibleProperty().bind(vm.errorTextProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
    }

    private void bindTable() {
        endpointsTable.setItems(vm.rows());
        endpointsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        endpointsTable.setPlaceholder(new Label("No endpoints yet. Add one to rank with a hosted or self-hosted "
                + "reranker."));
        endpointsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                vm.selectedProperty().set(row);
            }
        });
        vm.selectedProperty().addListener((obs, old, row) -> {
            if (row == null) {
                endpointsTable.getSelectionModel().clearSelection();
            } else if (!row.equals(endpointsTable.getSelectionModel().getSelectedItem())) {
                endpointsTable.getSelectionModel().select(row);
            }
        });
        endpointsTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && vm.selectedProperty().get() != null) {
                vm.editSelected();
            }
        });
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        providerColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().provider().displayName()));
        baseUrlColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().effectiveBaseUrl()));
        modelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().effectiveModel().isEmpty()
                ? "(server's model)" : c.getValue().effectiveModel()));
        keyColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        keyColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(EndpointEntry e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().removeAll("key-missing", "key-ok");
                setText(empty || e == null ? null : e.keyStatus());
                setTooltip(empty || e == null ? null : new Tooltip(e.keyStatus()));
                if (!empty && e != null) {
                    getStyleClass().add(e.keyMissing() ? "key-missing" : "key-ok");
                }
            }
        });
    }

    private void bindForm() {
        form.visibleProperty().bind(vm.editingProperty());
        form.managedProperty().bind(vm.editingProperty());
        formTitle.textProperty().bind(vm.formTitleProperty());
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        providerChoice.setItems(vm.providers());
        providerChoice.valueProperty().bindBidirectional(vm.providerProperty());
        baseUrlField.textProperty().bindBidirectional(vm.baseUrlProperty());
        baseUrlField.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.providerProperty().get() == null
                || vm.providerProperty().get().defaultBaseUrl().isEmpty() ? "http://localhost:8080"
                : vm.providerProperty().get().defaultBaseUrl(), vm.providerProperty()));
        modelField.textProperty().bindBidirectional(vm.modelProperty());
        providerOptionsField.textProperty().bindBidirectional(vm.providerOptionsProperty());
        // what the provider takes at this address, as the prompt and the tooltip (it changes with both)
        Tooltip optionsTip = new Tooltip();
        providerOptionsField.setTooltip(optionsTip);
        Runnable optionsHelp = () -> {
            String help = vm.providerOptionsHelp();
            providerOptionsField.setPromptText(help.equals("none") ? "none for this provider" : help);
            optionsTip.setText("name=value pairs, comma-separated. This provider takes: " + help);
        };
        vm.providerProperty().addListener((o, was, now) -> optionsHelp.run());
        vm.baseUrlProperty().addListener((o, was, now) -> optionsHelp.run());
        optionsHelp.run();
        maxDocsField.textProperty().bindBidirectional(vm.maxDocsProperty());
        maxDocsField.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.providerProperty().get() == null
                ? "" : "default " + vm.providerProperty().get().defaultMaxDocs(), vm.providerProperty()));
        concurrencyField.textProperty().bindBidirectional(vm.concurrencyProperty());
        timeoutField.textProperty().bindBidirectional(vm.timeoutSecondsProperty());

        ToggleGroup keys = new ToggleGroup();
        envKeyRadio.setToggleGroup(keys);
        storedKeyRadio.setToggleGroup(keys);
        noKeyRadio.setToggleGroup(keys);
        envKeyRadio.setUserData(KeySource.ENV);
        storedKeyRadio.setUserData(KeySource.STORED);
        noKeyRadio.setUserData(KeySource.NONE);
        Runnable showKey = () -> keys.selectToggle(switch (vm.keySourceProperty().get()) {
            case ENV -> envKeyRadio;
            case STORED -> storedKeyRadio;
            case NONE -> noKeyRadio;
        });
        showKey.run();
        vm.keySourceProperty().addListener((obs, old, k) -> showKey.run());
        keys.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                vm.keySourceProperty().set((KeySource) t.getUserData());
            }
        });
        envVarField.textProperty().bindBidirectional(vm.keyEnvVarProperty());
        envVarField.disableProperty().bind(envKeyRadio.selectedProperty().not());
        keyField.textProperty().bindBidirectional(vm.enteredKeyProperty());
        keyField.disableProperty().bind(storedKeyRadio.selectedProperty().not());
        storedKeyHint.textProperty().bind(vm.storedKeyHintProperty());
        keyField.setTooltip(new Tooltip("Kept in the key store in your config folder (owner-only), never in "
                + "endpoints.json, projects, exports or logs"));

        customSection.visibleProperty().bind(vm.customJsonProperty());
        customSection.managedProperty().bind(vm.customJsonProperty());
        customPathField.textProperty().bindBidirectional(vm.customPathProperty());
        customQueryFieldField.textProperty().bindBidirectional(vm.customQueryFieldProperty());
        customDocumentsFieldField.textProperty().bindBidirectional(vm.customDocumentsFieldProperty());
        customTopKFieldField.textProperty().bindBidirectional(vm.customTopKFieldProperty());
        customResultsPointerField.textProperty().bindBidirectional(vm.customResultsPointerProperty());
        customIndexPointerField.textProperty().bindBidirectional(vm.customIndexPointerProperty());
        customScorePointerField.textProperty().bindBidirectional(vm.customScorePointerProperty());
        customTopKFieldField.setTooltip(new Tooltip("The request field for how many results to return; leave empty "
                + "when the server takes none"));
        customResultsPointerField.setTooltip(new Tooltip("JSON pointer to the results array in the answer, e.g. "
                + "/results; empty when the answer is the array itself"));

        insecureCheck.selectedProperty().bindBidirectional(vm.allowInsecureHttpProperty());
        insecureCheck.visibleProperty().bind(vm.insecureHostProperty().or(vm.allowInsecureHttpProperty()));
        insecureCheck.managedProperty().bind(insecureCheck.visibleProperty());
        formError.textProperty().bind(vm.formErrorProperty());
        formError.visibleProperty().bind(vm.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
        saveButton.disableProperty().bind(vm.workingProperty());
    }

    @FXML
    private void add() {
        vm.add();
        nameField.requestFocus();
    }

    @FXML
    private void edit() {
        vm.editSelected();
    }

    @FXML
    private void remove() {
        vm.removeSelected();
    }

    @FXML
    private void test() {
        vm.testSelected();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void cancelEdit() {
        vm.cancelEdit();
    }

    @FXML
    private void close() {
        vm.cancelEdit();
        root.getScene().getWindow().hide();
    }
}
