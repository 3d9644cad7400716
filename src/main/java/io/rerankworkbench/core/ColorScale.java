package io.rerankworkbench.core;

/**
 * Maps values to colours for heatmaps, toolkit-free so the window, the PNG export and the command line colour a
 * value the same way. Two palettes, both perceptually uniform in lightness steps and readable with the common
 * colour-vision deficiencies:
 * <ul>
 *   <li>{@link Kind#SEQUENTIAL}: viridis (matplotlib's default map; dark blue → green → yellow), for values that
 *       only grow, such as attention;</li>
 *   <li>{@link Kind#DIVERGING}: ColorBrewer's RdBu, reversed (blue below the centre, white at it, red above), for
 *       values with a sign, such as contributions and score drops. The domain is symmetric around 0 so white means
 *       exactly 0.</li>
 * </ul>
 * Colours are packed {@code 0xRRGGBB}. Values outside the domain clamp to its ends; NaN maps to mid grey.
 */
public final class ColorScale {

    public enum Kind { SEQUENTIAL, DIVERGING }

    /** viridis at 17 evenly spaced points (matplotlib's table at 0, 1/16, …, 1). */
    private static final int[] VIRIDIS = {
        0x440154, 0x481A6C, 0x472F7D, 0x414487, 0x39568C, 0x31688E, 0x2A788E, 0x23888E, 0x21918C,
        0x1FA187, 0x22A884, 0x35B779, 0x54C568, 0x7AD151, 0xA5DB36, 0xD2E21B, 0xFDE725};

    /** ColorBrewer RdBu (11 classes), from the most negative (blue) to the most positive (red). */
    private static final int[] BLUE_RED = {
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B,
        0x67001F};

    /** What NaN (no value) is drawn as. */
    public static final int NO_VALUE = 0x9E9E9E;

    private final Kind kind;
    private final double min;
    private final double max;
    private final int[] stops;

    private ColorScale(Kind kind, double min, double max, int[] stops) {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("bad colour domain [" + min + ", " + max + "]");
        }
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.stops = stops;
    }

    /** viridis over {@code [min, max]}. */
    public static ColorScale sequential(double min, double max) {
        return new ColorScale(Kind.SEQUENTIAL, min, max, VIRIDIS);
    }

    /** Blue-white-red over {@code [-maxAbs, maxAbs]}, white at 0. */
    public static ColorScale diverging(double maxAbs) {
        double m = Math.abs(maxAbs);
        return new ColorScale(Kind.DIVERGING, -m, m, BLUE_RED);
    }

    /** A scale of {@code kind} that covers {@code values} (NaN ignored): their range, or ±their largest magnitude. */
    public static ColorScale covering(Kind kind, double[][] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        if (kind == Kind.DIVERGING) {
            return diverging(Math.max(Math.abs(lo), Math.abs(hi)));
        }
        return sequential(lo, hi);
    }

    public Kind kind() {
        return kind;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Where {@code value} sits in the domain, 0…1 (clamped); 0.5 for a domain of one point. */
    public double fraction(double value) {
        if (max == min) {
            return kind == Kind.DIVERGING ? 0.5 : 1.0;
        }
        return Math.max(0, Math.min(1, (value - min) / (max - min)));
    }

    /** The colour of {@code value}, packed {@code 0xRRGGBB}. */
    public int rgb(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        return at(fraction(value));
    }

    /** The palette's colour at fraction {@code t} (0…1), interpolated between its stops. */
    public int at(double t) {
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) x, stops.length - 2);
        double f = x - i;
        int a = stops[i];
        int b = stops[i + 1];
        return (mix(a >> 16, b >> 16, f) << 16) | (mix(a >> 8, b >> 8, f) << 8) | mix(a, b, f);
    }

    private static int mix(int a, int b, double f) {
        int x = a & 0xFF;
        int y = b & 0xFF;
        return (int) Math.round(x + (y - x) * f);
    }

    /** Black or white, whichever reads better on {@code rgb} (by relative luminance). */
    public static int textOn(int rgb) {
        double r = ((rgb >> 16) & 0xFF) / 255.0;
        double g = ((rgb >> 8) & 0xFF) / 255.0;
        double b = (rgb & 0xFF) / 255.0;
        double luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        return luminance > 0.179 ? 0x000000 : 0xFFFFFF;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Override
    public String toString() {
        return kind + " [" + min + ", " + max + "]";
    }
}
