package io.rerankworkbench.ui.compare;

import io.rerankworkbench.app.CompareService.Side;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.eval.compare.ListAgreement;
import io.rerankworkbench.eval.compare.Rbo;
import io.rerankworkbench.store.RunStatus;

import java.io.IOException;
import java.util.Locale;

/** The Compare view's words and number formats, kept out of the view model. */
final class CompareTexts {

    private CompareTexts() {
    }

    static String problem(Throwable e) {
        String m = e.getMessage();
        if (e instanceof IOException && m != null) {
            return m;
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** "q05 has no bge-small-en-v1.5-q run; showing the defaults." */
    static String missing(String queryId, RankingRef a, RankingRef b) {
        StringBuilder s = new StringBuilder(queryId).append(" has no ");
        if (a != null && b != null && !a.equals(b)) {
            s.append(name(a)).append(" or ").append(name(b));
        } else {
            s.append(name(a != null ? a : b));
        }
        return s.append("; the other side shows what it has.").toString();
    }

    private static String name(RankingRef ref) {
        if (ref instanceof RankingRef.ByRanker r) {
            return r.model() + " run";
        }
        if (ref instanceof RankingRef.RunNumber n) {
            return "run " + n.number();
        }
        if (ref instanceof RankingRef.ByVariant v) {
            return "variant " + v.variant() + (v.model() == null ? " run" : " " + v.model() + " run");
        }
        if (ref instanceof RankingRef.VariantRun v) {
            return "run " + v.run() + " of variant " + v.variant();
        }
        return ref == RankingRef.IDEAL ? "grades (no ideal order)" : ref.label();
    }

    /** A picker's face: "Run 2 · all-MiniLM-L6-v2", with "failed" for a run that did not finish. */
    static String sideBrief(Side s) {
        return s.completed() ? s.label() : s.label() + " · failed";
    }

    /**
     * How a side is listed in the pickers' lists: "Run 2 · all-MiniLM-L6-v2 (local bi-encoder)", "Variant 1 · run 1 ·
     * all-MiniLM-L6-v2 — “basil storage” (local bi-encoder)".
     */
    static String sideName(Side s) {
        if (!isRun(s)) {
            return s.label();
        }
        String text = s.label() + " (" + s.ranking().ranker() + ")";
        return s.completed() ? text : text + " · " + RunStatus.FAILED.name().toLowerCase(Locale.ROOT);
    }

    /** A side's short name for column headers and legends: the model, or "Original order". */
    static String shortName(Side s) {
        if (s.ref() instanceof RankingRef.VariantRun v) {
            return s.ranking().model() + " (v" + v.variant() + " run " + v.run() + ")";
        }
        return s.ref() instanceof RankingRef.RunNumber n ? s.ranking().model() + " (run " + n.number() + ")"
                : s.label();
    }

    /** Whether a side is a kept run (of the query or of one of its variants) rather than a pseudo-run. */
    static boolean isRun(Side s) {
        return s.ref() instanceof RankingRef.RunNumber || s.ref() instanceof RankingRef.VariantRun;
    }

    /**
     * A picker's tooltip: what the side ranked for ("Ranked for variant 1: “basil storage”", "Ranked for the query:
     * …") and by whom; null for a pseudo-run.
     */
    static String sideHelp(Side s) {
        if (!isRun(s)) {
            return null;
        }
        String whom = s.ranking().ranker() + " · " + s.ranking().model();
        if (s.ref() instanceof RankingRef.VariantRun v) {
            return "Ranked for variant " + v.variant() + " of the query: \u201c" + s.ranking().query().text()
                    + "\u201d\n" + whom + ", run " + v.run() + " of the variant";
        }
        return "Ranked for the query: \u201c" + s.ranking().query().text() + "\u201d\n" + whom;
    }

    static String overQueriesTitle(RankingRef a, RankingRef b, int k) {
        return label(a) + " against " + label(b) + " over every query that has both · set measures at "
                + cutoff(k);
    }

    static String label(RankingRef r) {
        if (r == RankingRef.ORIGINAL) {
            return "original order";
        }
        if (r == RankingRef.IDEAL) {
            return "ideal order";
        }
        return r.label();
    }

    static String cutoff(int k) {
        return k <= 0 ? "all" : "top " + k;
    }

    /** A measure: 3 decimals, "—" when undefined. */
    static String measure(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A score to 4 decimals (a whole number, such as a grade, without them); "" when there is none. */
    static String score(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** "τ-b 0.412 · ρ 0.553 · RBO 0.611 (0.584–0.640) · Jaccard@10 0.54 · overlap@10 0.70 · 3 in, 3 out". */
    static String summary(ListAgreement a) {
        Rbo r = a.rbo();
        String k = a.k() + "";
        return "τ-b " + measure(a.kendallTauB()) + " · ρ " + measure(a.spearmanRho())
                + " · RBO " + measure(r.ext()) + " (" + measure(r.min()) + "–" + measure(r.max()) + ", p "
                + ScoreFormat.plain(r.p(), 2) + ") · Jaccard@" + k + " " + measure(a.jaccardAtK())
                + " · overlap@" + k + " " + measure(a.overlapAtK())
                + " · " + a.enteredAtK() + " entered, " + a.droppedAtK() + " dropped · "
                + a.shared() + " shared of " + a.sizeA() + " / " + a.sizeB();
    }

    /** The tooltip that says what each number is. */
    static final String SUMMARY_HELP = """
            τ-b: Kendall's rank correlation over the documents both sides hold (1 same order, −1 reversed; ties \
            counted as ties).
            ρ: Spearman's rank correlation over the same documents.
            RBO: rank-biased overlap, top-weighted (p = 0.9: the top 10 carry 86 % of the weight); the extrapolated \
            value, then its lower and upper bound.
            Jaccard@k, overlap@k: how much the two top k share.
            Entered / dropped: documents that came into / went out of the top k from left to right.""";
}
