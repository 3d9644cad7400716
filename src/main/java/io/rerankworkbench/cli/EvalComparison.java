package io.rerankworkbench.cli;

import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Paired;
import io.rerankworkbench.eval.significance.Holm;
import io.rerankworkbench.eval.significance.PairedTTest;
import io.rerankworkbench.eval.significance.RandomizationTest;
import io.rerankworkbench.eval.significance.WinTieLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code eval --compare}: every pair of runs, per measure, over the queries they share (every query of the qrels
 * with {@code -c}): the means, a paired two-sided randomization test (10,000 sign flips, seeded; exact for up to 13
 * queries), a paired t-test, wins / ties / losses, and — with more than two runs — Holm's correction of the
 * randomization p-values over the pairs of each measure.
 */
final class EvalComparison {

    static final List<String> COLUMNS = List.of("run_a", "run_b", "measure", "queries", "mean_a", "mean_b",
            "difference", "p_randomization", "p_t", "a_wins", "ties", "b_wins", "p_holm");

    /** One pair of runs on one measure. */
    record Row(String runA, String runB, MeasureSpec measure, int queries, double meanA, double meanB,
               double pRandomization, double pT, WinTieLoss wtl, double pHolm) {
    }

    private EvalComparison() {
    }

    static List<Row> rows(List<EvalOutput.RunEvaluation> runs, List<MeasureSpec> specs) {
        List<Row> out = new ArrayList<>();
        for (MeasureSpec spec : specs) {
            List<Row> pairs = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                for (int j = i + 1; j < runs.size(); j++) {
                    Paired p = Paired.of(runs.get(i).evaluation(), runs.get(j).evaluation(), spec);
                    double[] a = p.a();
                    double[] b = p.b();
                    boolean enough = a.length >= 2;
                    double pRand = a.length == 0 ? Double.NaN : RandomizationTest.of(a, b).pValue();
                    double pT = enough ? PairedTTest.of(a, b).pValue() : Double.NaN;
                    pairs.add(new Row(runs.get(i).run(), runs.get(j).run(), spec, a.length, mean(a), mean(b),
                            pRand, pT, a.length == 0 ? new WinTieLoss(0, 0, 0, WinTieLoss.DEFAULT_EPS)
                            : WinTieLoss.of(a, b), Double.NaN));
                }
            }
            if (runs.size() > 2 && pairs.stream().allMatch(r -> !Double.isNaN(r.pRandomization()))) {
                double[] adjusted = Holm.adjust(pairs.stream().mapToDouble(Row::pRandomization).toArray());
                for (int k = 0; k < pairs.size(); k++) {
                    Row r = pairs.get(k);
                    pairs.set(k, new Row(r.runA(), r.runB(), r.measure(), r.queries(), r.meanA(), r.meanB(),
                            r.pRandomization(), r.pT(), r.wtl(), adjusted[k]));
                }
            }
            out.addAll(pairs);
        }
        return out;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    /** The table as tab-separated lines under a header, after trec_eval's blocks. */
    static String text(List<Row> rows, int runs) {
        StringBuilder b = new StringBuilder("\n# compare: paired over the queries both runs have (every query of "
                + "the qrels with -c); randomization: two-sided, 10,000 sign flips, seeded; "
                + (runs > 2 ? "p_holm: Holm's correction over the pairs of each measure (p_randomization and p_t "
                + "are uncorrected)" : "one pair: no correction needed") + "\n");
        b.append(String.join("\t", COLUMNS)).append('\n');
        for (Row r : rows) {
            b.append(String.join("\t", cells(r))).append('\n');
        }
        return b.toString();
    }

    /**
     * The table as CSV: the header, then one row per pair and measure; numbers in full precision, an undefined one
     * (no queries, a t-test of one query, Holm not applied) empty.
     */
    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : rows) {
            List<String> cells = List.of(EvalOutput.csvField(r.runA()), EvalOutput.csvField(r.runB()),
                    r.measure().trecName(), Integer.toString(r.queries()), full(r.meanA()), full(r.meanB()),
                    full(r.meanB() - r.meanA()), full(r.pRandomization()), full(r.pT()),
                    Integer.toString(r.wtl().wins()), Integer.toString(r.wtl().ties()),
                    Integer.toString(r.wtl().losses()), full(r.pHolm()));
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String full(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static List<String> cells(Row r) {
        return List.of(r.runA(), r.runB(), r.measure().trecName(), Integer.toString(r.queries()), num(r.meanA()),
                num(r.meanB()), num(r.meanB() - r.meanA()), num(r.pRandomization()), num(r.pT()),
                Integer.toString(r.wtl().wins()), Integer.toString(r.wtl().ties()), Integer.toString(r.wtl().losses()),
                Double.isNaN(r.pHolm()) ? "" : num(r.pHolm()));
    }

    private static String num(double v) {
        // A difference of equal means can come out as -1e-17: print it as 0.
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", Math.abs(v) < 5e-5 ? 0.0 : v);
    }
}
