package io.rerankworkbench.ui.common;

import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Text measuring and number formatting for controls that draw their own text on a canvas. FX thread only. */
public final class TextMeasure {

    private static final String ELLIPSIS = "…";
    // One off-scene Text node measures everything; nothing shows it.
    private static final Text PROBE = new Text();

    private TextMeasure() {
    }

    public static double width(String text, Font font) {
        PROBE.setFont(font);
        PROBE.setText(text);
        return PROBE.getLayoutBounds().getWidth();
    }

    public static double lineHeight(Font font) {
        PROBE.setFont(font);
        PROBE.setText("Ag");
        return Math.ceil(PROBE.getLayoutBounds().getHeight());
    }

    public static Font bold(Font font) {
        return Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
    }

    /** {@code text}, or its longest prefix plus an ellipsis, whichever is the longest that fits {@code maxWidth}. */
    public static String fit(String text, Font font, double maxWidth) {
        if (width(text, font) <= maxWidth) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) { // the longest prefix whose "prefix…" fits
            int mid = (lo + hi + 1) >>> 1;
            if (width(text.substring(0, mid) + ELLIPSIS, font) <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? ELLIPSIS : text.substring(0, lo) + ELLIPSIS;
    }

    /** A short form for axis ticks: three significant digits, no trailing zeros, exponent only when far from 1. */
    static String tick(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-3 || magnitude >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
