package io.rerankworkbench.app;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ranking of a query a comparison shows. A reference survives stepping to another query: a run is found again
 * there by its number or by its ranker and model, a variant's run by its variant's number and then by its number or
 * by its ranker and model.
 */
public sealed interface RankingRef {

    /** The candidates in the order they were given (imported or pasted). */
    RankingRef ORIGINAL = new Original();
    /** The graded documents ordered by grade, best first; equal grades tie. Only for queries with grades. */
    RankingRef IDEAL = new Ideal();

    /** Run {@code number} of each query (its number in the window's run picker). */
    static RankingRef run(int number) {
        return new RunNumber(number);
    }

    /** The newest completed run of each query by this ranker kind ("bi-encoder", "remote"…) and model. */
    static RankingRef system(String rankerKind, String model) {
        return new ByRanker(rankerKind, model);
    }

    /** Run {@code run} of variant {@code variant} of each query (numbered among that variant's runs). */
    static RankingRef variantRun(int variant, int run) {
        return new VariantRun(variant, run);
    }

    /**
     * The newest completed run of variant {@code variant} of each query by this ranker kind and model; a null kind
     * matches any kind, a null model any ranker.
     */
    static RankingRef variant(int variant, String rankerKind, String model) {
        return new ByVariant(variant, rankerKind, model);
    }

    /** A short name: "original", "ideal", "run 3", "all-MiniLM-L6-v2", "variant 2 · run 1", "v2 · all-MiniLM-L6-v2". */
    String label();

    record Original() implements RankingRef {
        @Override
        public String label() {
            return "original";
        }
    }

    record Ideal() implements RankingRef {
        @Override
        public String label() {
            return "ideal";
        }
    }

    record RunNumber(int number) implements RankingRef {
        public RunNumber {
            if (number < 1) {
                throw new IllegalArgumentException("run numbers start at 1, was " + number);
            }
        }

        @Override
        public String label() {
            return "run " + number;
        }
    }

    /** @param rankerKind null matches any kind */
    record ByRanker(String rankerKind, String model) implements RankingRef {
        public ByRanker {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public String label() {
            return model;
        }
    }

    /**
     * Run {@code run} of variant {@code variant} of a query: variants are numbered among their query's variants, a
     * variant's runs among that variant's runs, both from 1.
     */
    record VariantRun(int variant, int run) implements RankingRef {
        public VariantRun {
            if (variant < 1) {
                throw new IllegalArgumentException("variant numbers start at 1, was " + variant);
            }
            if (run < 1) {
                throw new IllegalArgumentException("run numbers start at 1, was " + run);
            }
        }

        @Override
        public String label() {
            return "variant " + variant + " · run " + run;
        }
    }

    /**
     * The newest completed run of variant {@code variant} of a query by a ranker.
     *
     * @param rankerKind null matches any kind
     * @param model      null matches any ranker (then {@code rankerKind} is null too)
     */
    record ByVariant(int variant, String rankerKind, String model) implements RankingRef {
        public ByVariant {
            if (variant < 1) {
                throw new IllegalArgumentException("variant numbers start at 1, was " + variant);
            }
            if (model == null && rankerKind != null) {
                throw new IllegalArgumentException("a ranker kind needs a model");
            }
        }

        /** "v2 · all-MiniLM-L6-v2", or "v2" for any ranker. */
        @Override
        public String label() {
            return model == null ? "v" + variant : "v" + variant + " · " + model;
        }

        /** Whether a run by {@code kind} and {@code model} is one this reference takes. */
        public boolean matches(String kind, String runModel) {
            return (model == null || model.equals(runModel)) && (rankerKind == null || rankerKind.equals(kind));
        }
    }

    /**
     * Reads a reference as the command line names one: {@code original}, {@code ideal}, a run number ({@code 3},
     * {@code run3}, {@code #3}), {@code KIND:MODEL} or a model name; and for a query's variants: {@code v2} (the newest
     * completed run of variant 2, by any ranker), {@code v2.1} or {@code v2/run1} (run 1 of variant 2),
     * {@code v2:MODEL} or {@code v2:KIND:MODEL} (the newest completed run of variant 2 by that ranker).
     * {@code variant2} may stand for {@code v2}.
     *
     * @throws IllegalArgumentException when {@code text} is blank or a run or variant number is below 1
     */
    static RankingRef parse(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a run name is empty");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("original")) {
            return ORIGINAL;
        }
        if (lower.equals("ideal")) {
            return IDEAL;
        }
        Matcher number = Pattern.compile("(?:run\\s*|#)?(\\d{1,9})").matcher(lower);
        if (number.matches()) {
            return run(Integer.parseInt(number.group(1)));
        }
        // v2, variant 2, v2.1, v2/run1, v2#1, v2 run 1, v2:MODEL, v2:KIND:MODEL
        Matcher variant = Pattern.compile("(?i)v(?:ariant)?\\s*(\\d{1,9})"
                + "(?:(?:\\.|/|#|\\s*/?\\s*run\\s*)(\\d{1,9})|:(.*\\S.*))?").matcher(t);
        if (variant.matches()) {
            int n = Integer.parseInt(variant.group(1));
            if (variant.group(2) != null) {
                return variantRun(n, Integer.parseInt(variant.group(2)));
            }
            String ranker = variant.group(3) == null ? null : variant.group(3).strip();
            if (ranker == null) {
                return variant(n, null, null);
            }
            int colon = ranker.indexOf(':');
            return colon > 0 && colon < ranker.length() - 1
                    ? variant(n, ranker.substring(0, colon), ranker.substring(colon + 1))
                    : variant(n, null, ranker);
        }
        int colon = t.indexOf(':');
        if (colon > 0 && colon < t.length() - 1) {
            return system(t.substring(0, colon), t.substring(colon + 1));
        }
        return system(null, t);
    }
}
