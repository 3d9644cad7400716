package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.EvaluationService.Metric;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.RankerResult;
import io.rerankworkbench.app.EvaluationService.Report;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.eval.plot.CutoffSeries;
import io.rerankworkbench.eval.plot.QueryValues;
import io.rerankworkbench.eval.plot.RankerScores;
import io.rerankworkbench.ui.evaluate.EvaluateViewModel.QueryRow;
import io.rerankworkbench.ui.evaluate.chart.CutoffChart;
import io.rerankworkbench.ui.evaluate.chart.EvaluateChart;
import io.rerankworkbench.ui.evaluate.chart.GradeDistributionChart;
import io.rerankworkbench.ui.evaluate.chart.PerQueryBarsChart;
import io.rerankworkbench.ui.evaluate.chart.ScoreHistogramChart;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;

import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.List;

/** The Evaluate panel's four plots, fed from its view model's report. */
final class EvaluateCharts {

    private final EvaluateViewModel vm;
    private final PerQueryBarsChart bars = new PerQueryBarsChart();
    private final CutoffChart curve = new CutoffChart();
    private final ScoreHistogramChart histograms = new ScoreHistogramChart();
    private final GradeDistributionChart grades = new GradeDistributionChart();

    EvaluateCharts(EvaluateViewModel vm) {
        this.vm = vm;
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

    /** The per-query bars of A and B on the compared metric, over the queries both have. */
    void refreshBars() {
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

    /** Every plot from the current report. */
    void refreshAll() {
        Report report = vm.reportProperty().get();
        List<CutoffSeries> series = new ArrayList<>();
        List<RankerScores> scores = new ArrayList<>();
        if (report != null) {
            for (RankerResult r : report.results()) {
                if (r.evaluation().numQueries() > 0) {
                    series.add(new CutoffSeries(r.ranker().label(), r.curve()));
                }
                if (r.ranker().ref() != RankingRef.ORIGINAL) {
                    scores.add(new RankerScores(r.ranker().label(), vm.scores(r.ranker())));
                }
            }
        }
        curve.set("nDCG", series);
        histograms.set(scores);
        grades.set(vm.gradeCounts());
        refreshBars();
    }

    /** A chart drawn for export at twice its size on white. */
    RenderedImage image(Node chart) {
        return SwingFXUtils.fromFXImage(((EvaluateChart) chart).snapshot(), null);
    }
}
