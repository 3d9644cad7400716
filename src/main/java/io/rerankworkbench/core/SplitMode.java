package io.rerankworkbench.core;

/** How pasted text is cut into candidates. */
public enum SplitMode {
    /** Every non-blank line is one candidate. */
    LINES,
    /** Blocks separated by one or more blank lines are candidates; line breaks inside a block become spaces. */
    PARAGRAPHS
}
