package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Occlusion saliency for any ranker: take each unit (word or sentence) out of the document, re-score, and see how
 * much the score drops. Toolkit- and ranker-free: the caller scores {@link #variants} (plus the full document as
 * the baseline) with whatever ranker it has, local or remote, and hands the scores to {@link #map}.
 */
public final class Occlusion {

    private Occlusion() {
    }

    /** Documents longer than this many words are occluded by sentence by default. */
    public static final int WORD_LIMIT = 300;

    /**
     * Word for documents up to {@link #WORD_LIMIT} words, sentence beyond — unless the long document is one sentence,
     * which could not be occluded by sentence at all.
     */
    public static OcclusionUnit defaultUnit(String document) {
        if (units(document, OcclusionUnit.WORD).size() <= WORD_LIMIT
                || units(document, OcclusionUnit.SENTENCE).size() < 2) {
            return OcclusionUnit.WORD;
        }
        return OcclusionUnit.SENTENCE;
    }

    /**
     * The units of {@code document}, in order (java.text.BreakIterator, punctuation-only words skipped): words that
     * hold at least one letter or digit, or sentences with the whitespace around them trimmed off.
     */
    public static List<AxisUnit> units(String document, OcclusionUnit unit) {
        BreakIterator it = unit == OcclusionUnit.WORD
                ? BreakIterator.getWordInstance(Locale.ROOT) : BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(document);
        List<AxisUnit> units = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            if (unit == OcclusionUnit.WORD) {
                if (document.substring(s, e).codePoints().noneMatch(Character::isLetterOrDigit)) {
                    continue;
                }
            } else {
                while (s < e && Character.isWhitespace(document.charAt(s))) {
                    s++;
                }
                while (e > s && Character.isWhitespace(document.charAt(e - 1))) {
                    e--;
                }
                if (s == e) {
                    continue;
                }
            }
            units.add(new AxisUnit(document.substring(s, e), Segment.DOCUMENT, new TextSpan(s, e)));
        }
        return units;
    }

    /**
     * One text per unit: the document with that unit taken out, the whitespace where the two sides meet collapsed
     * to one space (none when the unit touched its neighbours), and the result trimmed. Never empty: with two units
     * or more, every variant keeps at least one.
     *
     * @throws IllegalArgumentException when there are fewer than two units (a variant would be empty, and hosted
     *                                  rerankers refuse empty documents)
     */
    public static List<String> variants(String document, List<AxisUnit> units) {
        if (units.size() < 2) {
            throw new IllegalArgumentException("occlusion needs at least two words or sentences to take out one at "
                    + "a time; this document has " + units.size());
        }
        List<String> variants = new ArrayList<>(units.size());
        for (AxisUnit u : units) {
            TextSpan span = u.span();
            if (span == null || span.end() > document.length()) {
                throw new IllegalArgumentException("unit '" + u.label() + "' is not a part of the document");
            }
            String before = document.substring(0, span.start());
            String after = document.substring(span.end());
            String left = before.stripTrailing();
            String right = after.stripLeading();
            boolean gap = left.length() < before.length() || right.length() < after.length();
            String joined = left.isEmpty() || right.isEmpty() || !gap ? left + right : left + " " + right;
            variants.add(joined.strip());
        }
        return variants;
    }

    /**
     * The occlusion map: one row ("score drop"), a column per unit, value = baseline − score without the unit.
     *
     * @param baseline the full document's score, re-scored together with the variants
     * @param scores   the variants' scores, in the order of {@code units}
     * @param score    the run's score of the document (NaN when unknown)
     */
    public static ExplanationMap map(String ranker, List<AxisUnit> units, OcclusionUnit unit, double baseline,
                                     double[] scores, double score) {
        if (scores.length != units.size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + units.size() + " units");
        }
        double[][] values = new double[1][scores.length];
        for (int i = 0; i < scores.length; i++) {
            values[0][i] = baseline - scores[i];
        }
        String name = unit == OcclusionUnit.WORD ? "word" : "sentence";
        List<String> notes = List.of(
                "Each " + name + " was taken out of the document on its own and the rest re-scored; a cell is the "
                        + "full document's score minus the score without that " + name + ".",
                "Red: taking it out lowers the score (it helped). Blue: the score rises without it (it held the "
                        + "document back). White: no change.",
                String.format(Locale.ROOT, "The full document re-scored to %s with the variants%s.",
                        number(baseline), Double.isNaN(score) ? ""
                                : String.format(Locale.ROOT, "; the run scored it %s", number(score))));
        return new ExplanationMap(ExplainMethod.OCCLUSION, ranker,
                "Occlusion, score drop per " + name + " (" + units.size() + " " + name + "s)", "score drop",
                ColorScale.Kind.DIVERGING, List.of(new AxisUnit("score drop", Segment.SPECIAL, null)), units, values,
                Double.NaN, score, baseline, ExplanationMap.NOT_ATTENTION, ExplanationMap.NOT_ATTENTION, 0, 0, null,
                null, unit, null, false, notes);
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
