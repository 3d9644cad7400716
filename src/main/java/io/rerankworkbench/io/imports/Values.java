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

    /** Powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * {@link #number(String)} of the ASCII field {@code b[from, to)} (no whitespace in it), NaN when it is not a
     * finite decimal number. Always exactly {@link Double#parseDouble}'s value: a mantissa of at most 2^53 scaled by
     * at most 10^22 is computed with one correctly rounded multiplication or division (Clinger's fast path), anything
     * else goes to {@code Double.parseDouble}.
     */
    static double number(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0; // significant digits in mantissa
        int scale = 0;  // value = mantissa * 10^scale
        boolean exact = true;
        int intDigits = 0;
        for (; i < to && isDigit((char) b[i]); i++) {
            intDigits++;
            int d = b[i] - '0';
            if (mantissa != 0 || d != 0) {
                if (++digits > 18) {
                    exact = false;
                } else {
                    mantissa = mantissa * 10 + d;
                }
            }
            if (digits > 18) {
                scale++;
            }
        }
        int fracDigits = 0;
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && isDigit((char) b[i]); i++) {
                fracDigits++;
                int d = b[i] - '0';
                if (mantissa != 0 || d != 0) {
                    if (++digits > 18) {
                        exact = false;
                        continue;
                    }
                    mantissa = mantissa * 10 + d;
                }
                scale--;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int start = i;
            int exponent = 0;
            for (; i < to && isDigit((char) b[i]); i++) {
                if (i - start < 9) {
                    exponent = exponent * 10 + (b[i] - '0');
                } else {
                    exact = false;
                }
            }
            if (i == start) {
                return Double.NaN;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (exact && mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (exact && mantissa <= (1L << 53) && scale >= -22 && scale <= 22) {
            double v = scale >= 0 ? mantissa * EXACT_POWERS[scale] : mantissa / EXACT_POWERS[-scale];
            return negative ? -v : v;
        }
        double d = Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /** Whether the ASCII field {@code b[from, to)} is {@link #integer(String) an int}. */
    static boolean isInt(byte[] b, int from, int to) {
        int i = from < to && (b[from] == '+' || b[from] == '-') ? from + 1 : from;
        int digits = to - i;
        if (digits < 1 || digits > 10) {
            return false;
        }
        long v = 0;
        for (; i < to; i++) {
            if (!isDigit((char) b[i])) {
                return false;
            }
            v = v * 10 + (b[i] - '0');
        }
        return b[from] == '-' ? -v >= Integer.MIN_VALUE : v <= Integer.MAX_VALUE;
    }

    /** The value of an ASCII field that {@link #isInt(byte[], int, int)} accepts. */
    static int intValue(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        int i = b[from] == '+' || negative ? from + 1 : from;
        long v = 0;
        for (; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return (int) (negative ? -v : v);
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
