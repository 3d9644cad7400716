package io.rerankworkbench.eval.plot;

import java.util.List;

/**
 * The colour tone of a grade, as the labeling window colours grades: the scale's grades spread over tones 0 (lowest,
 * "not relevant") … 4 (highest), so a two-grade scale is tone 0 and 4 and a five-grade scale uses all five.
 */
public final class GradeTones {

    /** Number of tones; tone names in the stylesheets are 0 … TONES − 1. */
    public static final int TONES = 5;

    private GradeTones() {
    }

    /**
     * @param grade  a grade in {@code grades}
     * @param grades the grades of the scale (or the grades present), ascending
     * @return 0 … 4; a grade outside the list gets the tone of the nearest grade, one grade alone gets tone 4
     */
    public static int tone(int grade, List<Integer> grades) {
        if (grades.isEmpty()) {
            return TONES - 1;
        }
        int i = 0;
        while (i < grades.size() - 1 && grades.get(i) < grade) {
            i++;
        }
        if (grades.size() < 2) {
            return TONES - 1;
        }
        return Math.round((TONES - 1f) * i / (grades.size() - 1));
    }
}
