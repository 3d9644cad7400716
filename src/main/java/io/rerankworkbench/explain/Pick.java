package io.rerankworkbench.explain;

import java.util.Objects;

/**
 * Which attention to draw.
 *
 * @param layer       0-based layer, or {@link #MEAN} for the mean over all layers
 * @param head        0-based head, or {@link #MEAN} for the mean over all heads
 * @param block       which part of the attention matrix
 * @param granularity words (default) or word-pieces
 */
public record Pick(int layer, int head, Block block, Granularity granularity) {

    public static final int MEAN = -1;

    public Pick {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(granularity, "granularity");
        if (layer < MEAN || head < MEAN) {
            throw new IllegalArgumentException("layer and head are >= 0 or MEAN");
        }
    }

    /** Mean of all layers and heads, words. */
    public static Pick mean(Block block) {
        return new Pick(MEAN, MEAN, block, Granularity.WORDS);
    }
}
