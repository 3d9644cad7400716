package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.EvaluationService.PairTest;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.significance.BootstrapCi;
import io.rerankworkbench.eval.significance.WinTieLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Evaluate panel's wording and number formats, in one place so the view and its tests agree. */
final class EvaluateTexts {

    private EvaluateTexts() {
    }

    static String problem(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A measure value: "0.7123"; "–" when the query was not evaluated. */
    static String value(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * What a ranker row is: "all-MiniLM-L6-v2 (local bi-encoder): its newest completed run of each query", or for a
     * query variant's ranker "v1 · …: variant 1 of each query that has one, …, judged by the query's grades".
     */
    static String rankerHelp(EvaluationService.Ranker ranker) {
        if (ranker.ref() instanceof RankingRef.ByVariant v) {
            return ranker.label() + ": the newest completed " + v.model() + " run (" + v.rankerKind()
                    + ") of variant " + v.variant() + " of each query that has one — another phrasing of the query, "
                    + "judged by the query's grades. Hover a query's value for its phrasing.";
        }
        if (ranker.ref() instanceof RankingRef.ByRanker r) {
            return ranker.label() + ": the newest completed " + r.model() + " run (" + r.rankerKind()
                    + ") of each query";
        }
        return ranker.label() + ": the candidates in the order they were given";
    }

    /** "0.612–0.781". */
    static String interval(BootstrapCi ci) {
        return ci == null ? "" : String.format(Locale.ROOT, "%.3f–%.3f", ci.lower(), ci.upper());
    }

    /** "87 % judged". */
    static String coverage(double share) {
        return Double.isNaN(share) ? "" : Math.round(share * 100) + " % judged";
    }

    /** Whether a judged share is low enough to warn about. */
    static boolean lowCoverage(double share) {
        return !Double.isNaN(share) && share < EvaluationService.COVERAGE_WARNING;
    }

    /** A signed difference: "+0.0312", "−0.0040", "0". */
    static String difference(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (d == 0) {
            return "0";
        }
        return (d > 0 ? "+" : "−") + String.format(Locale.ROOT, "%.4f", Math.abs(d));
    }

    /** "p = 0.021", "p < 0.001". */
    static String p(double p) {
        if (Double.isNaN(p)) {
            return "p –";
        }
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    /** The conventions in effect, in words, naming trec_eval's defaults as such. */
    static String conventions(Conventions c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.gain() == Conventions.Gain.LINEAR ? "linear gain" : "exponential gain (2^g − 1)");
        parts.add(c.ideal() == Conventions.Ideal.CUT_AT_K ? "ideal cut at k" : "ideal over all judged");
        parts.add("relevant: grade ≥ " + c.relevanceLevel());
        parts.add(c.judgedOnly() ? "unjudged removed (-J)" : "unjudged = not relevant");
        parts.add(c.ties() == Conventions.Ties.DOCNO_DESCENDING ? "ties by doc id" : "ties in ranker's order");
        parts.add(c.completeQueries() ? "queries without a run count 0 (-c)" : "queries without a run left out");
        String text = String.join(" · ", parts);
        return c.equals(Conventions.TREC_EVAL) ? "trec_eval defaults: " + text : text;
    }

    /**
     * "B − A = +0.0312 on nDCG@10 over 24 queries · randomization p = 0.021 · t-test p = 0.030", with the Holm-adjusted
     * p when asked and available.
     */
    static String pair(PairTest t, boolean holm) {
        double diff = -t.randomization().meanDifference(); // the test's difference is A − B
        StringBuilder s = new StringBuilder("B − A = ").append(difference(diff)).append(" on ")
                .append(t.metric().name()).append(" over ").append(t.paired().queries().size()).append(" queries")
                .append(" · randomization ").append(p(t.randomization().pValue()))
                .append(" · paired t-test ").append(p(t.tTest().pValue()));
        if (holm && !Double.isNaN(t.holm())) {
            s.append(" · Holm-adjusted ").append(p(t.holm()));
        }
        return s.toString();
    }

    /** "B better on 14 · tied on 6 · A better on 4". */
    static String winTieLoss(WinTieLoss w) {
        // WinTieLoss counts from A's side: its wins are A's
        return "B better on " + w.losses() + " · tied on " + w.ties() + " · A better on " + w.wins();
    }

    /** What the p-values mean with more than two rankers. */
    static String uncorrected(int rankers) {
        int pairs = rankers * (rankers - 1) / 2;
        return "With " + rankers + " rankers there are " + pairs + " pairs: these p-values are uncorrected for "
                + "multiple comparisons.";
    }
}
