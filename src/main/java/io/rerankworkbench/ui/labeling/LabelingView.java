package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.LabelingSession;
import io.rerankworkbench.ui.labeling.AgreementViewModel.ConflictRow;
import io.rerankworkbench.ui.labeling.AgreementViewModel.SummaryRow;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.function.Function;

/** The labeling window's controller: binds the start form, the labeling pane and the Agreement tab. */
public final class LabelingView {

    private final LabelingViewModel vm;

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Tab labelTab;
    @FXML private Tab agreementTab;
    @FXML private ScrollPane setupPane;
    @FXML private Label setupQueries;
    @FXML private TextField sessionNameField;
    @FXML private TextField annotatorField;
    @FXML private ComboBox<ScaleChoice> scaleChoice;
    @FXML private Label customLevelsLabel;
    @FXML private HBox customLevelsBox;
    @FXML private TextField customLevelsField;
    @FXML private CheckBox customOrdinalCheck;
    @FXML private Label scalePreview;
    @FXML private CheckBox blindCheck;
    @FXML private Label setupProblem;
    @FXML private Button startButton;
    @FXML private VBox resumeBox;
    @FXML private ComboBox<LabelingSession> resumeChoice;
    @FXML private Button resumeButton;
    @FXML private BorderPane labelingPane;
    @FXML private Label sessionTitle;
    @FXML private ToggleButton blindToggle;
    @FXML private ToggleButton unlabeledToggle;
    @FXML private Label overallProgressLabel;
    @FXML private ProgressBar overallProgressBar;
    @FXML private Button previousQueryButton;
    @FXML private Button nextQueryButton;
    @FXML private Label queryHeading;
    @FXML private Label queryProgressLabel;
    @FXML private ProgressBar queryProgressBar;
    @FXML private Label queryText;
    @FXML private Label errorLabel;
    @FXML private SplitPane split;
    @FXML private ListView<CandidateRow> candidateList;
    @FXML private VBox detailPane;
    @FXML private Label detailHeading;
    @FXML private Label detailMeta;
    @FXML private Label detailText;
    @FXML private Label detailNote;
    @FXML private FlowPane legend;
    @FXML private Label statusLabel;
    @FXML private Label overallAgreement;
    @FXML private Label overallExplanation;
    @FXML private Label agreementScope;
    @FXML private VBox agreementEmptyBox;
    @FXML private Label agreementEmpty;
    @FXML private SplitPane agreementSplit;
    @FXML private TableView<SummaryRow> queryTable;
    @FXML private TableColumn<SummaryRow, String> queryColumn;
    @FXML private TableColumn<SummaryRow, String> queryTextColumn;
    @FXML private TableColumn<SummaryRow, Integer> itemsColumn;
    @FXML private TableColumn<SummaryRow, Integer> annotatorsColumn;
    @FXML private TableColumn<SummaryRow, String> kappaColumn;
    @FXML private TableColumn<SummaryRow, String> linearColumn;
    @FXML private TableColumn<SummaryRow, String> quadraticColumn;
    @FXML private TableColumn<SummaryRow, String> alphaColumn;
    @FXML private TableView<ConflictRow> conflictTable;
    @FXML private TableColumn<ConflictRow, String> conflictQueryColumn;
    @FXML private TableColumn<ConflictRow, String> conflictDocumentColumn;
    @FXML private TableColumn<ConflictRow, String> conflictGradesColumn;
    @FXML private TableColumn<ConflictRow, Integer> conflictSpreadColumn;
    @FXML private Label conflictHeading;
    @FXML private Label conflictGrades;
    @FXML private Label conflictText;

    private boolean syncingSelection;

    public LabelingView(LabelingViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        bindSetup();
        bindLabeling();
        bindAgreement();
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        boolean labeling = vm.phaseProperty().get() == LabelingViewModel.Phase.LABELING;
        showPhase(labeling);
        vm.phaseProperty().addListener((o, was, now) -> showPhase(now == LabelingViewModel.Phase.LABELING));
    }

    private void bindSetup() {
        SessionSetupViewModel s = vm.setup();
        setupQueries.setText(vm.requestedQueryCount() == 1 ? "1 query selected in the main window."
                : vm.requestedQueryCount() + " queries selected in the main window.");
        sessionNameField.textProperty().bindBidirectional(s.nameProperty());
        annotatorField.textProperty().bindBidirectional(s.annotatorProperty());
        annotatorField.setTooltip(new Tooltip("Who is grading. Remembered on this computer for the next session; "
                + "each annotator labels in a session under their own name."));
        scaleChoice.getItems().setAll(ScaleChoice.values());
        scaleChoice.valueProperty().bindBidirectional(s.scaleChoiceProperty());
        customLevelsField.textProperty().bindBidirectional(s.customLevelsProperty());
        customOrdinalCheck.selectedProperty().bindBidirectional(s.customOrdinalProperty());
        customOrdinalCheck.setTooltip(new Tooltip("Ordered levels get weighted κ and ordinal α"));
        var custom = s.scaleChoiceProperty().isEqualTo(ScaleChoice.CUSTOM);
        for (var node : new javafx.scene.Node[]{customLevelsLabel, customLevelsBox}) {
            node.visibleProperty().bind(custom);
            node.managedProperty().bind(custom);
        }
        scalePreview.textProperty().bind(s.scalePreviewProperty());
        blindCheck.selectedProperty().bindBidirectional(s.blindProperty());
        setupProblem.textProperty().bind(s.problemProperty());
        setupProblem.visibleProperty().bind(s.problemProperty().isNotEmpty());
        setupProblem.managedProperty().bind(setupProblem.visibleProperty());
        startButton.disableProperty().bind(s.startAllowedProperty().not());
        resumeChoice.setItems(s.sessions());
        resumeChoice.valueProperty().bindBidirectional(s.resumeChoiceProperty());
        resumeChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(LabelingSession session) {
                return session == null ? "" : session.name() + (session.annotator() == null ? ""
                        : " · " + session.annotator()) + " · " + session.createdAt().toString().substring(0, 10);
            }

            @Override
            public LabelingSession fromString(String string) {
                return null;
            }
        });
        resumeBox.visibleProperty().bind(Bindings.isNotEmpty(s.sessions()));
        resumeBox.managedProperty().bind(resumeBox.visibleProperty());
        resumeButton.disableProperty().bind(s.resumeAllowedProperty().not());
    }

    private void bindLabeling() {
        sessionTitle.textProperty().bind(vm.sessionTitleProperty());
        blindToggle.selectedProperty().bindBidirectional(vm.blindProperty());
        blindToggle.setTooltip(new Tooltip("Hide scores, ranker order and original ranks"));
        unlabeledToggle.selectedProperty().bindBidirectional(vm.unlabeledOnlyProperty());
        overallProgressLabel.textProperty().bind(vm.overallProgressTextProperty());
        overallProgressBar.progressProperty().bind(vm.overallProgressProperty());
        queryHeading.textProperty().bind(vm.queryHeadingProperty());
        queryText.textProperty().bind(vm.queryTextProperty());
        queryProgressLabel.textProperty().bind(vm.queryProgressTextProperty());
        queryProgressBar.progressProperty().bind(vm.queryProgressProperty());
        previousQueryButton.disableProperty().bind(vm.hasPreviousQueryProperty().not());
        nextQueryButton.disableProperty().bind(vm.hasNextQueryProperty().not());
        previousQueryButton.setTooltip(new Tooltip("Previous query ( [ )"));
        nextQueryButton.setTooltip(new Tooltip("Next query ( ] )"));
        errorLabel.textProperty().bind(vm.errorTextProperty());
        errorLabel.visibleProperty().bind(vm.errorTextProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        errorLabel.setOnMouseClicked(e -> vm.dismissError());
        statusLabel.textProperty().bind(Bindings.when(vm.savingProperty()).then("Saving…")
                .otherwise(vm.statusTextProperty()));

        candidateList.setItems(vm.visibleRows());
        candidateList.setPlaceholder(new Label("Nothing to label here."));
        candidateList.setCellFactory(list -> new CandidateCell(vm, list));
        candidateList.getSelectionModel().selectedIndexProperty().addListener((o, a, index) -> {
            if (!syncingSelection) {
                vm.focus(index.intValue());
            }
        });
        vm.focusIndexProperty().addListener((o, a, index) -> selectFocused());
        vm.visibleRows().addListener((ListChangeListener<CandidateRow>) c -> selectFocused());
        vm.focusedProperty().addListener((o, a, row) -> showDetail(row));
        vm.readingProperty().addListener((o, a, reading) -> {
            if (reading) {
                split.getItems().remove(candidateList);
            } else if (!split.getItems().contains(candidateList)) {
                split.getItems().add(0, candidateList);
                split.setDividerPositions(0.56);
            }
        });
        vm.levels().addListener((ListChangeListener<GradeScale.Level>) c -> buildLegend());
        showDetail(vm.focusedProperty().get());
    }

    private void selectFocused() {
        int index = vm.focusIndexProperty().get();
        syncingSelection = true;
        try {
            if (index < 0) {
                candidateList.getSelectionModel().clearSelection();
            } else {
                candidateList.getSelectionModel().clearAndSelect(index);
                candidateList.scrollTo(Math.max(0, index - 1));
            }
        } finally {
            syncingSelection = false;
        }
    }

    private void showDetail(CandidateRow row) {
        detailHeading.setText(row == null ? "" : CandidateCell.heading(row));
        detailMeta.setText(row == null ? "" : (row.labeled() ? "Grade " + row.grade() + " · " + row.gradeLabel()
                : "Not graded") + (row.reveal().isEmpty() ? "" : " · " + row.reveal()));
        detailText.setText(row == null ? "" : row.text());
        detailNote.setText(row == null || row.note() == null ? "" : row.note() + (row.notePending()
                ? "  (saved with the grade)" : ""));
        detailNote.setVisible(row != null && row.note() != null);
        for (var node : legend.getChildren()) {
            node.getStyleClass().remove("current");
            if (row != null && row.labeled() && Integer.valueOf(row.grade()).equals(node.getUserData())) {
                node.getStyleClass().add("current");
            }
        }
    }

    private void buildLegend() {
        legend.getChildren().clear();
        for (GradeScale.Level level : vm.levels()) {
            Label key = new Label(String.valueOf(level.grade()));
            key.getStyleClass().add("key-cap");
            Button button = new Button(level.label(), key);
            button.getStyleClass().add("grade-button");
            button.setUserData(level.grade());
            button.setFocusTraversable(false);
            button.setTooltip(new Tooltip("Grade " + level.grade() + " and go to the next candidate (key "
                    + level.grade() + ")"));
            button.setOnAction(e -> vm.grade(level.grade()));
            legend.getChildren().add(button);
        }
        showDetail(vm.focusedProperty().get());
    }

    private void onKey(KeyEvent e) {
        if (vm.phaseProperty().get() != LabelingViewModel.Phase.LABELING || !labelTab.isSelected()
                || e.isShortcutDown() || e.isAltDown()
                || root.getScene().getFocusOwner() instanceof TextInputControl) {
            return;
        }
        KeyCode code = e.getCode();
        boolean handled = true;
        if (code.isDigitKey()) {
            vm.grade(Integer.parseInt(digit(code)));
        } else {
            switch (code) {
                case J, DOWN -> vm.next();
                case K, UP -> vm.previous();
                case S -> vm.skip();
                case U -> vm.undo();
                case N -> vm.editNote();
                case ENTER -> vm.toggleReading();
                // Esc first leaves reading mode; otherwise it reaches the window, which closes.
                case ESCAPE -> handled = vm.stopReading();
                case OPEN_BRACKET -> vm.previousQuery();
                case CLOSE_BRACKET -> vm.nextQuery();
                default -> handled = false;
            }
        }
        if (handled) {
            e.consume();
        }
    }

    private static String digit(KeyCode code) {
        String name = code.getName(); // "0" … "9" or "Numpad 0" … "Numpad 9"
        return name.substring(name.length() - 1);
    }

    private void bindAgreement() {
        AgreementViewModel a = vm.agreement();
        agreementScope.textProperty().bind(a.scopeTextProperty());
        agreementEmpty.textProperty().bind(a.emptyTextProperty());
        var empty = a.emptyTextProperty().isNotEmpty();
        agreementEmptyBox.visibleProperty().bind(empty);
        agreementSplit.visibleProperty().bind(empty.not());
        // The empty state says it better than the coefficients' "nothing graded yet"; an error still shows.
        overallExplanation.visibleProperty().bind(overallExplanation.textProperty().isNotEmpty()
                .and(empty.not().or(a.errorTextProperty().isNotEmpty())));
        overallExplanation.managedProperty().bind(overallExplanation.visibleProperty());
        agreementTab.selectedProperty().addListener((o, was, selected) -> {
            if (selected) {
                a.refresh();
            }
        });
        overallAgreement.textProperty().bind(a.overallTextProperty());
        overallExplanation.textProperty().bind(Bindings.when(a.errorTextProperty().isNotEmpty())
                .then(a.errorTextProperty()).otherwise(a.overallExplanationProperty()));
        queryTable.setItems(a.queries());
        queryTable.setPlaceholder(new Label("No queries."));
        queryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column(queryColumn, SummaryRow::query);
        column(queryTextColumn, SummaryRow::text);
        column(itemsColumn, SummaryRow::items);
        column(annotatorsColumn, SummaryRow::annotators);
        column(kappaColumn, SummaryRow::kappa);
        column(linearColumn, SummaryRow::linearKappa);
        column(quadraticColumn, SummaryRow::quadraticKappa);
        column(alphaColumn, SummaryRow::alpha);
        queryTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(SummaryRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null || row.explanation().isEmpty() ? null : new Tooltip(row.explanation()));
            }
        });
        conflictTable.setItems(a.conflicts());
        conflictTable.setPlaceholder(new Label("No conflicts."));
        conflictTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column(conflictQueryColumn, ConflictRow::query);
        column(conflictDocumentColumn, ConflictRow::document);
        column(conflictGradesColumn, ConflictRow::grades);
        column(conflictSpreadColumn, ConflictRow::spread);
        conflictTable.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != null) {
                a.selectedConflictProperty().set(row);
            }
        });
        a.selectedConflictProperty().addListener((o, old, row) -> {
            if (row != null && row != conflictTable.getSelectionModel().getSelectedItem()) {
                conflictTable.getSelectionModel().select(row);
            }
        });
        conflictHeading.textProperty().bind(a.conflictHeadingProperty());
        conflictGrades.textProperty().bind(a.conflictGradesProperty());
        conflictText.textProperty().bind(a.conflictTextProperty());
    }

    private static <R, T> void column(TableColumn<R, T> column, Function<R, T> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    private void showPhase(boolean labeling) {
        setupPane.setVisible(!labeling);
        labelingPane.setVisible(labeling);
        if (labeling) {
            candidateList.requestFocus();
        } else {
            sessionNameField.requestFocus();
        }
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void resume() {
        vm.resume();
    }

    @FXML
    private void previousQuery() {
        vm.previousQuery();
    }

    @FXML
    private void nextQuery() {
        vm.nextQuery();
    }

    @FXML
    private void refreshAgreement() {
        vm.agreement().refresh();
    }

    /** A candidate in the list: grade badge, id and title, a few lines of text, revealed rank/score and note. */
    private static final class CandidateCell extends ListCell<CandidateRow> {
        private static final int PREVIEW_CHARS = 320;
        private final LabelingViewModel vm;
        private final Label badge = new Label();
        private final Label heading = new Label();
        private final Label text = new Label();
        private final Label meta = new Label();
        private final Label note = new Label();
        private final HBox box;

        CandidateCell(LabelingViewModel vm, ListView<CandidateRow> list) {
            this.vm = vm;
            badge.getStyleClass().add("grade-badge");
            heading.getStyleClass().add("candidate-title");
            text.getStyleClass().add("candidate-text");
            text.setWrapText(true);
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            meta.getStyleClass().add("candidate-meta");
            note.getStyleClass().add("candidate-note");
            note.setWrapText(true);
            note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            VBox body = new VBox(3, heading, text, meta, note);
            body.setMinWidth(0);
            HBox.setHgrow(body, javafx.scene.layout.Priority.ALWAYS);
            box = new HBox(12, badge, body);
            // Wrap to the list's width (less badge, gaps, padding and scroll bar) instead of growing sideways.
            body.prefWidthProperty().bind(list.widthProperty().subtract(86));
            body.maxWidthProperty().bind(body.prefWidthProperty());
            setPrefWidth(0);
        }

        static String heading(CandidateRow row) {
            return row.title() == null || row.title().isBlank() ? row.docId() : row.docId() + " — " + row.title();
        }

        @Override
        protected void updateItem(CandidateRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            badge.setText(row.labeled() ? String.valueOf(row.grade()) : "·");
            badge.getStyleClass().removeIf(c -> c.startsWith("tone-") || c.equals("graded") || c.equals("saving"));
            if (row.labeled()) {
                int tone = vm.tone(row.grade());
                badge.getStyleClass().addAll("graded", tone < 0 ? "tone-nominal" : "tone-" + tone);
                if (row.saving()) {
                    badge.getStyleClass().add("saving");
                }
            }
            heading.setText(heading(row));
            String t = row.text().strip();
            text.setText(t.length() > PREVIEW_CHARS ? t.substring(0, PREVIEW_CHARS).strip() + " …" : t);
            meta.setText(row.reveal());
            meta.setVisible(!row.reveal().isEmpty());
            meta.setManaged(meta.isVisible());
            note.setText(row.note() == null ? "" : "Note: " + row.note());
            note.setVisible(row.note() != null);
            note.setManaged(note.isVisible());
            note.getStyleClass().remove("pending");
            if (row.notePending()) {
                note.getStyleClass().add("pending");
            }
            setGraphic(box);
        }
    }
}
