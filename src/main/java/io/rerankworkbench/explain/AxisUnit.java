package io.rerankworkbench.explain;

import io.rerankworkbench.core.TextSpan;

import java.util.Objects;

/**
 * One row or column of a map: a word, a word-piece, a sentence or a special token.
 *
 * @param label   what to print (the word as written; a word-piece as the tokenizer spells it, e.g. {@code ##ing})
 * @param segment whose text it is in
 * @param span    its characters in that text (the whole document, also when only a window was shown); {@code null}
 *                for special tokens
 */
public record AxisUnit(String label, Segment segment, TextSpan span) {
    public AxisUnit {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(segment, "segment");
        if (segment != Segment.SPECIAL && span == null) {
            throw new IllegalArgumentException("a " + segment + " unit needs its span");
        }
    }
}
