package io.rerankworkbench.core;

import java.util.Comparator;

/**
 * Strings in Unicode code point order, which for UTF-8 text is the byte order C's {@code strcmp} sees — the order
 * trec_eval breaks score ties by (descending) and sorts query ids by. {@link String#compareTo} compares UTF-16
 * units instead, which differs for characters beyond the Basic Multilingual Plane.
 */
public final class CodePointOrder {

    /** The comparator. */
    public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

    private static int compare(String x, String y) {
        // Fast path: up to the first differing UTF-16 unit the strings are equal; when neither unit there is a
        // surrogate, the code points there are those units themselves (a high surrogate just before, shared by
        // both, cannot pair with either), so the units decide. Otherwise walk the code points.
        int n = Math.min(x.length(), y.length());
        for (int k = 0; k < n; k++) {
            char a = x.charAt(k);
            char b = y.charAt(k);
            if (a != b) {
                if (!Character.isSurrogate(a) && !Character.isSurrogate(b)) {
                    return Integer.compare(a, b);
                }
                return byCodePoints(x, y);
            }
        }
        // One is a prefix of the other: the shorter comes first (also when the longer goes on with the low half of
        // a surrogate pair: the pair's code point is above the lone high half's).
        return Integer.compare(x.length(), y.length());
    }

    private static int byCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    private CodePointOrder() {
    }
}
