package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.PairTest;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.app.EvaluationService.Report;
import io.rerankworkbench.app.GradeChoice;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.significance.WinTieLoss;
import io.rerankworkbench.ui.evaluate.EvaluateViewModel.QueryRow;
import io.rerankworkbench.ui.common.TextCells;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Evaluate panel: rankers × measures with intervals and coverage, two rankers compared, the per-query table and
 * the plots. Binds to {@link EvaluateViewModel}; holds no numbers of its own.
 */
public final class EvaluateView {

    private final EvaluateViewModel vm;
    private final EvaluateCharts charts;

    @FXML private Parent root;
    @FXML private ComboBox<GradeChoice> gradesCombo;
    @FXML private ChoiceBox<Integer> cutoffChoice;
    @FXML private MenuButton conventionsButton;
    @FXML private MenuButton exportButton;
    @FXML private MenuItem exportChartItem;
    @FXML private Button refreshButton;
    @FXML private Label busyLabel;
    @FXML private Label conventionsLabel;
    @FXML private Label messageLabel;
    @FXML private TableView<RankerResult> metricsTable;
    @FXML private VBox pairBox;
    @FXML private ComboBox<Ranker> rankerACombo;
    @FXML private ComboBox<Ranker> rankerBCombo;
    @FXML private Button swapButton;
    @FXML private ChoiceBox<Metric> metricChoice;
    @FXML private Label pairLabel;
    @FXML private GridPane winTieLossStrip;
    @FXML private Label winTieLossLabel;
    @FXML private HBox holmBox;
    @FXML private Label uncorrectedLabel;
    @FXML private CheckBox holmCheck;
    @FXML private TabPane tabs;
    @FXML private Tab queriesTab;
    @FXML private Tab barsTab;
    @FXML private Tab curveTab;
    @FXML private Tab histogramTab;
    @FXML private Tab gradesTab;
    @FXML private TableView<QueryRow> queriesTable;
    @FXML private StackPane barsHolder;
    @FXML private StackPane curveHolder;
    @FXML private StackPane histogramHolder;
    @FXML private StackPane gradesHolder;

    /** A ranker's row in the metrics table: two lines (the mean over its interval). */
    static final double METRIC_ROW = 40;
    private static final double METRIC_HEADER = 38;
    private static final int MAX_VISIBLE_RANKERS = 6;
    private static final double METRIC_MIN_WIDTH = 98;
    private static final double RANKER_WIDTH = 190;
    /** A ranker name longer than this much is cut (its tooltip has it whole). */
    private static final double RANKER_MAX_WIDTH = 340;

    /** The rankers the per-query table has columns for. */
    private List<Ranker> queryColumnsFor = List.of();

    public EvaluateView(EvaluateViewModel vm) {
        this.vm = vm;
        this.charts = new EvaluateCharts(vm);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        gradesCombo.setItems(vm.gradeChoices());
        gradesCombo.setConverter(TextCells.converter(GradeChoice::label));
        gradesCombo.valueProperty().bindBidirectional(vm.gradesProperty());
        cutoffChoice.getItems().setAll(EvaluateViewModel.CUTOFFS);
        cutoffChoice.setValue(vm.kProperty().get());
        cutoffChoice.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.kProperty().set(now);
            }
        });
        vm.kProperty().addListener((o, was, now) -> cutoffChoice.setValue(now.intValue()));
        buildConventionsMenu();
        conventionsLabel.textProperty().bind(vm.conventionsProperty().map(EvaluateTexts::conventions));
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.managedProperty().bind(messageLabel.textProperty().isNotEmpty());
        messageLabel.visibleProperty().bind(messageLabel.managedProperty());
        busyLabel.visibleProperty().bind(vm.busyProperty());
        exportButton.disableProperty().bind(vm.reportProperty().isNull());
        exportChartItem.disableProperty().bind(tabs.getSelectionModel().selectedItemProperty().isEqualTo(queriesTab));

        buildMetricsTable();
        rankerACombo.setItems(vm.rankers());
        rankerBCombo.setItems(vm.rankers());
        rankerACombo.valueProperty().bindBidirectional(vm.rankerAProperty());
        rankerBCombo.valueProperty().bindBidirectional(vm.rankerBProperty());
        rankerACombo.setButtonCell(TextCells.cell(Ranker::label));
        rankerBCombo.setButtonCell(TextCells.cell(Ranker::label));
        vm.reportProperty().addListener((o, was, now) -> reportChanged(now));
        metricChoice.setConverter(TextCells.converter(Metric::name));
        metricChoice.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0) {
                vm.metricIndexProperty().set(now.intValue());
            }
        });
        pairBox.visibleProperty().bind(vm.reportProperty().isNotNull());
        pairBox.managedProperty().bind(pairBox.visibleProperty());
        holmCheck.selectedProperty().bindBidirectional(vm.holmProperty());
        vm.pairTestProperty().addListener((o, was, now) -> pairChanged());
        vm.pairTestingProperty().addListener((o, was, now) -> pairChanged());
        vm.holmProperty().addListener((o, was, now) -> pairChanged());
        pairChanged();

        buildQueriesTable();
        vm.queryRows().addListener((ListChangeListener<QueryRow>) c -> charts.rowsChanged());
        barsHolder.getChildren().setAll(charts.bars());
        curveHolder.getChildren().setAll(charts.curve());
        histogramHolder.getChildren().setAll(charts.histograms());
        gradesHolder.getChildren().setAll(charts.grades());
        // a chart is drawn when its tab is on screen: changing a setting redraws one chart, not four
        charts.showingProperty().bind(Bindings.createObjectBinding(() -> {
            Tab tab = tabs.getSelectionModel().getSelectedItem();
            return tab == barsTab ? charts.bars() : tab == curveTab ? charts.curve()
                    : tab == histogramTab ? charts.histograms() : tab == gradesTab ? charts.grades() : null;
        }, tabs.getSelectionModel().selectedItemProperty()));
    }

    private void reportChanged(Report report) {
        if (report == null) {
            metricsTable.getItems().clear();
            return;
        }
        if (!metricChoice.getItems().equals(report.metrics())) {
            int index = vm.metricIndexProperty().get();
            metricChoice.getItems().setAll(report.metrics());
            metricChoice.getSelectionModel().select(Math.min(index, report.metrics().size() - 1));
            rebuildMetricColumns(report.metrics());
        }
        metricsTable.getItems().setAll(report.results());
        fitRankerColumn(report);
        metricsTable.refresh();
        List<Ranker> rankers = report.results().stream().map(RankerResult::ranker).toList();
        if (!rankers.equals(queryColumnsFor)) {
            rebuildQueryColumns(report);
            queryColumnsFor = rankers;
        } else {
            queriesTable.refresh();
        }
        int count = rankers.size();
        holmBox.setVisible(count > 2);
        holmBox.setManaged(count > 2);
        uncorrectedLabel.setText(count > 2 ? EvaluateTexts.uncorrected(count) : "");
        charts.reportChanged();
    }

    // ---- conventions ------------------------------------------------------------------------------------------

    private void buildConventionsMenu() {
        List<MenuItem> items = new ArrayList<>();
        items.addAll(group("Gain", List.of(
                option("Linear (trec_eval)", c -> c.withGain(Conventions.Gain.LINEAR),
                        c -> c.gain() == Conventions.Gain.LINEAR),
                option("Exponential, 2^g − 1", c -> c.withGain(Conventions.Gain.EXPONENTIAL),
                        c -> c.gain() == Conventions.Gain.EXPONENTIAL))));
        items.addAll(group("Ideal ranking", List.of(
                option("Judged documents cut at k (trec_eval)", c -> c.withIdeal(Conventions.Ideal.CUT_AT_K),
                        c -> c.ideal() == Conventions.Ideal.CUT_AT_K),
                option("All judged documents (Quepid)", c -> c.withIdeal(Conventions.Ideal.ALL_JUDGED),
                        c -> c.ideal() == Conventions.Ideal.ALL_JUDGED))));
        items.addAll(group("Unjudged documents", List.of(
                option("Count as not relevant (trec_eval)", c -> c.withJudgedOnly(false), c -> !c.judgedOnly()),
                option("Remove from the ranking (-J, condensed)", c -> c.withJudgedOnly(true),
                        Conventions::judgedOnly))));
        items.addAll(group("Relevant when", List.of(
                option("grade ≥ 1 (trec_eval)", c -> c.withRelevanceLevel(1), c -> c.relevanceLevel() == 1),
                option("grade ≥ 2", c -> c.withRelevanceLevel(2), c -> c.relevanceLevel() == 2),
                option("grade ≥ 3", c -> c.withRelevanceLevel(3), c -> c.relevanceLevel() == 3))));
        items.addAll(group("Equal scores", List.of(
                option("By document id, descending (trec_eval)", c -> c.withTies(Conventions.Ties.DOCNO_DESCENDING),
                        c -> c.ties() == Conventions.Ties.DOCNO_DESCENDING),
                option("In the ranker's own order", c -> c.withTies(Conventions.Ties.GIVEN_ORDER),
                        c -> c.ties() == Conventions.Ties.GIVEN_ORDER))));
        items.addAll(group("Graded queries without a run", List.of(
                option("Left out of the mean (trec_eval)", c -> c.withCompleteQueries(false),
                        c -> !c.completeQueries()),
                option("Count as 0 (trec_eval -c)", c -> c.withCompleteQueries(true),
                        Conventions::completeQueries))));
        MenuItem reset = new MenuItem("Reset to trec_eval's defaults");
        reset.setOnAction(e -> vm.resetConventions());
        reset.disableProperty().bind(vm.conventionsProperty().isEqualTo(Conventions.TREC_EVAL));
        items.add(reset);
        conventionsButton.getItems().setAll(items);
    }

    private record Option(String text, UnaryOperator<Conventions> apply, Function<Conventions, Boolean> selected) {
    }

    private static Option option(String text, UnaryOperator<Conventions> apply,
                                 Function<Conventions, Boolean> selected) {
        return new Option(text, apply, selected);
    }

    private List<MenuItem> group(String title, List<Option> options) {
        MenuItem heading = new MenuItem(title);
        heading.setDisable(true);
        heading.getStyleClass().add("menu-heading");
        List<MenuItem> out = new ArrayList<>(List.of(heading));
        ToggleGroup toggles = new ToggleGroup();
        for (Option o : options) {
            RadioMenuItem item = new RadioMenuItem(o.text());
            item.setToggleGroup(toggles);
            item.setSelected(o.selected().apply(vm.conventionsProperty().get()));
            item.setOnAction(e -> vm.conventionsProperty().set(o.apply().apply(vm.conventionsProperty().get())));
            vm.conventionsProperty().addListener((obs, was, now) -> item.setSelected(o.selected().apply(now)));
            out.add(item);
        }
        out.add(new SeparatorMenuItem());
        return out;
    }

    // ---- the metrics table -----------------------------------------------------------------------------------

    private void buildMetricsTable() {
        metricsTable.setPlaceholder(new Label("No evaluation yet"));
        metricsTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // tall enough for every ranker up to MAX_VISIBLE_RANKERS, then it scrolls; the tabs take the rest
        metricsTable.setFixedCellSize(METRIC_ROW);
        metricsTable.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> METRIC_HEADER + METRIC_ROW * Math.max(1, Math.min(MAX_VISIBLE_RANKERS,
                        metricsTable.getItems().size())) + 8, metricsTable.getItems()));
        metricsTable.minHeightProperty().bind(metricsTable.prefHeightProperty());
        metricsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.ranker().equals(vm.rankerAProperty().get())
                    && !now.ranker().equals(vm.rankerBProperty().get())) {
                vm.rankerBProperty().set(now.ranker());
            }
        });
    }

    /** Widens the ranker column to its longest name ("v2 · local bi-encoder:bge-small-en-v1.5-q"), never narrows. */
    private void fitRankerColumn(Report report) {
        if (metricsTable.getColumns().isEmpty()) {
            return;
        }
        int longest = report.results().stream().mapToInt(r -> r.ranker().label().length()).max().orElse(0);
        TableColumn<RankerResult, ?> ranker = metricsTable.getColumns().get(0);
        ranker.setPrefWidth(Math.max(RANKER_WIDTH, Math.min(RANKER_MAX_WIDTH, 7.5 * longest + 24)));
    }

    private void rebuildMetricColumns(List<Metric> metrics) {
        TableColumn<RankerResult, RankerResult> ranker = new TableColumn<>("Ranker");
        ranker.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        ranker.setCellFactory(c -> new EvaluateCells.RankerCell());
        ranker.setPrefWidth(RANKER_WIDTH);
        ranker.setMinWidth(170);
        ranker.setSortable(false);
        metricsTable.getColumns().setAll(List.of(ranker));
        for (Metric m : metrics) {
            TableColumn<RankerResult, RankerResult> col = new TableColumn<>(m.name());
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
            col.setCellFactory(c -> new EvaluateCells.MetricCell(m, vm.kProperty()::get));
            // the measures share what the ranker column leaves, none narrower than its numbers
            col.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(METRIC_MIN_WIDTH,
                    Math.floor((metricsTable.getWidth() - ranker.getWidth() - 20) / metrics.size())),
                    metricsTable.widthProperty(), ranker.widthProperty()));
            col.setMinWidth(METRIC_MIN_WIDTH);
            col.setSortable(false);
            metricsTable.getColumns().add(col);
        }
    }



    // ---- the comparison of two rankers ----------------------------------------------------------------------

    private void pairChanged() {
        PairTest t = vm.pairTestProperty().get();
        winTieLossStrip.getChildren().clear();
        winTieLossStrip.getColumnConstraints().clear();
        if (t == null) {
            Ranker a = vm.rankerAProperty().get();
            Ranker b = vm.rankerBProperty().get();
            pairLabel.setText(a == null || b == null ? "Pick two rankers to compare."
                    : a.equals(b) ? "Pick two different rankers."
                    : vm.pairTestingProperty().get() ? "Testing…"
                    : "Fewer than two queries have both rankers: nothing to test.");
            winTieLossLabel.setText("");
            return;
        }
        pairLabel.setText(EvaluateTexts.pair(t, vm.holmProperty().get()));
        WinTieLoss w = t.winTieLoss();
        winTieLossLabel.setText(EvaluateTexts.winTieLoss(w));
        int n = w.queries();
        segment(w.losses(), n, "wtl-b", "B better");
        segment(w.ties(), n, "wtl-tie", "tied");
        segment(w.wins(), n, "wtl-a", "A better");
    }

    private void segment(int count, int n, String style, String what) {
        if (count == 0) {
            return;
        }
        ColumnConstraints cc = new ColumnConstraints();
        cc.setPercentWidth(100.0 * count / n);
        cc.setHgrow(Priority.ALWAYS);
        winTieLossStrip.getColumnConstraints().add(cc);
        Label l = new Label(Integer.toString(count));
        l.getStyleClass().addAll("wtl-segment", style);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        l.setTooltip(new Tooltip(count + " of " + n + " queries: " + what));
        winTieLossStrip.add(l, winTieLossStrip.getColumnConstraints().size() - 1, 0);
    }

    // ---- per query --------------------------------------------------------------------------------------------

    private void buildQueriesTable() {
        queriesTable.setItems(vm.queryRows());
        queriesTable.setPlaceholder(new Label("No graded query"));
    }

    private void rebuildQueryColumns(Report report) {
        TableColumn<QueryRow, String> id = new TableColumn<>("Query");
        id.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
        id.setPrefWidth(90);
        TableColumn<QueryRow, String> text = new TableColumn<>("Text");
        text.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().text()));
        text.setPrefWidth(260);
        queriesTable.getColumns().setAll(List.of(id, text));
        for (int i = 0; i < report.results().size(); i++) {
            int index = i;
            TableColumn<QueryRow, Double> col = new TableColumn<>(report.results().get(i).ranker().label());
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().values()[index]));
            col.setCellFactory(c -> new EvaluateCells.QueryValueCell(index, vm.kProperty()::get));
            col.setPrefWidth(Math.max(130, 8.5 * col.getText().length() + 30));
            col.setComparator(EvaluateView::compareValues);
            queriesTable.getColumns().add(col);
        }
        TableColumn<QueryRow, Double> diff = new TableColumn<>();
        diff.textProperty().bind(vm.rankerAProperty().map(a -> "B − A").orElse("B − A"));
        diff.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().difference(
                vm.indexOf(vm.rankerAProperty().get()), vm.indexOf(vm.rankerBProperty().get()))));
        diff.setCellFactory(c -> new EvaluateCells.DifferenceCell());
        diff.setPrefWidth(90);
        diff.setComparator(EvaluateView::compareValues);
        queriesTable.getColumns().add(diff);
        // the query text takes what the numbers leave (as much of it as fits, at least 200 px)
        double others = id.getPrefWidth() + diff.getPrefWidth() + queriesTable.getColumns().stream()
                .skip(2).limit(report.results().size()).mapToDouble(TableColumn::getPrefWidth).sum();
        text.prefWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(200, queriesTable.getWidth() - others - 24), queriesTable.widthProperty()));
        text.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                tooltip.setText(item);
                setTooltip(empty || item == null ? null : tooltip);
            }
        });
    }

    private static int compareValues(Double a, Double b) {
        // NaN (no run) last whichever way the column is sorted by value
        return Double.compare(a == null || a.isNaN() ? Double.NEGATIVE_INFINITY : a,
                b == null || b.isNaN() ? Double.NEGATIVE_INFINITY : b);
    }



    // ---- actions ----------------------------------------------------------------------------------------------

    @FXML
    private void refresh() {
        vm.open();
    }

    @FXML
    private void swap() {
        vm.swap();
    }

    @FXML
    private void exportCsv() {
        vm.exportCsv();
    }

    @FXML
    private void exportChart() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        String name = tab == barsTab ? "per-query-bars" : tab == curveTab ? "ndcg-at-k"
                : tab == histogramTab ? "score-histograms" : tab == gradesTab ? "grade-distribution" : null;
        Node chart = tab == barsTab ? charts.bars() : tab == curveTab ? charts.curve()
                : tab == histogramTab ? charts.histograms() : tab == gradesTab ? charts.grades() : null;
        if (name == null) {
            return;
        }
        vm.choosePngFile(name).ifPresent(file -> vm.savePng(charts.image(chart), file));
    }

    /** Selects the tab showing {@code which}: "queries", "bars", "curve", "histograms", "grades". */
    void showTab(String which) {
        tabs.getSelectionModel().select(switch (which) {
            case "bars" -> barsTab;
            case "curve" -> curveTab;
            case "histograms" -> histogramTab;
            case "grades" -> gradesTab;
            default -> queriesTab;
        });
    }

    TableView<RankerResult> metricsTable() {
        return metricsTable;
    }

    TableView<QueryRow> queriesTable() {
        return queriesTable;
    }

    Label pairLabel() {
        return pairLabel;
    }

    EvaluateCharts charts() {
        return charts;
    }


}
