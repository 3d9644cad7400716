package io.rerankworkbench.io.imports;

import java.util.regex.Pattern;

/** Strict parsing of the numbers in import files ({@code null} means "not a valid value"), and counts in words. */
final class Values {

    // Plain decimal notation only: Double.parseDouble would also take "1d", "0x1p3", "NaN" and "Infinity".
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");

    private Values() {
    }

    /** A finite decimal number, or null. */
    static Double number(String s) {
        String t = s.strip();
        if (!DECIMAL.matcher(t).matches()) {
            return null;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
    }

    /** An int written as a whole number, or null. */
    static Integer integer(String s) {
        String t = s.strip();
        if (!INTEGER.matcher(t).matches()) {
            return null;
        }
        long v = Long.parseLong(t);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** A grade: an int, also when written as an integral decimal ("2.0"), or null. */
    static Integer grade(String s) {
        Integer i = integer(s);
        if (i != null) {
            return i;
        }
        Double d = number(s);
        if (d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            return null;
        }
        return (int) (double) d;
    }

    /** A value quoted for a message: {@code "abc"}, shortened when long. */
    /** "1 column", "3 columns". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String quote(String s) {
        String t = s.length() > 60 ? s.substring(0, 57) + "…" : s;
        return "\"" + t + "\"";
    }
}
