package io.rerankworkbench.explain;

/** The units of a token-level map's axes. */
public enum Granularity {
    /** Words of the original text (sub-word tokens aggregated; the default). */
    WORDS,
    /** The model's own tokens ({@code ##ing}, {@code ▁the}). */
    WORD_PIECES
}
