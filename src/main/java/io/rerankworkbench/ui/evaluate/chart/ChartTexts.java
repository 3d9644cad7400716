package io.rerankworkbench.ui.evaluate.chart;

import javafx.util.StringConverter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers and short texts as the charts write them. */
final class ChartTexts {

    static final String MINUS = "\u2212";

    /** Axis tick labels: no "-0.0", a real minus sign, no more decimals than needed (up to four). */
    static final StringConverter<Number> AXIS_NUMBERS = new StringConverter<>() {
        @Override
        public String toString(Number n) {
            double v = Math.abs(n.doubleValue()) < 1e-9 ? 0 : n.doubleValue();
            String s = BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            return s.startsWith("-") ? MINUS + s.substring(1) : s;
        }

        @Override
        public Number fromString(String s) {
            return Double.valueOf(s.replace(MINUS, "-"));
        }
    };

    private ChartTexts() {
    }

    /** 0.6131, −0.0500 (four decimals, a real minus sign). */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.startsWith("-") ? (isZero(s) ? s.substring(1) : MINUS + s.substring(1)) : s;
    }

    /** +0.1289, −0.0500, 0.0000. */
    static String signed(double v) {
        String s = number(v);
        return s.startsWith(MINUS) || isZero(s) ? s : "+" + s;
    }

    /** "q03 how to proof yeast" cut to about {@code max} characters at a word, with an ellipsis when cut. */
    static String queryLabel(String id, String text, int max) {
        if (text == null || text.isBlank()) {
            return id;
        }
        String full = id + "  " + text.strip();
        if (full.length() <= max) {
            return full;
        }
        int cut = full.lastIndexOf(' ', max - 1);
        if (cut <= id.length() + 2) {
            cut = max - 1;
        }
        return full.substring(0, cut).strip() + "\u2026";
    }

    /** "1 query", "12 queries". */
    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static boolean isZero(String s) {
        return s.replaceAll("[^1-9]", "").isEmpty();
    }
}
