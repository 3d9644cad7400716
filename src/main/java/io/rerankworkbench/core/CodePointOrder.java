package io.rerankworkbench.core;

import java.util.Comparator;

/**
 * Strings in Unicode code point order, which for UTF-8 text is the byte order C's {@code strcmp} sees — the order
 * trec_eval breaks score ties by (descending) and sorts query ids by. {@link String#compareTo} compares UTF-16
 * units instead, which differs for characters beyond the Basic Multilingual Plane.
 */
public final class CodePointOrder {

    /** The comparator. */
    public static final Comparator<String> COMPARATOR = (x, y) -> {
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
    };

    private CodePointOrder() {
    }
}
