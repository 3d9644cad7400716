package io.rerankworkbench.core;

/** A character range {@code [start, end)} of a text. */
public record TextSpan(int start, int end) {
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    /** The spanned part of {@code text}. */
    public String of(String text) {
        return text.substring(start, Math.min(end, text.length()));
    }
}
