package io.rerankworkbench.explain;

import io.rerankworkbench.core.TextSpan;

import java.util.List;

/**
 * A word of the original text and the sub-word tokens it was cut into.
 *
 * @param text    the word as it appears in the original text
 * @param span    its characters in the original text, for highlighting
 * @param tokens  indices of its tokens in the model input
 */
public record Word(String text, TextSpan span, List<Integer> tokens) {
    public Word {
        tokens = List.copyOf(tokens);
    }
}
