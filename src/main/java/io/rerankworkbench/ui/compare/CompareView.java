package io.rerankworkbench.ui.compare;

import io.rerankworkbench.app.CompareService.QueryRankings;
import io.rerankworkbench.app.CompareService.Side;
import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreement;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.eval.compare.RankMatrix;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.ui.common.HeatmapData;
import io.rerankworkbench.ui.common.HeatmapView;
import io.rerankworkbench.ui.common.TextCells;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds the Compare view: the query stepper, the two ranking pickers, the cut-off, the side-by-side diff (a
 * {@link RankDiffView}), the selected document's text and explanation, the rank matrix and pairwise agreement (two
 * {@link HeatmapView}s) and the two rankers' agreement over every query.
 */
public final class CompareView {

    /** The tallest image export, in rows: a picture of 1,000 rows is not something a person reads. */
    static final int MAX_IMAGE_ROWS = 200;
    private static final String[] MEASURES = {"Kendall's τ-b", "RBO (extrapolated)"};

    private final CompareViewModel vm;
    private final Node explainPane;
    private final RankDiffView diffView = new RankDiffView();
    private final HeatmapView matrixView = new HeatmapView();
    private final HeatmapView pairView = new HeatmapView();
    private int[] matrixOrder = new int[0];
    private int sortColumn = 0;
    private boolean sortDescending;
    private boolean updatingQuery;

    @FXML private VBox root;
    @FXML private Button previousButton;
    @FXML private Button nextButton;
    @FXML private ComboBox<StoredQuery> queryCombo;
    @FXML private ComboBox<Side> leftChoice;
    @FXML private ComboBox<Side> rightChoice;
    @FXML private Button swapButton;
    @FXML private ChoiceBox<Integer> cutoffChoice;
    @FXML private MenuButton exportButton;
    @FXML private Button refreshButton;
    @FXML private Label busyLabel;
    @FXML private Label summaryLabel;
    @FXML private Label messageLabel;
    @FXML private TabPane tabs;
    @FXML private Tab sideTab;
    @FXML private SplitPane sideSplit;
    @FXML private StackPane diffHolder;
    @FXML private TabPane detailTabs;
    @FXML private Tab explainTab;
    @FXML private TextArea documentText;
    @FXML private Tab matrixTab;
    @FXML private StackPane matrixHolder;
    @FXML private StackPane pairHolder;
    @FXML private ChoiceBox<String> pairMeasureChoice;
    @FXML private Tab queriesTab;
    @FXML private Label overTitle;
    @FXML private GridPane meansGrid;
    @FXML private BarChart<String, Number> tauChart;
    @FXML private CategoryAxis tauAxis;
    @FXML private NumberAxis countAxis;
    @FXML private TableView<QueryAgreement> queriesTable;

    /** @param explainPane the Explain view of the selected document, or null for none */
    public CompareView(CompareViewModel vm, Node explainPane) {
        this.vm = vm;
        this.explainPane = explainPane;
    }

    public VBox root() {
        return root;
    }

    public RankDiffView diffView() {
        return diffView;
    }

    /** True while the Explain pane is on screen (its tab and the side-by-side tab selected). */
    public BooleanExpression explainShowing() {
        return explainTab.selectedProperty().and(sideTab.selectedProperty());
    }

    ComboBox<StoredQuery> queryCombo() {
        return queryCombo;
    }

    HeatmapView matrixView() {
        return matrixView;
    }

    @FXML
    private void initialize() {
        diffHolder.getChildren().add(diffView);
        matrixHolder.getChildren().add(matrixView);
        pairHolder.getChildren().add(pairView);
        // A word, not a spinning indicator: an indeterminate ProgressIndicator re-styles itself on every show,
        // which cost a frame each time a query was read.
        busyLabel.visibleProperty().bind(vm.busyProperty());
        busyLabel.managedProperty().bind(busyLabel.visibleProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.managedProperty().bind(vm.messageProperty().isNotEmpty());
        messageLabel.visibleProperty().bind(messageLabel.managedProperty());
        bindQueries();
        bindSides();
        cutoffChoice.getItems().setAll(CompareViewModel.CUTOFFS);
        cutoffChoice.setConverter(TextCells.converter(k -> k == 0 ? "All" : "Top " + k));
        cutoffChoice.setValue(vm.kProperty().get());
        cutoffChoice.setTooltip(new Tooltip("Top k of each side (keys 1–4: top 5, 10, 20, all)"));
        cutoffChoice.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.kProperty().set(b);
            }
        });
        diffView.kProperty().bind(vm.kProperty());
        diffView.diffProperty().bind(vm.diffProperty());
        diffView.hoveredProperty().bindBidirectional(vm.hoveredProperty());
        diffView.selectedProperty().bindBidirectional(vm.selectedProperty());
        vm.rankingsProperty().addListener((o, a, r) -> {
            diffView.gradesProperty().set(r == null ? Map.of() : r.grades());
            diffView.snippetsProperty().set(snippets(r));
        });
        vm.selectedProperty().addListener((o, a, b) -> documentText.setText(vm.selectedText()));
        vm.rankingsProperty().addListener((o, a, b) -> documentText.setText(vm.selectedText()));
        documentText.setPromptText("Click a document to read it here.");
        vm.agreementProperty().addListener((o, a, b) -> showSummary(b));
        summaryLabel.setTooltip(new Tooltip(CompareTexts.SUMMARY_HELP));
        exportButton.disableProperty().bind(vm.diffProperty().isNull());
        swapButton.disableProperty().bind(vm.diffProperty().isNull());
        if (explainPane != null) {
            explainTab.setContent(explainPane);
            // An explanation needs room: the lists give up some while it shows.
            explainTab.selectedProperty().addListener((o, was, now) ->
                    sideSplit.setDividerPositions(now ? 0.42 : 0.66));
        } else {
            detailTabs.getTabs().remove(explainTab);
        }
        bindMatrix();
        bindOverQueries();
        root.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                vm.step(e.getCode() == KeyCode.DOWN ? 1 : -1);
                e.consume();
            } else if (!e.isShortcutDown() && !e.isAltDown() && !(e.getTarget() instanceof TextArea)) {
                int cutoff = switch (e.getCode()) {
                    case DIGIT1 -> 0;
                    case DIGIT2 -> 1;
                    case DIGIT3 -> 2;
                    case DIGIT4 -> 3;
                    default -> -1;
                };
                if (cutoff >= 0) {
                    cutoffChoice.setValue(CompareViewModel.CUTOFFS.get(cutoff));
                    e.consume();
                } else if (e.getCode() == KeyCode.S) {
                    vm.swap();
                    e.consume();
                }
            }
        });
    }

    private void bindQueries() {
        queryCombo.setItems(vm.queries());
        queryCombo.setConverter(TextCells.converter(q -> q.externalId() + " · " + q.text()));
        queryCombo.setCellFactory(l -> TextCells.cell(q -> q.externalId() + " · " + q.text()));
        queryCombo.setButtonCell(TextCells.cell(q -> q.externalId() + " · " + q.text()));
        vm.rankingsProperty().addListener((o, a, r) -> syncQuery(r));
        vm.queries().addListener((ListChangeListener<StoredQuery>) c -> syncQuery(vm.rankingsProperty().get()));
        queryCombo.valueProperty().addListener((o, a, q) -> {
            QueryRankings shown = vm.rankingsProperty().get();
            if (q == null && shown != null && !updatingQuery) {
                syncQuery(shown); // the combo drops its value when its items are replaced: show the query again
                return;
            }
            if (!updatingQuery && q != null && (shown == null || shown.query().id() != q.id())) {
                vm.show(q.id());
            }
        });
        previousButton.disableProperty().bind(vm.rankingsProperty().isNull());
        nextButton.disableProperty().bind(vm.rankingsProperty().isNull());
    }

    private void syncQuery(QueryRankings r) {
        updatingQuery = true;
        try {
            queryCombo.setValue(r == null ? null : vm.queries().stream().filter(q -> q.id() == r.query().id())
                    .findFirst().orElse(null));
        } finally {
            updatingQuery = false;
        }
    }

    private void bindSides() {
        for (ComboBox<Side> box : List.of(leftChoice, rightChoice)) {
            box.setItems(vm.sides());
            box.setConverter(TextCells.converter(CompareTexts::sideName));
            box.setCellFactory(l -> TextCells.cell(CompareTexts::sideName, CompareTexts::sideHelp));
            box.setButtonCell(TextCells.cell(CompareTexts::sideBrief, CompareTexts::sideHelp));
        }
        leftChoice.valueProperty().bindBidirectional(vm.leftProperty());
        rightChoice.valueProperty().bindBidirectional(vm.rightProperty());
        vm.leftProperty().addListener((o, a, s) -> diffView.leftTitleProperty().set(s == null ? ""
                : CompareTexts.shortName(s)));
        vm.rightProperty().addListener((o, a, s) -> diffView.rightTitleProperty().set(s == null ? ""
                : CompareTexts.shortName(s)));
    }

    private void showSummary(ListAgreement a) {
        summaryLabel.setText(a == null ? "" : CompareTexts.summary(a));
    }

    private static Map<String, String> snippets(QueryRankings r) {
        if (r == null) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (StoredCandidate c : r.candidates()) {
            String text = c.title() == null || c.title().isBlank() ? c.candidate().text()
                    : c.title() + " — " + c.candidate().text();
            String line = text.replaceAll("\\s+", " ").strip();
            out.put(c.candidate().docId(), line.length() > 300 ? line.substring(0, 300) : line);
        }
        return out;
    }

    // ---- rank matrix --------------------------------------------------------------------------------------------

    private void bindMatrix() {
        pairMeasureChoice.getItems().setAll(MEASURES);
        pairMeasureChoice.setValue(MEASURES[0]);
        pairMeasureChoice.valueProperty().addListener((o, a, b) -> showPairs(vm.matrixProperty().get()));
        matrixView.showValuesProperty().set(true);
        pairView.showValuesProperty().set(true);
        matrixView.onColumnClickedProperty().set(column -> {
            sortDescending = column == sortColumn && !sortDescending;
            sortColumn = column;
            showMatrix(vm.matrixProperty().get());
        });
        matrixView.onRowClickedProperty().set(row -> {
            RankMatrix m = vm.matrixProperty().get();
            if (m != null && row < matrixOrder.length) {
                vm.selectedProperty().set(m.documents().get(matrixOrder[row]));
            }
        });
        vm.matrixProperty().addListener((o, a, m) -> {
            if (m == null || sortColumn >= m.names().size()) {
                sortColumn = 0;
                sortDescending = false;
            }
            // Laying out 1,000 row labels is not free: the maps are filled when their tab shows.
            if (matrixTab.isSelected()) {
                showMatrix(m);
                showPairs(m);
            }
        });
        matrixTab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                showMatrix(vm.matrixProperty().get());
                showPairs(vm.matrixProperty().get());
            }
        });
        matrixView.highlightedRowProperty().set(-1);
        vm.selectedProperty().addListener((o, a, id) -> highlightMatrixRow(id));
    }

    private void showMatrix(RankMatrix m) {
        if (m == null || m.names().isEmpty() || m.documents().isEmpty()) {
            matrixView.setData(null);
            matrixOrder = new int[0];
            return;
        }
        matrixOrder = m.orderBy(sortColumn, sortDescending);
        int n = m.documents().size();
        double[][] values = new double[n][m.names().size()];
        List<String> rows = new ArrayList<>(n);
        List<String> tips = new ArrayList<>(n);
        Map<String, Integer> grades = vm.grades();
        for (int r = 0; r < n; r++) {
            int d = matrixOrder[r];
            String id = m.documents().get(d);
            Integer grade = grades.get(id);
            rows.add(grade == null ? id : id + " [" + grade + "]");
            tips.add(grade == null ? id + " (no grade)" : id + " (grade " + grade + ")");
            for (int c = 0; c < m.names().size(); c++) {
                int rank = m.ranks()[d][c];
                values[r][c] = rank == 0 ? Double.NaN : rank;
            }
        }
        List<String> columns = new ArrayList<>(m.names().size());
        for (int c = 0; c < m.names().size(); c++) {
            columns.add(m.names().get(c) + (c == sortColumn ? (sortDescending ? " ▼" : " ▲") : ""));
        }
        // Viridis runs dark to light, so rank 1 is the darkest cell.
        List<String> columnTips = new ArrayList<>(m.names().size());
        for (String name : m.names()) {
            columnTips.add(name + " (click to sort by it)");
        }
        matrixView.setData(new HeatmapData(rows, columns, values, ColorScale.sequential(1, Math.max(2, n)), "rank",
                tips, columnTips));
        highlightMatrixRow(vm.selectedProperty().get());
    }

    private void highlightMatrixRow(String docId) {
        RankMatrix m = vm.matrixProperty().get();
        int row = -1;
        if (m != null && docId != null) {
            for (int r = 0; r < matrixOrder.length; r++) {
                if (m.documents().get(matrixOrder[r]).equals(docId)) {
                    row = r;
                }
            }
        }
        matrixView.highlightedRowProperty().set(row);
        if (row >= 0) {
            matrixView.scrollToRow(row);
        }
    }

    private void showPairs(RankMatrix m) {
        if (m == null || m.names().size() < 2) {
            pairView.setData(null);
            return;
        }
        boolean tau = MEASURES[0].equals(pairMeasureChoice.getValue());
        double[][] values = tau ? m.tauB() : m.rboExt();
        ColorScale scale = tau ? ColorScale.diverging(1) : ColorScale.sequential(0, 1);
        pairView.setData(new HeatmapData(m.names(), m.names(), values, scale, tau ? "τ-b" : "RBO"));
    }

    // ---- over every query ---------------------------------------------------------------------------------------

    private void bindOverQueries() {
        vm.overQueriesShownProperty().bind(queriesTab.selectedProperty());
        overTitle.textProperty().bind(vm.overQueriesTitleProperty());
        tauAxis.setAnimated(false);
        countAxis.setAnimated(false);
        countAxis.setForceZeroInRange(true);
        TableColumn<QueryAgreement, String> query = new TableColumn<>("Query");
        query.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().queryId()));
        query.setPrefWidth(90);
        queriesTable.getColumns().add(query);
        queriesTable.getColumns().add(measure("τ-b", a -> a.kendallTauB()));
        queriesTable.getColumns().add(measure("ρ", a -> a.spearmanRho()));
        queriesTable.getColumns().add(measure("RBO", a -> a.rbo().ext()));
        queriesTable.getColumns().add(measure("Jaccard@k", a -> a.jaccardAtK()));
        TableColumn<QueryAgreement, String> moved = new TableColumn<>("In / out");
        moved.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().agreement().enteredAtK() + " / "
                + c.getValue().agreement().droppedAtK()));
        moved.setPrefWidth(80);
        queriesTable.getColumns().add(moved);
        queriesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        queriesTable.setPlaceholder(new Label("Choose two rankings above; the queries that have both appear here."));
        queriesTable.setRowFactory(t -> {
            TableRow<QueryAgreement> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openQuery(row.getItem());
                }
            });
            return row;
        });
        queriesTable.setOnKeyPressed(e -> {
            QueryAgreement q = queriesTable.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && q != null) {
                openQuery(q);
                e.consume();
            }
        });
        vm.overQueriesProperty().addListener((o, a, r) -> showOverQueries(r));
    }

    private TableColumn<QueryAgreement, String> measure(String name, Function<ListAgreement, Double> value) {
        TableColumn<QueryAgreement, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(CompareTexts.measure(value.apply(
                d.getValue().agreement()))));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(70);
        c.setSortable(false);
        return c;
    }

    private void openQuery(QueryAgreement q) {
        vm.queries().stream().filter(s -> s.externalId().equals(q.queryId())).findFirst().ifPresent(s -> {
            vm.show(s.id());
            tabs.getSelectionModel().select(sideTab);
        });
    }

    private void showOverQueries(AgreementOverQueries r) {
        meansGrid.getChildren().clear();
        tauChart.getData().clear();
        if (r == null) {
            queriesTable.getItems().clear();
            return;
        }
        AgreementOverQueries.Means m = r.means();
        String[][] cells = {
            {"Queries", Integer.toString(m.queries())},
            {"Mean τ-b", CompareTexts.measure(m.kendallTauB())},
            {"Mean ρ", CompareTexts.measure(m.spearmanRho())},
            {"Mean RBO", CompareTexts.measure(m.rboExt()) + " (" + CompareTexts.measure(m.rboMin()) + "–"
                    + CompareTexts.measure(m.rboMin() + m.rboResidual()) + ")"},
            {"Mean Jaccard@k", CompareTexts.measure(m.jaccardAtK())},
            {"Mean overlap@k", CompareTexts.measure(m.overlapAtK())},
            {"Entered / dropped", String.format(Locale.ROOT, "%.1f / %.1f", m.enteredAtK(), m.droppedAtK())},
        };
        for (int i = 0; i < cells.length; i++) {
            Label name = new Label(cells[i][0]);
            Label value = new Label(cells[i][1]);
            value.getStyleClass().add("compare-mean-value");
            GridPane.setHalignment(value, HPos.LEFT);
            meansGrid.add(name, i, 0);
            meansGrid.add(value, i, 1);
        }
        int[] bins = r.tauHistogram();
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        double width = 2.0 / bins.length;
        for (int b = 0; b < bins.length; b++) {
            series.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%.1f", -1 + b * width), bins[b]));
        }
        tauChart.getData().add(series);
        int most = 1;
        for (int count : bins) {
            most = Math.max(most, count);
        }
        // Whole queries only: the axis counts them.
        countAxis.setAutoRanging(false);
        countAxis.setLowerBound(0);
        countAxis.setTickUnit(Math.max(1, Math.ceil(most / 8.0)));
        countAxis.setUpperBound(Math.ceil(most / countAxis.getTickUnit()) * countAxis.getTickUnit());
        queriesTable.getItems().setAll(r.byDisagreement());
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    @FXML
    private void previousQuery() {
        vm.step(-1);
    }

    @FXML
    private void nextQuery() {
        vm.step(1);
    }

    @FXML
    private void swap() {
        vm.swap();
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    @FXML
    private void exportCsv() {
        vm.exportCsv();
    }

    @FXML
    private void exportPng() {
        Optional<Path> file = vm.choosePngFile();
        if (file.isEmpty()) {
            return;
        }
        vm.savePng(SwingFXUtils.fromFXImage(image(), null), file.get());
    }

    /** The whole comparison (up to {@link #MAX_IMAGE_ROWS} rows) drawn at twice the size, for the image export. */
    WritableImage image() {
        double width = Math.max(900, diffView.getWidth());
        double height = Math.min(diffView.fullHeight(), RankDiffView.HEADER + MAX_IMAGE_ROWS * RankDiffView.ROW);
        Canvas canvas = new Canvas(width * 2, height * 2);
        var g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.scale(2, 2);
        diffView.paint(g, width, height, 0);
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        params.setTransform(new Scale(1, 1));
        return canvas.snapshot(params, null);
    }


}
