package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.core.ScoreScale;
import io.rerankworkbench.core.SplitMode;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.ui.common.ScoreBarCell;
import io.rerankworkbench.ui.common.SplitPanes;
import io.rerankworkbench.ui.common.TableColumns;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import io.rerankworkbench.ui.compare.CompareWindow;
import io.rerankworkbench.ui.evaluate.EvaluateWindow;
import io.rerankworkbench.ui.explain.ExplainView;
import io.rerankworkbench.ui.explain.ExplainWindow;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The main window's controller: binds controls to {@link WorkbenchViewModel} and forwards commands to it. */
public final class WorkbenchView {

    static final KeyCombination RERANK_KEY = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RETRIEVE_KEY = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination SEVERAL_RANKERS_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination EXPORT_KEY = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination EXPLAIN_KEY = new KeyCodeCombination(KeyCode.E);
    /** Where the table and details divide while Explain is on screen. */
    private static final double EXPLAIN_DIVIDER = 0.34;
    static final KeyCombination COMPARE_KEY = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination EVALUATE_KEY = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination KEEP_VARIANT_KEY = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination QUIT_KEY = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination COPY_KEY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination MODELS_KEY = new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination NEW_PROJECT_KEY = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination OPEN_PROJECT_KEY = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SAVE_AS_KEY = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination IMPORT_KEY = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RERANK_ALL_KEY = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination ADD_QUERY_KEY = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination DUPLICATE_QUERY_KEY = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination UNDO_DELETE_KEY = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination ENDPOINTS_KEY = new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final WorkbenchViewModel vm;

    @FXML private BorderPane root;
    @FXML private javafx.scene.control.SplitPane mainSplit;
    @FXML private javafx.scene.control.SplitPane resultsSplit;
    @FXML private MenuItem newProjectMenuItem;
    @FXML private MenuItem openProjectMenuItem;
    @FXML private Menu recentMenu;
    @FXML private Menu samplesMenu;
    @FXML private MenuItem saveAsMenuItem;
    @FXML private MenuItem importMenuItem;
    @FXML private MenuItem importFolderMenuItem;
    @FXML private Menu exportMenu;
    @FXML private MenuItem addQueryMenuItem;
    @FXML private MenuItem duplicateQueryMenuItem;
    @FXML private MenuItem renameQueryMenuItem;
    @FXML private MenuItem deleteQueryMenuItem;
    @FXML private MenuItem undoDeleteMenuItem;
    @FXML private MenuItem rerankAllMenuItem;
    @FXML private MenuItem severalRankersMenuItem;
    @FXML private MenuItem retrieveMenuItem;
    @FXML private MenuItem labelingMenuItem;
    @FXML private MenuItem compareMenuItem;
    @FXML private MenuItem evaluateMenuItem;
    @FXML private Label queryCountLabel;
    @FXML private Button addQueryButton;
    @FXML private Button duplicateQueryButton;
    @FXML private Button renameQueryButton;
    @FXML private Button deleteQueryButton;
    @FXML private TextField queryFilterField;
    @FXML private ListView<io.rerankworkbench.store.QuerySummary> queriesList;
    @FXML private Hyperlink undoDeleteLink;
    @FXML private Label editorHintLabel;
    @FXML private javafx.scene.control.ToggleButton liveToggle;
    @FXML private Label liveStatusLabel;
    @FXML private javafx.scene.layout.HBox liveActions;
    @FXML private Button keepVariantButton;
    @FXML private Button revertButton;
    @FXML private Label liveBadge;
    @FXML private javafx.scene.layout.VBox phrasingsBox;
    @FXML private ListView<io.rerankworkbench.ui.live.VariantsViewModel.Phrasing> phrasingsList;
    @FXML private ComboBox<io.rerankworkbench.store.StoredRun> runPicker;
    @FXML private MenuItem exportMenuItem;
    @FXML private MenuItem exportTrecMenuItem;
    @FXML private MenuItem quitMenuItem;
    @FXML private MenuItem rerankMenuItem;
    @FXML private MenuItem cancelMenuItem;
    @FXML private MenuItem manageModelsMenuItem;
    @FXML private MenuItem manageEndpointsMenuItem;
    @FXML private Button manageEndpointsButton;
    @FXML private ComboBox<String> rankerPicker;
    @FXML private Button manageModelsButton;
    @FXML private Label modelStateLabel;
    @FXML private FontIcon modelStateIcon;
    @FXML private TextField queryField;
    @FXML private ToggleButton linesToggle;
    @FXML private ToggleButton paragraphsToggle;
    @FXML private TextArea candidatesArea;
    @FXML private Label candidateCountLabel;
    @FXML private ChoiceBox<LongDocuments> longDocumentsChoice;
    @FXML private StackPane rerankButtonHolder;
    @FXML private Button rerankButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label blockedReasonLabel;
    @FXML private Label progressLabel;
    @FXML private TableView<ResultRow> resultsTable;
    @FXML private TableColumn<ResultRow, Integer> rankColumn;
    @FXML private TableColumn<ResultRow, Integer> originalColumn;
    @FXML private TableColumn<ResultRow, ResultRow> changeColumn;
    @FXML private TableColumn<ResultRow, ResultRow> scoreColumn;
    @FXML private TableColumn<ResultRow, String> probabilityColumn;
    @FXML private TableColumn<ResultRow, ResultRow> truncatedColumn;
    @FXML private TableColumn<ResultRow, String> docIdColumn;
    @FXML private TableColumn<ResultRow, String> gradeColumn;
    @FXML private TableColumn<ResultRow, String> textColumn;
    @FXML private Label detailHeader;
    @FXML private TabPane detailTabs;
    @FXML private Tab textTab;
    @FXML private Tab explainTab;
    /** The divider's place before Explain took room, or -1. */
    private double textDivider = -1;
    @FXML private TextArea detailText;
    @FXML private Label statusLabel;
    @FXML private javafx.scene.layout.HBox statusBar;
    @FXML private ChoiceBox<ScoreScale.Mode> barScaleChoice;
    @FXML private Label shortcutHint;
    @FXML private CheckMenuItem serveMenuItem;
    @FXML private Label serverStatusLabel;

    public WorkbenchView(WorkbenchViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        bindProject();
        bindQueries();
        bindInput();
        bindRunControls();
        bindResults();
        bindRuns();
        bindStatusBar();
        SplitPanes.keepLastAtMinimum(mainSplit);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::handleShortcut);
    }

    /**
     * The status line may be cut (its tooltip has it whole); the shortcut hint shows only where it fits beside the
     * whole status, since the status matters more.
     */
    private void bindStatusBar() {
        statusLabel.textProperty().bind(vm.statusTextProperty());
        Tooltip status = new Tooltip();
        status.setWrapText(true);
        status.setMaxWidth(640);
        status.textProperty().bind(vm.statusTextProperty());
        statusLabel.tooltipProperty().bind(Bindings.when(vm.statusTextProperty().isEmpty())
                .then((Tooltip) null).otherwise(status));
        bindServerToggle();
        shortcutHint.setText("Ctrl+Enter rerank · Ctrl+Shift+Enter rerank all · Ctrl+I import · Ctrl+E export");
        shortcutHint.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            double used = statusLabel.prefWidth(-1) + shortcutHint.prefWidth(-1) + statusBar.getSpacing() * 2
                    + statusBar.snappedLeftInset() + statusBar.snappedRightInset()
                    + (serverStatusLabel.isVisible() ? serverStatusLabel.prefWidth(-1) : 0);
            return used <= statusBar.getWidth();
        }, statusBar.widthProperty(), statusLabel.textProperty(), statusLabel.widthProperty(),
                serverStatusLabel.visibleProperty(),
                serverStatusLabel.textProperty()));
        shortcutHint.managedProperty().bind(shortcutHint.visibleProperty());
    }

    private void bindInput() {
        bindModelPicker();
        modelStateLabel.textProperty().bind(vm.modelMessageProperty());
        Tooltip modelState = new Tooltip();
        modelState.textProperty().bind(vm.modelMessageProperty());
        modelStateLabel.setTooltip(modelState);
        vm.modelStatusProperty().addListener((obs, old, status) -> showModelStatus(status));
        showModelStatus(vm.modelStatusProperty().get());

        queryField.textProperty().bindBidirectional(vm.queryProperty());
        candidatesArea.textProperty().bindBidirectional(vm.candidatesTextProperty());
        io.rerankworkbench.ui.live.LiveQueryView.bind(vm.live(), vm.variants(),
                new io.rerankworkbench.ui.live.LiveQueryView.Nodes(liveToggle, queryField, liveStatusLabel,
                        liveActions, keepVariantButton, revertButton, liveBadge, runPicker, editorHintLabel,
                        phrasingsBox, phrasingsList),
                vm.editableProperty());
        candidatesArea.editableProperty().bind(vm.editableProperty());
        linesToggle.disableProperty().bind(vm.editableProperty().not());
        paragraphsToggle.disableProperty().bind(vm.editableProperty().not());
        editorHintLabel.textProperty().bind(vm.editorHintProperty());
        vm.splitModeProperty().addListener((obs, old, mode) ->
                (mode == SplitMode.LINES ? linesToggle : paragraphsToggle).setSelected(true));
        ToggleGroup split = new ToggleGroup();
        linesToggle.setToggleGroup(split);
        paragraphsToggle.setToggleGroup(split);
        linesToggle.setTooltip(new Tooltip("Every non-empty line is one candidate"));
        paragraphsToggle.setTooltip(new Tooltip("Blocks of text separated by blank lines are candidates"));
        split.selectToggle(vm.splitModeProperty().get() == SplitMode.LINES ? linesToggle : paragraphsToggle);
        split.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                old.setSelected(true); // one mode is always chosen
            } else {
                vm.splitModeProperty().set(toggle == linesToggle ? SplitMode.LINES : SplitMode.PARAGRAPHS);
            }
        });
        candidateCountLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.candidateCountProperty().get();
            return n == 1 ? "1 candidate" : String.format("%,d candidates", n);
        }, vm.candidateCountProperty()));

        longDocumentsChoice.getItems().setAll(LongDocuments.values());
        longDocumentsChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(LongDocuments mode) {
                return mode == null ? "" : mode == LongDocuments.CHUNK ? "Chunk" : "Truncate";
            }

            @Override
            public LongDocuments fromString(String s) {
                return "Chunk".equals(s) ? LongDocuments.CHUNK : LongDocuments.TRUNCATE;
            }
        });
        longDocumentsChoice.valueProperty().bindBidirectional(vm.longDocumentsProperty());
        longDocumentsChoice.setTooltip(new Tooltip("Documents longer than the model reads:\n"
                + "Truncate — the model sees only their beginning (the Truncated column counts the rest);\n"
                + "Chunk — overlapping windows are scored and a document scores as its best window."));
    }

    /** The picker lists the library's models; choosing one loads it, and a library change keeps the choice. */
    private void bindModelPicker() {
        ModelSelectionViewModel models = vm.models();
        rankerPicker.setItems(models.names());
        rankerPicker.setCellFactory(list -> new ModelNameCell(models.defaultNameProperty()));
        rankerPicker.setButtonCell(new ModelNameCell(models.defaultNameProperty()));
        rankerPicker.setValue(models.selectedProperty().get());
        models.selectedProperty().addListener((obs, old, name) -> rankerPicker.setValue(name));
        // Replacing the items may clear the combo box's value; put the selection back.
        models.names().addListener((ListChangeListener<String>) change ->
                rankerPicker.setValue(models.selectedProperty().get()));
        rankerPicker.valueProperty().addListener((obs, old, name) -> {
            if (name != null && !name.equals(models.selectedProperty().get())) {
                vm.selectModel(name);
            }
        });
        rankerPicker.disableProperty().bind(vm.runningProperty());
        rankerPicker.setTooltip(new Tooltip("The model or remote endpoint that scores the candidates; local models "
                + "come first, then endpoints (Rankers → Manage endpoints…)"));
        manageModelsButton.setTooltip(new Tooltip("Add, remove and inspect models (Ctrl+M)"));
        manageModelsMenuItem.setAccelerator(MODELS_KEY);
        manageEndpointsMenuItem.setAccelerator(ENDPOINTS_KEY);
        manageEndpointsButton.setTooltip(new Tooltip("Add, edit and test remote rerankers (Ctrl+Shift+M)"));
    }

    /** A model name, marked when it is the default; follows changes of the default. */
    private static final class ModelNameCell extends ListCell<String> {
        private final ObservableStringValue defaultName;
        private final InvalidationListener redraw = obs -> render();

        ModelNameCell(ObservableStringValue defaultName) {
            this.defaultName = defaultName;
            defaultName.addListener(new WeakInvalidationListener(redraw));
        }

        @Override
        protected void updateItem(String name, boolean empty) {
            super.updateItem(name, empty);
            render();
        }

        private void render() {
            String name = getItem();
            setText(isEmpty() || name == null ? null
                    : name.equals(defaultName.get()) ? name + "  ★ default" : name);
        }
    }

    private void showModelStatus(ModelStatus status) {
        modelStateLabel.getStyleClass().removeAll("loading", "ready", "failed");
        modelStateLabel.getStyleClass().add(status.name().toLowerCase(java.util.Locale.ROOT));
        modelStateIcon.setIconLiteral(switch (status) {
            case LOADING -> "fth-loader";
            case READY -> "fth-check-circle";
            case FAILED -> "fth-alert-triangle";
        });
    }

    private void bindRunControls() {
        rerankButton.disableProperty().bind(vm.rerankAllowedProperty().not());
        rerankMenuItem.disableProperty().bind(vm.rerankAllowedProperty().not());
        rerankMenuItem.setAccelerator(RERANK_KEY);
        rerankAllMenuItem.setAccelerator(RERANK_ALL_KEY);
        rerankAllMenuItem.disableProperty().bind(vm.runningProperty()
                .or(Bindings.isEmpty(vm.queries().allQueries()))
                .or(vm.modelStatusProperty().isNotEqualTo(ModelStatus.READY)));
        severalRankersMenuItem.setAccelerator(SEVERAL_RANKERS_KEY);
        severalRankersMenuItem.disableProperty().bind(vm.runningProperty()
                .or(Bindings.isEmpty(vm.queries().allQueries())));
        retrieveMenuItem.setAccelerator(RETRIEVE_KEY);
        retrieveMenuItem.disableProperty().bind(vm.runningProperty()
                .or(Bindings.isEmpty(vm.queries().allQueries())));
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        cancelMenuItem.disableProperty().bind(vm.runningProperty().not());
        cancelMenuItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        exportMenu.disableProperty().bind(Bindings.isEmpty(vm.queries().allQueries()).or(vm.runningProperty()));
        exportMenuItem.setAccelerator(EXPORT_KEY);
        exportMenuItem.textProperty().bind(vm.transfers().rankedListsLabelProperty());
        exportTrecMenuItem.textProperty().bind(vm.transfers().trecRunLabelProperty());
        quitMenuItem.setAccelerator(QUIT_KEY);

        // A disabled button shows no tooltip, so the holder around it carries the explanation.
        Tooltip why = new Tooltip();
        why.textProperty().bind(Bindings.createStringBinding(() -> vm.rerankBlockedReasonProperty().get().isEmpty()
                ? "Rerank the candidates for the query (Ctrl+Enter)"
                : vm.rerankBlockedReasonProperty().get(), vm.rerankBlockedReasonProperty()));
        Tooltip.install(rerankButtonHolder, why);
        cancelButton.setTooltip(new Tooltip("Stop the running rerank (Esc)"));
        // When the rerank can run, the hint line shows what a paid endpoint would bill.
        blockedReasonLabel.textProperty().bind(Bindings.createStringBinding(
                () -> vm.rerankBlockedReasonProperty().get().isEmpty() ? vm.costEstimateProperty().get()
                        : vm.rerankBlockedReasonProperty().get(),
                vm.rerankBlockedReasonProperty(), vm.costEstimateProperty()));

        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.runningProperty().or(vm.progressProperty().greaterThan(0)));
        progressLabel.textProperty().bind(vm.progressTextProperty());
    }

    private void bindResults() {
        ResultsViewModel results = vm.results();
        SortedList<ResultRow> sorted = new SortedList<>(results.rows());
        sorted.comparatorProperty().bind(resultsTable.comparatorProperty());
        resultsTable.setItems(sorted);
        resultsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumns.fillWithLast(resultsTable, textColumn, scoreColumn, docIdColumn);
        resultsTable.setTableMenuButtonVisible(false);
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("results-placeholder");
        placeholder.textProperty().bind(vm.resultsPlaceholderProperty());
        resultsTable.setPlaceholder(placeholder);
        // Document ids are shown whole where the pane allows: the column fits the longest id of the run shown.
        // A live ranking re-orders the same documents: measure their ids again only when they change.
        java.util.Set<String> fitted = new java.util.HashSet<>();
        results.rows().addListener((ListChangeListener<ResultRow>) c -> {
            java.util.Set<String> ids = new java.util.HashSet<>();
            results.rows().forEach(r -> ids.add(r.docId()));
            if (!ids.equals(fitted)) {
                fitted.clear();
                fitted.addAll(ids);
                TableColumns.fitToContent(docIdColumn, ids, javafx.scene.text.Font.getDefault(), 220);
            }
        });
        docIdColumn.setCellFactory(col -> TableColumns.textCellWithTooltip());
        textColumn.setCellFactory(col -> TableColumns.textCellWithTooltip());
        bindBarScale(results);
        resultsTable.getSelectionModel().selectedItemProperty()
                .addListener((obs, old, row) -> results.selectedProperty().set(row));

        rankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        originalColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().originalRank()));
        docIdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().docId()));
        gradeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().gradeLabel()));
        gradeColumn.setComparator(Comparator.comparingInt((String g) -> g.isEmpty() ? -1 : Integer.parseInt(g)));
        // The current grade (the newest given) shows once the query has grades.
        gradeColumn.visibleProperty().bind(Bindings.createBooleanBinding(() -> results.rows().stream()
                .anyMatch(r -> r.grade() != null), results.rows()));
        textColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().singleLineText()));

        changeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        changeColumn.setComparator(Comparator.comparingInt(ResultRow::rankChange));
        changeColumn.setCellFactory(col -> labelCell(row -> {
            Label l = new Label(row.rankChangeLabel());
            l.getStyleClass().addAll("rank-delta",
                    row.rankChange() > 0 ? "up" : row.rankChange() < 0 ? "down" : "same");
            if (row.rankChange() != 0) {
                l.setTooltip(new Tooltip((row.rankChange() > 0 ? "Moved up " : "Moved down ")
                        + Math.abs(row.rankChange()) + " from position " + row.originalRank()));
            }
            return l;
        }));

        scoreColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        scoreColumn.setComparator(Comparator.comparingDouble(ResultRow::score));
        scoreColumn.setCellFactory(col -> new ScoreBarCell<>(ResultRow::barFraction, ResultRow::scoreLabel));
        probabilityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().probabilityLabel()));
        probabilityColumn.setComparator(Comparator.comparing((String p) -> p.isEmpty() ? -1 : Double.parseDouble(p)));
        // Only cross-encoders give probabilities; an empty column would only take room from the text.
        probabilityColumn.visibleProperty().bind(Bindings.createBooleanBinding(() -> results.rows().stream()
                .anyMatch(r -> !Double.isNaN(r.probability())), results.rows()));

        // Only runs that cut documents need the column.
        truncatedColumn.visibleProperty().bind(Bindings.createBooleanBinding(() -> results.rows().stream()
                .anyMatch(ResultRow::truncated), results.rows()));
        truncatedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        truncatedColumn.setComparator(Comparator.comparingInt(ResultRow::tokensDropped));
        truncatedColumn.setCellFactory(col -> labelCell(row -> {
            if (!row.truncated()) {
                return null;
            }
            Label l = new Label(String.format("%,d", row.tokensDropped()), new FontIcon("fth-scissors"));
            l.getStyleClass().add("truncated-flag");
            l.setTooltip(new Tooltip(row.tokensDropped() + " tokens beyond the model's limit were cut off"));
            return l;
        }));

        detailHeader.textProperty().bind(results.detailHeaderProperty());
        detailText.textProperty().bind(results.detailTextProperty());
        detailText.visibleProperty().bind(results.selectedProperty().isNotNull());
        results.detailHighlightProperty().addListener((obs, old, span) -> highlight(span));

        MenuItem copy = new MenuItem("Copy rows");
        copy.setAccelerator(COPY_KEY);
        copy.setOnAction(e -> copySelectedRows());
        // The run bar has no room left at 1024 px for a button: Compare lives in the Run menu and here.
        MenuItem compare = new MenuItem("Compare rankings…");
        compare.setAccelerator(COMPARE_KEY);
        compare.setOnAction(e -> compareRankings());
        resultsTable.setContextMenu(new ContextMenu(copy, compare));
        resultsTable.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY_KEY.match(e)) {
                copySelectedRows();
                e.consume();
            } else if (EXPLAIN_KEY.match(e)) {
                toggleExplain();
                e.consume();
            }
        });
        bindExplain();
    }

    /** The Explain tab beside the full text; it computes only while it is the tab on screen. */
    private void bindExplain() {
        ExplainView explain = ExplainWindow.create(vm.explain(),
                v -> ExplainWindow.show(v, root.getScene() == null ? null : root.getScene().getWindow()));
        explainTab.setContent(explain.root());
        explainTab.setTooltip(new Tooltip("Why the selected result got its score (E)"));
        vm.explain().activeProperty().bind(explainTab.selectedProperty());
        // A map needs room: give the details more of the column while Explain is on screen, and the table back after.
        explainTab.selectedProperty().addListener((obs, was, now) -> {
            double[] at = resultsSplit.getDividerPositions();
            if (now && at.length > 0 && at[0] > EXPLAIN_DIVIDER) {
                textDivider = at[0];
                resultsSplit.setDividerPositions(EXPLAIN_DIVIDER);
            } else if (!now && textDivider > 0) {
                resultsSplit.setDividerPositions(textDivider);
                textDivider = -1;
            }
        });
    }

    /** E on a result: show its explanation, or its text again. */
    private void toggleExplain() {
        detailTabs.getSelectionModel().select(explainTab.isSelected() ? textTab : explainTab);
    }

    /** The bar-scale picker names both scales with their ends for the shown run: the bars' legend. */
    private void bindBarScale(ResultsViewModel results) {
        barScaleChoice.getItems().setAll(ScoreScale.Mode.values());
        StringConverter<ScoreScale.Mode> names = new StringConverter<>() {
            @Override
            public String toString(ScoreScale.Mode mode) {
                if (mode == null) {
                    return "";
                }
                String legend = results.legend(mode);
                String name = mode == ScoreScale.Mode.RUN ? "Bars: run range" : "Bars: model range";
                return legend.isEmpty() ? name : "Bars: " + legend;
            }

            @Override
            public ScoreScale.Mode fromString(String s) {
                return null;
            }
        };
        barScaleChoice.setConverter(names);
        barScaleChoice.valueProperty().bindBidirectional(results.barScaleProperty());
        barScaleChoice.disableProperty().bind(Bindings.isEmpty(results.rows()));
        // The choice's text is the legend, which changes with the run shown: redraw it then.
        results.barLegendProperty().addListener((obs, old, legend) -> {
            barScaleChoice.setConverter(null);
            barScaleChoice.setConverter(names);
        });
        barScaleChoice.setTooltip(new Tooltip("What a full and an empty score bar mean: the lowest and highest score "
                + "of this run, or the model's own range (cosine −1 to 1 for bi-encoders, probability 0 to 1 for "
                + "cross-encoders and hosted rerankers)"));
    }

    private static TableCell<ResultRow, ResultRow> labelCell(Function<ResultRow, Label> render) {
        return new TableCell<>() {
            @Override
            protected void updateItem(ResultRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(empty || row == null ? null : render.apply(row));
            }
        };
    }

    /** Selects the best chunk in the detail text, so it stands out and a copy takes exactly that chunk. */
    private void highlight(TextSpan span) {
        int length = detailText.getText() == null ? 0 : detailText.getText().length();
        if (span == null || span.start() >= length) {
            detailText.deselect();
            return;
        }
        detailText.selectRange(Math.min(span.end(), length), span.start());
    }

    private void copySelectedRows() {
        List<ResultRow> selection = List.copyOf(resultsTable.getSelectionModel().getSelectedItems());
        if (selection.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.results().copyText(selection));
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Ctrl+Enter must work while typing in the candidates area, which would otherwise take the key. */
    @FXML
    private void keepVariant() {
        vm.live().keep();
    }

    @FXML
    private void revertQuery() {
        vm.live().revert();
    }

    private void handleShortcut(KeyEvent e) {
        if (RERANK_ALL_KEY.match(e)) {
            vm.rerankAll();
            e.consume();
        } else if (RERANK_KEY.match(e)) {
            vm.rerank();
            e.consume();
        } else if (KEEP_VARIANT_KEY.match(e)) {
            vm.live().keep();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
            vm.cancel();
            e.consume();
        }
    }

    private void bindServerToggle() {
        serverStatusLabel.managedProperty().bind(serverStatusLabel.visibleProperty());
        vm.serverToggle().ifPresentOrElse(toggle -> {
            // A CheckMenuItem flips its own mark when chosen, so the mark cannot be bound: it follows the server's
            // state through a listener, and a choice puts the mark back until the server has really started/stopped.
            serveMenuItem.setSelected(toggle.servingProperty().get());
            toggle.servingProperty().addListener((obs, old, serving) -> serveMenuItem.setSelected(serving));
            serveMenuItem.setOnAction(e -> {
                serveMenuItem.setSelected(toggle.servingProperty().get());
                toggle.toggle();
            });
            serveMenuItem.disableProperty().bind(toggle.busyProperty());
            serverStatusLabel.textProperty().bind(toggle.statusProperty());
            serverStatusLabel.visibleProperty().bind(toggle.statusProperty().isNotEmpty());
        }, () -> {
            serveMenuItem.setDisable(true);
            serverStatusLabel.setVisible(false);
        });
    }

    @FXML
    private void newProject() {
        vm.project().newProject();
    }

    @FXML
    private void openProject() {
        vm.project().requestOpen();
    }

    @FXML
    private void saveProjectAs() {
        vm.project().requestSaveAs();
    }

    @FXML
    private void importFiles() {
        vm.requestImport();
    }

    @FXML
    private void importFolder() {
        vm.transfers().requestFolderImport();
    }

    @FXML
    private void addQuery() {
        vm.queries().add();
        queryField.requestFocus();
    }

    @FXML
    private void duplicateQuery() {
        vm.queries().duplicateSelected();
    }

    @FXML
    private void renameQuery() {
        vm.queries().renameSelected();
    }

    @FXML
    private void deleteQuery() {
        vm.queries().deleteSelected();
    }

    @FXML
    private void undoDelete() {
        vm.queries().undoDelete();
    }

    @FXML
    private void compareRankings() {
        vm.compareTarget().ifPresent(id -> CompareWindow.show(vm.compare(), vm.explain()::sibling, id,
                root.getScene().getWindow()));
    }

    @FXML
    private void evaluateRankers() {
        EvaluateWindow.show(vm.evaluate(), root.getScene().getWindow());
    }

    @FXML
    private void startLabeling() {
        vm.startLabeling();
    }

    @FXML
    private void rerankAll() {
        vm.rerankAll();
    }

    @FXML
    private void rerankWithSeveral() {
        vm.rerankWithSeveral();
    }

    @FXML
    private void retrieveCandidates() {
        vm.retrieveCandidates();
    }

    @FXML
    private void rerank() {
        vm.rerank();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void exportRankedList() {
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.CSV, false);
    }

    @FXML
    private void exportAllRuns() {
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.CSV, true);
    }

    @FXML
    private void exportTrecRun() {
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.TREC, false);
    }

    @FXML
    private void exportQrels() {
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.QRELS, false);
    }

    @FXML
    private void exportBundle() {
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.BUNDLE, false);
    }

    @FXML
    private void manageModels() {
        vm.manageModels();
    }

    @FXML
    private void manageEndpoints() {
        vm.manageEndpoints();
    }

    @FXML
    private void manageSearchEngines() {
        vm.manageSearchEngines();
    }

    @FXML
    private void about() {
        vm.showAbout();
    }

    @FXML
    private void quit() {
        vm.project().requestClose(() -> root.getScene().getWindow().hide());
    }

    private void bindProject() {
        ProjectViewModel project = vm.project();
        newProjectMenuItem.setAccelerator(NEW_PROJECT_KEY);
        openProjectMenuItem.setAccelerator(OPEN_PROJECT_KEY);
        saveAsMenuItem.setAccelerator(SAVE_AS_KEY);
        // The project cannot change under a running rerank or import.
        var working = vm.runningProperty().or(project.busyProperty());
        saveAsMenuItem.disableProperty().bind(project.openProperty().not().or(working));
        newProjectMenuItem.disableProperty().bind(working);
        openProjectMenuItem.disableProperty().bind(working);
        importMenuItem.disableProperty().bind(working);
        importFolderMenuItem.disableProperty().bind(working);
        importMenuItem.setAccelerator(IMPORT_KEY);
        labelingMenuItem.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        compareMenuItem.setAccelerator(COMPARE_KEY);
        evaluateMenuItem.setAccelerator(EVALUATE_KEY);
        compareMenuItem.disableProperty().bind(vm.queries().selectedProperty().isNull());
        labelingMenuItem.disableProperty().bind(Bindings.isEmpty(vm.queries().allQueries()));
        project.recentProjects().addListener((ListChangeListener<java.nio.file.Path>) c -> fillRecent());
        fillRecent();
        fillSamples();
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o, oldWindow, window) -> {
                    if (window instanceof javafx.stage.Stage stage) {
                        stage.titleProperty().bind(project.titleProperty());
                    }
                });
            }
        });
        vm.transfers().setCsvMapping(preview -> CsvMappingDialog.ask(root.getScene().getWindow(), preview));
        // Files dropped on the window: a project opens, anything else is imported into the open project.
        root.setOnDragOver(this::acceptDrop);
        root.setOnDragDropped(this::drop);
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (java.nio.file.Path file : vm.project().recentProjects()) {
            MenuItem item = new MenuItem(file.getFileName() + "  —  " + file.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.project().open(file));
            recentMenu.getItems().add(item);
        }
        recentMenu.disableProperty().unbind();
        recentMenu.disableProperty().bind(vm.runningProperty().or(vm.project().busyProperty())
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> recentMenu.getItems().isEmpty())));
    }

    private void fillSamples() {
        samplesMenu.getItems().clear();
        for (io.rerankworkbench.app.Samples.Sample sample : io.rerankworkbench.app.Samples.all()) {
            MenuItem item = new MenuItem(sample.title());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.openSample(sample));
            samplesMenu.getItems().add(item);
        }
        samplesMenu.disableProperty().bind(vm.runningProperty().or(vm.project().busyProperty())
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> samplesMenu.getItems().isEmpty())));
    }

    private void acceptDrop(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void drop(DragEvent e) {
        boolean done = false;
        if (e.getDragboard().hasFiles()) {
            vm.filesDropped(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            done = true;
        }
        e.setDropCompleted(done);
        e.consume();
    }

    private void bindQueries() {
        QueriesViewModel queries = vm.queries();
        queriesList.setItems(queries.visibleQueries());
        queriesList.setCellFactory(list -> new QueryCell());
        queriesList.setPlaceholder(new Label("No queries yet.\nAdd one (+), import a query set\n(File → Import…) "
                + "or open a sample."));
        queriesList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        queriesList.getSelectionModel().selectedItemProperty().addListener((obs, old, q) -> {
            if (q != null && q != queries.selectedProperty().get()) {
                queries.selectedProperty().set(q);
            }
        });
        queriesList.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<io.rerankworkbench.store.QuerySummary>) c ->
                        queries.checkedQueries().setAll(queriesList.getSelectionModel().getSelectedItems()));
        queries.selectedProperty().addListener((obs, old, q) -> {
            if (q == null) {
                queriesList.getSelectionModel().clearSelection();
            } else if (queriesList.getSelectionModel().getSelectedItem() != q) {
                queriesList.getSelectionModel().clearSelection();
                queriesList.getSelectionModel().select(q);
                queriesList.scrollTo(q);
            }
        });
        queries.reselectedProperty().addListener((obs, old, n) -> {
            io.rerankworkbench.store.QuerySummary q = queries.selectedProperty().get();
            if (q != null && queriesList.getSelectionModel().getSelectedItem() != q) {
                queriesList.getSelectionModel().clearSelection();
                queriesList.getSelectionModel().select(q);
            }
        });
        queryFilterField.textProperty().bindBidirectional(queries.filterProperty());
        queryCountLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            int shown = queries.visibleQueries().size();
            int all = queries.allQueries().size();
            return shown == all ? String.format("%,d", all) : String.format("%,d of %,d", shown, all);
        }, queries.visibleQueries(), queries.allQueries()));
        var none = queries.selectedProperty().isNull();
        for (var control : List.of(duplicateQueryButton.disableProperty(), renameQueryButton.disableProperty(),
                deleteQueryButton.disableProperty(), duplicateQueryMenuItem.disableProperty(),
                renameQueryMenuItem.disableProperty(), deleteQueryMenuItem.disableProperty())) {
            control.bind(none.or(vm.runningProperty()));
        }
        addQueryButton.disableProperty().bind(vm.project().openProperty().not().or(vm.runningProperty()));
        addQueryMenuItem.disableProperty().bind(addQueryButton.disableProperty());
        addQueryButton.setTooltip(new Tooltip("Add a query (Ctrl+Shift+N)"));
        duplicateQueryButton.setTooltip(new Tooltip("Duplicate the query and its candidates (Ctrl+D)"));
        renameQueryButton.setTooltip(new Tooltip("Change the query's id (F2)"));
        deleteQueryButton.setTooltip(new Tooltip("Delete the query with its runs and grades (Delete); undoable"));
        addQueryMenuItem.setAccelerator(ADD_QUERY_KEY);
        duplicateQueryMenuItem.setAccelerator(DUPLICATE_QUERY_KEY);
        renameQueryMenuItem.setAccelerator(new KeyCodeCombination(KeyCode.F2));
        undoDeleteMenuItem.setAccelerator(UNDO_DELETE_KEY);
        undoDeleteMenuItem.disableProperty().bind(queries.undoLabelProperty().isEmpty());
        undoDeleteLink.textProperty().bind(queries.undoLabelProperty());
        undoDeleteLink.visibleProperty().bind(queries.undoLabelProperty().isNotEmpty());
        undoDeleteLink.managedProperty().bind(undoDeleteLink.visibleProperty());
        queriesList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && !vm.runningProperty().get()) {
                queries.deleteSelected();
                e.consume();
            }
        });
    }

    /** A query in the panel: id and text, then its counts and a thin labeling-progress bar. */
    private static final class QueryCell extends ListCell<io.rerankworkbench.store.QuerySummary> {
        private final Label id = new Label();
        private final Label text = new Label();
        private final Label counts = new Label();
        private final ProgressBar labeled = new ProgressBar();
        private final javafx.scene.layout.VBox box;

        QueryCell() {
            id.getStyleClass().add("query-cell-id");
            id.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            text.getStyleClass().add("query-cell-text");
            counts.getStyleClass().add("query-cell-counts");
            labeled.getStyleClass().add("label-progress");
            labeled.setMaxWidth(Double.MAX_VALUE);
            javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(6, id, text);
            box = new javafx.scene.layout.VBox(2, top, counts, labeled);
            setPrefWidth(0); // let the list's width decide; long texts are cut with an ellipsis
        }

        @Override
        protected void updateItem(io.rerankworkbench.store.QuerySummary q, boolean empty) {
            super.updateItem(q, empty);
            setText(null);
            if (empty || q == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            id.setText(q.query().externalId());
            text.setText(q.query().text().isBlank() ? "(no text yet)" : q.query().text());
            counts.setText(String.format("%,d docs · %,d %s · %,d/%,d labeled", q.candidates(), q.runs(),
                    q.runs() == 1 ? "run" : "runs", q.judgedDocuments(), q.candidates()));
            labeled.setProgress(q.labeledFraction());
            setGraphic(box);
            setTooltip(new Tooltip(q.query().externalId() + ": " + q.query().text()));
        }
    }

    private void bindRuns() {
        runPicker.setItems(vm.runs());
        runPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(io.rerankworkbench.store.StoredRun run) {
                return run == null ? "" : RunLabels.describe(run);
            }

            @Override
            public io.rerankworkbench.store.StoredRun fromString(String s) {
                return null;
            }
        });
        // The picker's face names the run briefly (its tooltip and the list say everything), so it stays readable.
        Tooltip runDetails = new Tooltip();
        runPicker.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(io.rerankworkbench.store.StoredRun run, boolean empty) {
                super.updateItem(run, empty);
                setText(empty || run == null ? null : RunLabels.brief(run));
            }
        });
        runPicker.valueProperty().addListener((obs, old, run) -> runDetails.setText(run == null
                ? "Every rerank of this query is kept; pick one to show it"
                : RunLabels.describe(run) + "\nEvery rerank of this query is kept; "
                + "pick one to show it"));
        runPicker.valueProperty().bindBidirectional(vm.selectedRunProperty());
        runPicker.disableProperty().bind(Bindings.isEmpty(vm.runs()).or(vm.runningProperty()));
        runPicker.setPromptText("No runs yet");
        runDetails.setText("Every rerank of this query is kept; pick one to show it");
        runPicker.setTooltip(runDetails);
    }
}
