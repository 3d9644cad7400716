package io.rerankworkbench.explain;

import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.TokenizedInput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Axis units with the model tokens behind them, built from a {@link TokenizedInput}. */
final class Units {

    private Units() {
    }

    /** An axis unit and the indices of its tokens in the model input (never empty). */
    record Unit(AxisUnit axis, int[] tokens) {
    }

    /** The words of {@code segment} ({@link WordAlignment}), their spans shifted by {@code shift}. */
    static List<Unit> words(TokenizedInput input, int segment, String text, Segment as, int shift) {
        List<Unit> units = new ArrayList<>();
        for (Word w : WordAlignment.words(input, segment, text)) {
            units.add(new Unit(new AxisUnit(w.text(), as, shift(w.span(), shift)),
                    w.tokens().stream().mapToInt(Integer::intValue).toArray()));
        }
        return units;
    }

    /** One unit per token of {@code segment}, labelled as the tokenizer spells it. */
    static List<Unit> pieces(TokenizedInput input, int segment, Segment as, int shift) {
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            if (input.segments()[i] == segment && input.spans().get(i) != null) {
                units.add(new Unit(new AxisUnit(input.tokens().get(i), as, shift(input.spans().get(i), shift)),
                        new int[]{i}));
            }
        }
        return units;
    }

    /**
     * Every token of {@code input} in exactly one unit, in token order: the given units, and each token none of them
     * holds (special tokens, a model's prefix) as a unit of its own, labelled with the token.
     */
    static List<Unit> covering(TokenizedInput input, List<Unit> given) {
        boolean[] held = new boolean[input.size()];
        List<Unit> all = new ArrayList<>(given);
        for (Unit u : given) {
            for (int t : u.tokens()) {
                held[t] = true;
            }
        }
        for (int i = 0; i < input.size(); i++) {
            if (!held[i]) {
                all.add(new Unit(new AxisUnit(input.tokens().get(i), Segment.SPECIAL, null), new int[]{i}));
            }
        }
        all.sort(Comparator.comparingInt(u -> u.tokens()[0]));
        return all;
    }

    static List<AxisUnit> axes(List<Unit> units) {
        return units.stream().map(Unit::axis).toList();
    }

    /** The tokens of {@code units}, unit after unit: a unit's tokens are a contiguous run of this array. */
    static int[] tokens(List<Unit> units) {
        return units.stream().flatMapToInt(u -> java.util.Arrays.stream(u.tokens())).toArray();
    }

    private static TextSpan shift(TextSpan span, int by) {
        return by == 0 ? span : new TextSpan(span.start() + by, span.end() + by);
    }
}
