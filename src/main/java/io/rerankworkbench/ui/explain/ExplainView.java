package io.rerankworkbench.ui.explain;

import io.rerankworkbench.app.ExplainService;
import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.explain.AxisUnit;
import io.rerankworkbench.explain.Block;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Granularity;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.explain.Pick;
import io.rerankworkbench.explain.Segment;
import io.rerankworkbench.ui.common.HeatmapData;
import io.rerankworkbench.ui.common.HeatmapView;
import io.rerankworkbench.ui.common.TextCells;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Binds the Explain view: pickers, the map (a {@link HeatmapView}), and the query and document with each word shaded
 * by what it adds (row and column sums), so "these words made the score" reads without the matrix. Clicking a
 * column marks its word in the text; clicking a word marks its column.
 */
public final class ExplainView {

    private final ExplainViewModel vm;
    private final Consumer<ExplainViewModel> windowOpener;
    private final HeatmapView heatmap = new HeatmapView();
    /** Per map column, the word in the document or query text drawn for it (null when not drawn). */
    private final List<Label> columnWords = new ArrayList<>();

    @FXML private VBox root;
    @FXML private Label headingLabel;
    @FXML private ChoiceBox<ExplainMethod> methodChoice;
    @FXML private ChoiceBox<Block> blockChoice;
    @FXML private ChoiceBox<Integer> layerChoice;
    @FXML private ChoiceBox<Integer> headChoice;
    @FXML private CheckBox piecesCheck;
    @FXML private ChoiceBox<OcclusionUnit> unitChoice;
    @FXML private Button occludeButton;
    @FXML private ProgressIndicator spinner;
    @FXML private Button cancelButton;
    @FXML private MenuButton exportButton;
    @FXML private Button windowButton;
    @FXML private Label summaryLabel;
    @FXML private Label messageLabel;
    @FXML private StackPane mapHolder;
    @FXML private ScrollPane textScroll;
    @FXML private Label queryCaption;
    @FXML private Label shadingLabel;
    @FXML private TextFlow queryFlow;
    @FXML private Label documentCaption;
    @FXML private TextFlow documentFlow;
    @FXML private Label notesLabel;

    /** @param windowOpener opens the explanation in a window of its own; null where the view already is one */
    public ExplainView(ExplainViewModel vm, Consumer<ExplainViewModel> windowOpener) {
        this.vm = vm;
        this.windowOpener = windowOpener;
    }

    public VBox root() {
        return root;
    }

    public HeatmapView heatmap() {
        return heatmap;
    }

    @FXML
    private void initialize() {
        headingLabel.textProperty().bind(vm.headingProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        hideWhenEmpty(summaryLabel);
        hideWhenEmpty(messageLabel);
        mapHolder.getChildren().add(heatmap);

        methodChoice.setItems(vm.methods());
        methodChoice.setConverter(TextCells.converter(ExplainTexts::label));
        methodChoice.valueProperty().bindBidirectional(vm.methodProperty());
        methodChoice.setTooltip(new Tooltip("What explains the score: the model's attention, the exact split of a "
                + "bi-encoder's score into word pairs, or occlusion (take a word out, score again)"));

        blockChoice.setItems(vm.blocks());
        blockChoice.setConverter(TextCells.converter(Block::label));
        blockChoice.valueProperty().bindBidirectional(vm.blockProperty());
        layerChoice.setConverter(TextCells.converter(l -> l == Pick.MEAN ? "All layers (mean)" : "Layer " + (l + 1)));
        headChoice.setConverter(TextCells.converter(h -> h == Pick.MEAN ? "All heads (mean)" : "Head " + (h + 1)));
        vm.layerCountProperty().addListener((o, a, n) -> fill(layerChoice, n, vm.layerProperty().get()));
        vm.headCountProperty().addListener((o, a, n) -> fill(headChoice, n, vm.headProperty().get()));
        layerChoice.valueProperty().addListener((o, a, n) -> {
            if (n != null) {
                vm.layerProperty().set(n);
            }
        });
        headChoice.valueProperty().addListener((o, a, n) -> {
            if (n != null) {
                vm.headProperty().set(n);
            }
        });
        var attention = vm.methodProperty().isEqualTo(ExplainMethod.ATTENTION);
        var occlusion = vm.methodProperty().isEqualTo(ExplainMethod.OCCLUSION);
        showIf(blockChoice, attention.and(Bindings.isNotEmpty(vm.blocks())));
        showIf(layerChoice, attention.and(vm.layerCountProperty().isNotEqualTo(0)));
        showIf(headChoice, attention.and(vm.headCountProperty().isNotEqualTo(0)));
        showIf(piecesCheck, occlusion.not());
        piecesCheck.setSelected(vm.granularityProperty().get() == Granularity.WORD_PIECES);
        piecesCheck.selectedProperty().addListener((o, a, on) ->
                vm.granularityProperty().set(on ? Granularity.WORD_PIECES : Granularity.WORDS));
        piecesCheck.setTooltip(new Tooltip("Show the model's own tokens instead of words"));

        unitChoice.getItems().setAll(OcclusionUnit.values());
        unitChoice.setConverter(TextCells.converter(u -> u == OcclusionUnit.WORD ? "Word by word" : "Sentence by sentence"));
        unitChoice.valueProperty().bindBidirectional(vm.unitProperty());
        showIf(unitChoice, occlusion);
        showIf(occludeButton, vm.pendingPlanProperty().isNotNull().and(vm.busyProperty().not()));

        showIf(spinner, vm.busyProperty());
        spinner.progressProperty().bind(vm.progressProperty());
        showIf(cancelButton, vm.busyProperty());
        exportButton.disableProperty().bind(vm.mapProperty().isNull());
        if (windowOpener == null) {
            showIf(windowButton, Bindings.createBooleanBinding(() -> false));
        }

        vm.mapProperty().addListener((o, old, map) -> showMap(map));
        vm.selectionProperty().addListener((o, old, s) -> {
            if (s == null) {
                showMap(null);
            }
        });
        heatmap.onColumnClickedProperty().set(this::pickColumn);
        showMap(vm.mapProperty().get());
    }

    private static void fill(ChoiceBox<Integer> choice, int count, int selected) {
        List<Integer> items = new ArrayList<>();
        items.add(Pick.MEAN);
        IntStream.range(0, count).forEach(items::add);
        if (!choice.getItems().equals(items)) {
            choice.getItems().setAll(items);
        }
        choice.setValue(items.contains(selected) ? selected : Pick.MEAN);
    }

    private void showMap(ExplanationMap map) {
        columnWords.clear();
        queryFlow.getChildren().clear();
        documentFlow.getChildren().clear();
        notesLabel.setText("");
        if (map == null) {
            heatmap.setData(null);
            return;
        }
        ColorScale scale = map.colorScale();
        List<String> columnLabels = new ArrayList<>(labels(map.columns()));
        List<String> columnTips = new ArrayList<>(tips(map.columns()));
        int last = columnLabels.size() - 1;
        while (last >= 0 && map.columns().get(last).segment() != Segment.DOCUMENT) {
            last--; // past a closing [SEP]
        }
        if (map.truncated() && last >= 0) {
            // Where the model stopped reading: the rest of the document was cut off.
            columnLabels.set(last, columnLabels.get(last) + " ✂");
            columnTips.set(last, columnTips.get(last) + " — the model read the document up to here; the rest was "
                    + "cut off");
        }
        heatmap.setData(new HeatmapData(labels(map.rows()), columnLabels, map.values(), scale,
                map.valueName(), tips(map.rows()), columnTips));
        notesLabel.setText(String.join(" ", map.notes()));
        shadeTexts(map);
    }

    /** Shades the query and the document by the map's row and column sums. */
    private void shadeTexts(ExplanationMap map) {
        var s = vm.selectionProperty().get();
        if (s == null) {
            return;
        }
        double[] rowSums = map.rowSums();
        double[] columnSums = map.columnSums();
        List<Shade> query = new ArrayList<>();
        List<Shade> document = new ArrayList<>();
        // Self-attention has the same text on both axes: shade it once, by the columns (attention received).
        boolean sameSegment = segments(map.rows()).equals(segments(map.columns()));
        for (int c = 0; c < map.columnCount(); c++) {
            AxisUnit u = map.columns().get(c);
            if (u.segment() == Segment.QUERY) {
                query.add(new Shade(u.span(), columnSums[c], c));
            } else if (u.segment() == Segment.DOCUMENT) {
                document.add(new Shade(u.span(), columnSums[c], c));
            }
        }
        if (!sameSegment) {
            for (int r = 0; r < map.rowCount(); r++) {
                AxisUnit u = map.rows().get(r);
                if (u.segment() == Segment.QUERY) {
                    query.add(new Shade(u.span(), rowSums[r], -1));
                } else if (u.segment() == Segment.DOCUMENT) {
                    document.add(new Shade(u.span(), rowSums[r], -1));
                }
            }
        }
        ColorScale kind = map.colorScale();
        for (int c = 0; c < map.columnCount(); c++) {
            columnWords.add(null);
        }
        fillFlow(queryFlow, s.queryText(), query, scaleOf(kind, query));
        fillFlow(documentFlow, s.documentText(), document, scaleOf(kind, document));
        shadingLabel.setText(switch (map.method()) {
            case CONTRIBUTIONS -> "Each word is shaded by what it adds to the score (its row or column sum): red "
                    + "raises the score, blue lowers it.";
            case OCCLUSION -> "Each " + (map.unit() == OcclusionUnit.WORD ? "word" : "sentence") + " is shaded by "
                    + "how much the score drops without it: red helped, blue hurt.";
            case ATTENTION -> "Each word is shaded by the attention it gives (query) or receives (document) in the "
                    + "map.";
            case SIMILARITY -> "Each word is shaded by its summed similarity to the other text's words.";
        });
    }

    private static java.util.Set<Segment> segments(List<AxisUnit> units) {
        java.util.Set<Segment> found = java.util.EnumSet.noneOf(Segment.class);
        units.stream().map(AxisUnit::segment).filter(g -> g != Segment.SPECIAL).forEach(found::add);
        return found;
    }

    private record Shade(TextSpan span, double value, int column) {
    }

    private static ColorScale scaleOf(ColorScale like, List<Shade> shades) {
        double[][] values = {shades.stream().mapToDouble(Shade::value).toArray()};
        return ColorScale.covering(like.kind(), values);
    }

    private void fillFlow(TextFlow flow, String text, List<Shade> shades, ColorScale scale) {
        List<Shade> sorted = new ArrayList<>(shades);
        sorted.sort(Comparator.comparingInt(sh -> sh.span().start()));
        List<Node> nodes = new ArrayList<>();
        int at = 0;
        for (Shade sh : sorted) {
            if (sh.span().start() < at) {
                continue; // overlapping units (a word-piece inside a word already drawn)
            }
            if (sh.span().start() > at) {
                nodes.add(new Text(text.substring(at, sh.span().start())));
            }
            Label word = new Label(sh.span().of(text));
            int rgb = scale.rgb(sh.value());
            word.getStyleClass().add("explain-word");
            word.setStyle(String.format(Locale.ROOT, "-fx-background-color: #%06x; -fx-text-fill: #%06x;", rgb,
                    ColorScale.textOn(rgb)));
            word.setTooltip(new Tooltip(ExplainTexts.fixed(sh.value())));
            if (sh.column() >= 0) {
                int column = sh.column();
                columnWords.set(column, word);
                word.setOnMouseClicked(e -> {
                    heatmap.highlightedColumnProperty().set(column);
                    heatmap.scrollToColumn(column);
                    mark(word);
                });
            }
            nodes.add(word);
            at = sh.span().end();
        }
        if (at < text.length()) {
            nodes.add(new Text(text.substring(at)));
        }
        flow.getChildren().setAll(nodes);
    }

    private void pickColumn(int column) {
        heatmap.highlightedColumnProperty().set(column);
        if (column >= 0 && column < columnWords.size() && columnWords.get(column) != null) {
            Label word = columnWords.get(column);
            mark(word);
            // Scroll the text so the word is in view.
            double y = word.getBoundsInParent().getMinY() + documentFlow.getBoundsInParent().getMinY();
            double content = textScroll.getContent().getBoundsInLocal().getHeight();
            double viewport = textScroll.getViewportBounds().getHeight();
            if (content > viewport) {
                textScroll.setVvalue(Math.max(0, Math.min(1, (y - viewport / 3) / (content - viewport))));
            }
        }
    }

    private void mark(Label word) {
        for (Node n : documentFlow.getChildren()) {
            n.getStyleClass().remove("picked");
        }
        for (Node n : queryFlow.getChildren()) {
            n.getStyleClass().remove("picked");
        }
        word.getStyleClass().add("picked");
    }

    private static List<String> labels(List<AxisUnit> units) {
        return units.stream().map(AxisUnit::label).toList();
    }

    private static List<String> tips(List<AxisUnit> units) {
        return units.stream().map(u -> u.span() == null ? u.label() + " (added by the model)"
                : u.label() + " — " + u.segment().name().toLowerCase(Locale.ROOT) + " characters "
                + (u.span().start() + 1) + "–" + u.span().end()).toList();
    }

    private static void hideWhenEmpty(Label label) {
        label.managedProperty().bind(label.visibleProperty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
    }

    private static void showIf(Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.managedProperty().bind(node.visibleProperty());
        node.visibleProperty().bind(condition);
    }


    @FXML
    private void occlude() {
        vm.occlude();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void exportPng() {
        vm.export(ExplainService.Format.PNG);
    }

    @FXML
    private void exportCsv() {
        vm.export(ExplainService.Format.CSV);
    }

    @FXML
    private void exportJson() {
        vm.export(ExplainService.Format.JSON);
    }

    @FXML
    private void openWindow() {
        if (windowOpener != null) {
            windowOpener.accept(vm);
        }
    }
}
