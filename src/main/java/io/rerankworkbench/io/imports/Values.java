package io.rerankworkbench.io.imports;

/** Strict parsing of the numbers in import files ({@code null} means "not a valid value"), and counts in words. */
final class Values {

    // Plain decimal notation only, [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?: Double.parseDouble would also take
    // "1d", "0x1p3", "NaN" and "Infinity". Checked by hand rather than by a regular expression: a run file has a
    // million of these, and the pattern cost more than everything else in reading it (ValuesTest holds the pattern).
    private Values() {
    }

    /** A finite decimal number, or null. */
    static Double number(String s) {
        String t = s.strip();
        if (!isDecimal(t)) {
            return null;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
    }

    /** An int written as a whole number, or null. */
    static Integer integer(String s) {
        String t = s.strip();
        if (!isInteger(t)) {
            return null;
        }
        long v = Long.parseLong(t);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** {@code [+-]?\d{1,10}}. */
    static boolean isInteger(String t) {
        int i = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
        int digits = t.length() - i;
        if (digits < 1 || digits > 10) {
            return false;
        }
        for (; i < t.length(); i++) {
            if (!isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}. */
    static boolean isDecimal(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int before = i;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
        }
        int intDigits = i - before;
        int fracDigits = 0;
        if (i < n && t.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            fracDigits = i - start;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    // Only ASCII digits: \d in a Java pattern without UNICODE_CHARACTER_CLASS.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
