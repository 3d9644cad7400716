package io.rerankworkbench.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A measure with its cut-off: {@code P_10} is {@code (P, 10)}; a measure without a cut-off has {@code k = 0}.
 *
 * <p>{@link #parse(String)} reads what trec_eval's {@code -m} reads: one measure by its printed name
 * ({@code ndcg_cut_10}, {@code P_5}, {@code map}), a family with trec_eval's default cut-offs ({@code ndcg_cut},
 * {@code P}), a family with cut-offs ({@code P.5,10}), or {@code all_trec} for every measure here with its defaults.
 */
public record MeasureSpec(Measure measure, int k) implements Comparable<MeasureSpec> {

    public MeasureSpec {
        Objects.requireNonNull(measure, "measure");
        if (measure.hasCutoff() ? k < 1 : k != 0) {
            throw new IllegalArgumentException(measure.hasCutoff()
                    ? measure.trecName() + " needs a cut-off k ≥ 1, was " + k
                    : measure.trecName() + " takes no cut-off");
        }
    }

    /** A measure without a cut-off. */
    public static MeasureSpec of(Measure measure) {
        return new MeasureSpec(measure, 0);
    }

    /** A measure at cut-off k. */
    public static MeasureSpec of(Measure measure, int k) {
        return new MeasureSpec(measure, k);
    }

    /** The name trec_eval prints: {@code ndcg_cut_10}, {@code P_10}, {@code map}. */
    public String trecName() {
        return measure.hasCutoff() ? measure.trecName() + "_" + k : measure.trecName();
    }

    @Override
    public String toString() {
        return trecName();
    }

    /** trec_eval's print order: by measure, then by cut-off. */
    @Override
    public int compareTo(MeasureSpec o) {
        int c = measure.compareTo(o.measure);
        return c != 0 ? c : Integer.compare(k, o.k);
    }

    /** Every measure with its default cut-offs, in print order. */
    public static List<MeasureSpec> all() {
        List<MeasureSpec> out = new ArrayList<>();
        for (Measure m : Measure.values()) {
            out.addAll(m.hasCutoff() ? family(m, m.defaultCutoffs()) : List.of(of(m)));
        }
        return out;
    }

    /**
     * The measures {@code text} names, as trec_eval's {@code -m} reads it.
     *
     * @throws IllegalArgumentException naming the measures there are when {@code text} is none of them
     */
    public static List<MeasureSpec> parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.equals("all_trec")) {
            return all();
        }
        int dot = t.indexOf('.');
        if (dot >= 0) {
            Measure m = byName(t.substring(0, dot), text);
            if (!m.hasCutoff()) {
                throw new IllegalArgumentException("measure " + m.trecName() + " takes no cut-offs: " + text);
            }
            List<Integer> ks = new ArrayList<>();
            for (String part : t.substring(dot + 1).split(",", -1)) {
                ks.add(cutoff(part, text));
            }
            return family(m, ks);
        }
        for (Measure m : Measure.values()) {
            if (m.trecName().equals(t)) {
                return m.hasCutoff() ? family(m, m.defaultCutoffs()) : List.of(of(m));
            }
        }
        int us = t.lastIndexOf('_');
        if (us > 0) {
            String name = t.substring(0, us);
            for (Measure m : Measure.values()) {
                if (m.hasCutoff() && m.trecName().equals(name)) {
                    return List.of(of(m, cutoff(t.substring(us + 1), text)));
                }
            }
        }
        throw unknown(text);
    }

    private static List<MeasureSpec> family(Measure m, List<Integer> ks) {
        return ks.stream().distinct().sorted().map(k -> of(m, k)).toList();
    }

    private static Measure byName(String name, String text) {
        return Arrays.stream(Measure.values()).filter(m -> m.trecName().equals(name)).findFirst()
                .orElseThrow(() -> unknown(text));
    }

    private static int cutoff(String s, String text) {
        try {
            int k = Integer.parseInt(s.strip());
            if (k >= 1) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole text
        }
        throw new IllegalArgumentException("cut-off " + '"' + s + '"' + " in " + '"' + text + '"'
                + " is not a whole number ≥ 1");
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("unknown measure " + '"' + text + '"' + "; known: all_trec, "
                + String.join(", ", Arrays.stream(Measure.values())
                .map(m -> m.hasCutoff() ? m.trecName() + "[_k|.k,k…]" : m.trecName()).toList()));
    }
}
