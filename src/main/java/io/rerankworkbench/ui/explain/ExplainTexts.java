package io.rerankworkbench.ui.explain;

import io.rerankworkbench.app.ExplainException;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.rerank.CancelledException;

import java.util.Locale;

/** The Explain view's words: method names, the summary line, numbers and problems as the user reads them. */
final class ExplainTexts {

    private ExplainTexts() {
    }

    /** The line beside the map: what it is and, for contributions, its total against the run's score. */
    static String summarize(ExplanationMap m) {
        StringBuilder sb = new StringBuilder(m.title());
        if (m.decomposesScore()) {
            sb.append(" · cells add up to ").append(fixed(m.total()));
            if (!Double.isNaN(m.score())) {
                sb.append(Math.abs(m.total() - m.score()) < 1e-5 ? " = " : " ≠ ").append("the run's score ")
                        .append(fixed(m.score()));
            }
        }
        if (m.method() == ExplainMethod.OCCLUSION && !Double.isNaN(m.baseline())) {
            sb.append(" · full document re-scored: ").append(fixed(m.baseline()));
            if (!Double.isNaN(m.score())) {
                sb.append(" (run: ").append(fixed(m.score())).append(')');
            }
        }
        return sb.toString();
    }

    /** Six decimals: enough to see a total match a score, short enough to read. */
    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static String describe(ExplainMethod m) {
        return switch (m) {
            case ATTENTION -> "attention";
            case CONTRIBUTIONS -> "token contributions";
            case SIMILARITY -> "token similarity";
            case OCCLUSION -> "occlusion";
        };
    }

    /** The picker's label for a method. */
    static String label(ExplainMethod m) {
        return switch (m) {
            case ATTENTION -> "Attention";
            case CONTRIBUTIONS -> "Contributions";
            case SIMILARITY -> "Similarity";
            case OCCLUSION -> "Occlusion";
        };
    }

    static String unitName(OcclusionUnit u) {
        return u.name().toLowerCase(Locale.ROOT);
    }

    static String problem(Throwable e) {
        if (e instanceof ExplainException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof CancelledException) {
            return "Cancelled.";
        }
        String m = e.getMessage();
        return "Could not explain: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}
