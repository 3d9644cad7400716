package io.rerankworkbench.app;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ranking of a query a comparison shows. A reference survives stepping to another query: a run is found again
 * there by its number or by its ranker and model.
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

    /** A short name: "original", "ideal", "run 3", "all-MiniLM-L6-v2". */
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
     * Reads a reference as the command line names one: {@code original}, {@code ideal}, a run number ({@code 3},
     * {@code run3}, {@code #3}), {@code KIND:MODEL} or a model name.
     *
     * @throws IllegalArgumentException when {@code text} is blank or a run number is below 1
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
        int colon = t.indexOf(':');
        if (colon > 0 && colon < t.length() - 1) {
            return system(t.substring(0, colon), t.substring(colon + 1));
        }
        return system(null, t);
    }
}
