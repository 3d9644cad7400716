package io.rerankworkbench.explain;

import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.AttentionResult;

import java.util.List;

/**
 * The attention of one (query, document) pair as a model read it, from which a map for any {@link Pick} is cut
 * cheaply (the model runs once). For a cross-encoder the blocks are {@link Block#CROSS}; for a bi-encoder
 * ({@link AttentionResult.Separate}) {@link Block#SEPARATE}.
 *
 * <p>Word aggregation (documented in docs/explain.md): a word's row is the mean of its tokens' rows, and a word's
 * column the sum of its tokens' columns, so every row of the full word-by-word matrix still sums to 1; a map shows
 * one block of that matrix.
 */
public final class AttentionMaps {

    /**
     * @param attention what {@code Explainable.attention} returned (Available for a pair, or Separate)
     * @param query     the query text the model read (without any model prefix)
     * @param document  the document text the model read (the winning window's text when windowed)
     * @param window    when {@code document} is a window of a longer document, its span in that document (spans of
     *                  the map's units are then shifted into the full document); else null
     * @throws IllegalArgumentException when {@code attention} is {@link AttentionResult.Unavailable}
     */
    public static AttentionMaps of(AttentionResult attention, String query, String document, TextSpan window) {
        throw new UnsupportedOperationException("not yet");
    }

    public int layers() {
        throw new UnsupportedOperationException("not yet");
    }

    public int heads() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The blocks this attention has: {@link Block#CROSS} or {@link Block#SEPARATE}. */
    public List<Block> blocks() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The map for {@code pick}; {@code score} is the run's score of this document (NaN when unknown). */
    public ExplanationMap map(Pick pick, String ranker, double score) {
        throw new UnsupportedOperationException("not yet");
    }
}
