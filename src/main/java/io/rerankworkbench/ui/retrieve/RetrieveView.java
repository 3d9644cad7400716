package io.rerankworkbench.ui.retrieve;

import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.FusionMode;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.FusionRow;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.Kind;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.Scope;
import javafx.beans.property.ReadOnlyObjectWrapper;
import io.rerankworkbench.ui.common.DialogControls;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.converter.DoubleStringConverter;

import java.util.Map;

/** The Retrieve candidates dialog's controller: binds the form, the corpus row and the buttons to the view model. */
public final class RetrieveView {

    private final RetrieveViewModel vm;

    @FXML private BorderPane root;
    @FXML private Label corpusLabel;
    @FXML private Button importFileButton;
    @FXML private Button importFolderButton;
    @FXML private ChoiceBox<Kind> kindChoice;
    @FXML private Label settingsLabel;
    @FXML private HBox bm25Box;
    @FXML private TextField k1Field;
    @FXML private TextField bField;
    @FXML private ChoiceBox<String> analysisChoice;
    @FXML private VBox denseBox;
    @FXML private ChoiceBox<String> modelChoice;
    @FXML private VBox fusionBox;
    @FXML private TableView<FusionRow> fusionTable;
    @FXML private TableColumn<FusionRow, Boolean> fuseUseColumn;
    @FXML private TableColumn<FusionRow, String> fuseRankerColumn;
    @FXML private TableColumn<FusionRow, Double> fuseWeightColumn;
    @FXML private ChoiceBox<FusionMode> fusionModeChoice;
    @FXML private Label rrfKLabel;
    @FXML private Spinner<Integer> rrfKSpinner;
    @FXML private HBox engineBox;
    @FXML private ChoiceBox<String> engineChoice;
    @FXML private Spinner<Integer> depthSpinner;
    @FXML private ToggleGroup scopeGroup;
    @FXML private RadioButton chosenRadio;
    @FXML private RadioButton allRadio;
    @FXML private Label problemLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Button startButton;
    @FXML private Button cancelButton;
    @FXML private Button closeButton;

    public RetrieveView(RetrieveViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        corpusLabel.textProperty().bind(vm.corpusProperty());
        importFileButton.disableProperty().bind(vm.busyProperty());
        importFolderButton.disableProperty().bind(vm.busyProperty());
        importFileButton.setTooltip(new Tooltip("Add documents to the corpus: JSON Lines (_id, title, text), "
                + "CSV or TSV with a header"));
        importFolderButton.setTooltip(new Tooltip("Add a BEIR dataset's corpus.jsonl to the corpus"));

        kindChoice.getItems().setAll(Kind.values());
        kindChoice.valueProperty().bindBidirectional(vm.kindProperty());
        kindChoice.disableProperty().bind(vm.busyProperty());
        Map<Kind, Node> panes = Map.of(Kind.BM25, bm25Box, Kind.DENSE, denseBox, Kind.FUSION, fusionBox,
                Kind.ENGINE, engineBox);
        panes.forEach((kind, pane) -> {
            pane.visibleProperty().bind(vm.kindProperty().isEqualTo(kind));
            pane.managedProperty().bind(pane.visibleProperty());
            pane.disableProperty().bind(vm.busyProperty());
        });
        settingsLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                switch (vm.kindProperty().get()) {
                    case BM25 -> "BM25";
                    case DENSE -> "Model";
                    case FUSION -> "Rankings to fuse";
                    case ENGINE -> "Engine";
                }, vm.kindProperty()));

        k1Field.textProperty().bindBidirectional(vm.k1Property());
        bField.textProperty().bindBidirectional(vm.bProperty());
        k1Field.setTooltip(new Tooltip("Term-frequency saturation (BEIR's baselines use 0.9)"));
        bField.setTooltip(new Tooltip("Length normalization, 0 to 1 (BEIR's baselines use 0.4)"));
        analysisChoice.getItems().setAll(vm.analyses());
        analysisChoice.valueProperty().bindBidirectional(vm.analysisProperty());
        analysisChoice.setTooltip(new Tooltip("english: stop words and Porter stemming; standard: lower case only"));

        modelChoice.setItems(vm.biEncoders());
        modelChoice.valueProperty().bindBidirectional(vm.biEncoderProperty());
        engineChoice.setItems(vm.engines());
        engineChoice.valueProperty().bindBidirectional(vm.engineProperty());
        bindFusion();

        depthSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                RetrievalService.MAX_DEPTH, vm.depthProperty().get(), 10));
        depthSpinner.getValueFactory().valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.depthProperty().set(v);
            }
        });
        depthSpinner.disableProperty().bind(vm.busyProperty());
        bindScope();

        problemLabel.textProperty().bind(vm.problemProperty());
        problemLabel.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.runningProperty());
        progressBar.managedProperty().bind(progressBar.visibleProperty());
        startButton.disableProperty().bind(vm.startAllowedProperty().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        closeButton.disableProperty().bind(vm.runningProperty());
        startButton.setTooltip(new Tooltip("Retrieve for the chosen queries (Enter)"));
        cancelButton.setTooltip(new Tooltip("Stop; queries finished are kept (Esc)"));
        DialogControls.installKeys(root, vm.runningProperty(), vm::cancel, this::close);
    }

    private void bindFusion() {
        fusionTable.setItems(vm.fusionRows());
        fusionTable.setPlaceholder(new Label("No kept rankings yet: retrieve or rerank first."));
        fusionTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        fuseUseColumn.setCellValueFactory(c -> c.getValue().useProperty());
        fuseUseColumn.setCellFactory(CheckBoxTableCell.forTableColumn(fuseUseColumn));
        fuseRankerColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().ranker()));
        fuseWeightColumn.setCellValueFactory(c -> c.getValue().weightProperty().asObject());
        fuseWeightColumn.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter() {
            @Override
            public Double fromString(String value) {
                try {
                    return super.fromString(value);
                } catch (NumberFormatException e) {
                    return null; // the edit is dropped; the weight stays
                }
            }
        }));
        fuseWeightColumn.setOnEditCommit(e -> {
            if (e.getNewValue() != null && Double.isFinite(e.getNewValue())) {
                e.getRowValue().weightProperty().set(e.getNewValue());
            }
            fusionTable.refresh();
        });
        fuseWeightColumn.visibleProperty().bind(vm.fusionModeProperty().isNotEqualTo(FusionMode.RRF));
        fusionModeChoice.getItems().setAll(FusionMode.values());
        fusionModeChoice.valueProperty().bindBidirectional(vm.fusionModeProperty());
        rrfKSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 10_000,
                vm.rrfKProperty().get()));
        rrfKSpinner.getValueFactory().valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.rrfKProperty().set(v);
            }
        });
        rrfKSpinner.setTooltip(new Tooltip("score = Σ 1 / (k + rank); 60 is the usual constant"));
        rrfKSpinner.visibleProperty().bind(vm.fusionModeProperty().isEqualTo(FusionMode.RRF));
        rrfKLabel.visibleProperty().bind(rrfKSpinner.visibleProperty());
    }

    private void bindScope() {
        DialogControls.bindScope(scopeGroup, chosenRadio, allRadio, vm.scopeProperty(), Scope.CHOSEN, Scope.ALL,
                vm.chosenLabel(), vm.allLabel(), vm.chosenAvailable(), vm.busyProperty());
    }

    @FXML
    private void importFile() {
        vm.importCorpus(false);
    }

    @FXML
    private void importFolder() {
        vm.importCorpus(true);
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
