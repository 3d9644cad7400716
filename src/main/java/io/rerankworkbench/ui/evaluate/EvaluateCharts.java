package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.app.EvaluationService.Report;
import io.rerankworkbench.eval.plot.CutoffSeries;
import io.rerankworkbench.eval.plot.QueryGrades;
import io.rerankworkbench.eval.plot.QueryValues;
import io.rerankworkbench.ui.evaluate.EvaluateViewModel.QueryRow;
import io.rerankworkbench.ui.evaluate.chart.CutoffChart;
import io.rerankworkbench.ui.evaluate.chart.EvaluateChart;
import io.rerankworkbench.ui.evaluate.chart.GradeDistributionChart;
import io.rerankworkbench.ui.evaluate.chart.PerQueryBarsChart;
import io.rerankworkbench.ui.evaluate.chart.ScoreHistogramChart;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;

import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Evaluate panel's four plots, fed from its view model. Only the chart on screen is drawn; the others are marked
 * stale and drawn when their tab is shown, so a change of setting costs one chart's drawing, not four.
 */
final class EvaluateCharts {

    /** The most queries the grade distribution draws (in the project's order). */
    static final int MAX_GRADE_BARS = 60;

    private final EvaluateViewModel vm;
    private final PerQueryBarsChart bars = new PerQueryBarsChart();
    private final CutoffChart curve = new CutoffChart();
    private final ScoreHistogramChart histograms = new ScoreHistogramChart();
    private final GradeDistributionChart grades = new GradeDistributionChart();
    private final ObjectProperty<EvaluateChart> showing = new SimpleObjectProperty<>();
    private final Set<EvaluateChart> stale = new HashSet<>(List.of(bars, curve, histograms, grades));

    EvaluateCharts(EvaluateViewModel vm) {
        this.vm = vm;
        showing.addListener((o, was, now) -> drawIfStale(now));
        vm.plotsProperty().addListener((o, was, now) -> {
            stale.add(histograms);
            stale.add(grades);
            drawIfStale(showing.get());
        });
    }

    PerQueryBarsChart bars() {
        return bars;
    }

    CutoffChart curve() {
        return curve;
    }

    ScoreHistogramChart histograms() {
        return histograms;
    }

    GradeDistributionChart grades() {
        return grades;
    }

    /** The chart on screen, null when a table is. */
    ObjectProperty<EvaluateChart> showingProperty() {
        return showing;
    }

    /** A new report: every chart is stale. */
    void reportChanged() {
        stale.add(curve);
        stale.add(bars);
        drawIfStale(showing.get());
    }

    /** New per-query rows (another A, B or measure): the bars are stale. */
    void rowsChanged() {
        stale.add(bars);
        drawIfStale(showing.get());
    }

    private void drawIfStale(EvaluateChart chart) {
        if (chart == null || !stale.remove(chart)) {
            return;
        }
        if (chart == bars) {
            drawBars();
        } else if (chart == curve) {
            drawCurve();
        } else {
            EvaluateViewModel.Plots plots = vm.plotsProperty().get();
            if (chart == histograms) {
                histograms.set(plots == null ? List.of() : plots.scores());
            } else {
                List<QueryGrades> all = plots == null ? List.of() : plots.grades();
                // a bar per query stops being readable (and cheap to draw) long before 1,000 queries
                List<QueryGrades> shown = all.size() > MAX_GRADE_BARS ? all.subList(0, MAX_GRADE_BARS) : all;
                grades.setCaption("Candidates per query by grade" + (shown.size() < all.size()
                        ? " — the first " + shown.size() + " of " + all.size() + " queries" : ""));
                grades.set(shown);
            }
        }
    }

    private void drawBars() {
        Metric m = vm.metric();
        Ranker a = vm.rankerAProperty().get();
        Ranker b = vm.rankerBProperty().get();
        int ia = vm.indexOf(a);
        int ib = vm.indexOf(b);
        List<QueryValues> values = new ArrayList<>();
        if (m != null && ia >= 0 && ib >= 0 && ia != ib) {
            for (QueryRow row : vm.queryRows()) {
                double va = row.values()[ia];
                double vb = row.values()[ib];
                if (!Double.isNaN(va) && !Double.isNaN(vb)) {
                    values.add(new QueryValues(row.id(), row.text(), va, vb));
                }
            }
        }
        bars.set(m == null ? "" : m.name(), a == null ? "A" : a.label(), b == null ? "B" : b.label(), values);
    }

    private void drawCurve() {
        Report report = vm.reportProperty().get();
        List<CutoffSeries> series = new ArrayList<>();
        if (report != null) {
            for (RankerResult r : report.results()) {
                if (r.evaluation().numQueries() > 0) {
                    series.add(new CutoffSeries(r.ranker().label(), r.curve()));
                }
            }
        }
        curve.set("nDCG", series);
    }

    /** A chart drawn for export at twice its size on white, drawn first if it was stale. */
    RenderedImage image(Node chart) {
        drawIfStale((EvaluateChart) chart);
        return SwingFXUtils.fromFXImage(((EvaluateChart) chart).snapshot(), null);
    }
}
