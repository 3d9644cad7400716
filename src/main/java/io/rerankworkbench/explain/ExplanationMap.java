package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;

import java.util.List;
import java.util.Objects;

/**
 * One explanation, ready to draw and export: a matrix of values over labelled rows and columns, with everything a
 * reader needs to know about how it was made. Immutable (the arrays are not copied: do not change them).
 *
 * @param method      how the values were computed
 * @param ranker      the ranker's display name (model name or endpoint label)
 * @param title       a one-line description, e.g. "Attention, query → document, layer 3, mean of 12 heads"
 * @param valueName   what a cell's number is, e.g. "attention", "contribution to the cosine score", "score drop"
 * @param scaleKind   sequential for attention and similarity, diverging (centred on 0) for contributions and drops
 * @param rows        row units, top to bottom (query words for cross maps; a single "score drop" row for occlusion)
 * @param columns     column units, left to right (document words, sentences, or query words for self-attention)
 * @param values      {@code [row][column]}
 * @param total       the sum of the cells when they decompose the score (contributions); NaN otherwise
 * @param score       the score of the run this explains, NaN when unknown
 * @param baseline    for occlusion, the full document's score as re-scored with the variants; NaN otherwise
 * @param layer       the layer shown (0-based), {@link Pick#MEAN} for the mean; -2 when not attention
 * @param head        the head shown (0-based), {@link Pick#MEAN} for the mean; -2 when not attention
 * @param layers      how many layers the model has (0 when not attention)
 * @param heads       how many heads per layer (0 when not attention)
 * @param block       the attention block shown; null when not attention
 * @param granularity words or word-pieces; null for occlusion
 * @param unit        for occlusion, what was taken out; null otherwise
 * @param window      the part of the document the model read when it was scored in windows (the winning window);
 *                    null when the whole document was read
 * @param truncated   whether the model did not see the end of the document (the last column is where it stopped)
 * @param notes       sentences a reader must see beside the map (truncation, windows, what the values are not)
 */
public record ExplanationMap(ExplainMethod method, String ranker, String title, String valueName,
                             ColorScale.Kind scaleKind, List<AxisUnit> rows, List<AxisUnit> columns,
                             double[][] values, double total, double score, double baseline, int layer, int head,
                             int layers, int heads, Block block, Granularity granularity, OcclusionUnit unit,
                             TextSpan window, boolean truncated, List<String> notes) {

    /** {@link #layer}/{@link #head} of a map that is not attention. */
    public static final int NOT_ATTENTION = -2;

    public ExplanationMap {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(ranker, "ranker");
        Objects.requireNonNull(scaleKind, "scaleKind");
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
        if (values.length != rows.size()) {
            throw new IllegalArgumentException(values.length + " value rows for " + rows.size() + " row units");
        }
        for (double[] row : values) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(row.length + " values in a row for " + columns.size()
                        + " column units");
            }
        }
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return columns.size();
    }

    public double value(int row, int column) {
        return values[row][column];
    }

    /** The colour scale that covers this map's values (symmetric around 0 when diverging). */
    public ColorScale colorScale() {
        return ColorScale.covering(scaleKind, values);
    }

    /** Per row, the sum of its cells (for contributions: what each query word adds to the score). */
    public double[] rowSums() {
        double[] sums = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            for (double v : values[r]) {
                sums[r] += v;
            }
        }
        return sums;
    }

    /** Per column, the sum of its cells (for contributions: what each document word adds; for occlusion, its drop). */
    public double[] columnSums() {
        double[] sums = new double[columns.size()];
        for (double[] row : values) {
            for (int c = 0; c < row.length; c++) {
                sums[c] += row[c];
            }
        }
        return sums;
    }

    /** Whether the cells add up to the score (contributions), so a total can be printed beside it. */
    public boolean decomposesScore() {
        return !Double.isNaN(total);
    }
}
