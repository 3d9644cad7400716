package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.eval.plot.RankerScores;
import io.rerankworkbench.eval.plot.ScoreHistogram;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One small histogram per ranker of the scores it gave to the graded queries' documents, each bar split by grade
 * (unjudged in grey) with one legend for all: whether some score threshold separates relevant from non-relevant shows
 * as colours that do or do not overlap. Each ranker has its own score axis (rankers score on different scales).
 */
public final class ScoreHistogramChart extends EvaluateChart {

    /** Bins per histogram unless {@link #setBins(int)} says otherwise. */
    public static final int DEFAULT_BINS = 20;

    private final Label caption = new Label("Scores of the graded queries' documents, by grade");
    private final GradeLegend legend = new GradeLegend();
    private final GridPane grid = new GridPane();
    private final List<HistogramPlot> plots = new ArrayList<>();
    private List<RankerScores> rankers = List.of();
    private List<ScoreHistogram> histograms = List.of();
    private int bins = DEFAULT_BINS;
    private List<Integer> gradeScale = List.of();

    public ScoreHistogramChart() {
        super("score-histograms");
        caption.getStyleClass().add("chart-caption");
        grid.getStyleClass().add("histogram-grid-pane");
        VBox box = new VBox(caption, legend, grid);
        box.getStyleClass().add("chart-box");
        VBox.setVgrow(grid, Priority.ALWAYS);
        setContent(box);
        showEmpty("No graded queries with scores");
    }

    /** About how many bins each histogram has (round edges may give a few more or fewer); redraws. */
    public void setBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, got " + bins);
        }
        this.bins = bins;
        set(rankers);
    }

    /**
     * The project's grade scale (e.g. 0, 1, 2, 3), so each grade gets the colour the labeling window gives it even
     * when some grade does not occur; the legend then lists every grade of the scale. Without it the grades that
     * occur are the scale. Takes effect with the next {@link #set}.
     */
    public void setGradeScale(List<Integer> grades) {
        gradeScale = List.copyOf(grades);
    }

    /** Shows one histogram per ranker, in the order given. */
    public void set(List<RankerScores> rankers) {
        this.rankers = List.copyOf(rankers);
        List<ScoreHistogram> hs = new ArrayList<>();
        SortedSet<Integer> grades = new TreeSet<>(gradeScale);
        boolean unjudged = false;
        for (RankerScores r : this.rankers) {
            ScoreHistogram h = ScoreHistogram.of(r.scores(), bins);
            hs.add(h);
            grades.addAll(h.grades());
            for (int b = 0; b < h.bins(); b++) {
                unjudged |= h.unjudged(b) > 0;
            }
        }
        histograms = List.copyOf(hs);
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        plots.clear();
        if (hs.stream().allMatch(h -> h.bins() == 0)) {
            showEmpty("No graded queries with scores");
            return;
        }
        List<Integer> allGrades = List.copyOf(grades);
        legend.set(allGrades, unjudged);
        int columns = hs.size() == 1 ? 1 : hs.size() <= 4 ? 2 : 3;
        int rows = (hs.size() + columns - 1) / columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < hs.size(); i++) {
            HistogramPlot plot = new HistogramPlot();
            plot.set(this.rankers.get(i).ranker(), hs.get(i), allGrades);
            plots.add(plot);
            grid.add(plot, i % columns, i / columns);
        }
        showContent();
    }

    /** The histograms drawn, one per ranker in the order given. */
    public List<ScoreHistogram> histograms() {
        return histograms;
    }

    public int bins() {
        return bins;
    }

    List<HistogramPlot> plots() {
        return plots;
    }
}
