package io.rerankworkbench.ui.common;

import io.rerankworkbench.core.ColorScale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link HeatmapView} draws: a matrix of values over labelled rows and columns, the scale that colours them and
 * what a value is. Immutable: the lists and the matrix are copied in, and {@link #values()} hands out a copy.
 *
 * @param rowLabels      one short label per row, top to bottom
 * @param columnLabels   one short label per column, left to right
 * @param values         {@code [row][column]}; NaN where a cell has no value (drawn grey)
 * @param scale          colours the values, and the legend
 * @param valueName      what a cell's number is ("attention", "score drop"), shown on hover and in the legend
 * @param rowTooltips    a longer description per row, shown on hover; null for none
 * @param columnTooltips a longer description per column, shown on hover; null for none
 */
public record HeatmapData(List<String> rowLabels, List<String> columnLabels, double[][] values, ColorScale scale,
                          String valueName, List<String> rowTooltips, List<String> columnTooltips) {

    public HeatmapData {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(valueName, "valueName");
        rowLabels = labels(rowLabels, "rowLabels");
        columnLabels = labels(columnLabels, "columnLabels");
        Objects.requireNonNull(values, "values");
        if (values.length != rowLabels.size()) {
            throw new IllegalArgumentException("values has " + values.length + " rows but rowLabels has "
                    + rowLabels.size());
        }
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            if (values[r] == null || values[r].length != columnLabels.size()) {
                throw new IllegalArgumentException("values row " + r + " has "
                        + (values[r] == null ? "no array" : values[r].length + " columns")
                        + " but columnLabels has " + columnLabels.size());
            }
            copy[r] = values[r].clone();
        }
        values = copy;
        rowTooltips = tooltips(rowTooltips, rowLabels.size(), "rowTooltips");
        columnTooltips = tooltips(columnTooltips, columnLabels.size(), "columnTooltips");
    }

    /** A map without tooltips. */
    public HeatmapData(List<String> rowLabels, List<String> columnLabels, double[][] values, ColorScale scale,
                       String valueName) {
        this(rowLabels, columnLabels, values, scale, valueName, null, null);
    }

    /** A map coloured by a scale of {@code kind} that covers its values. */
    public static HeatmapData covering(List<String> rowLabels, List<String> columnLabels, double[][] values,
                                       ColorScale.Kind kind, String valueName) {
        return new HeatmapData(rowLabels, columnLabels, values, ColorScale.covering(kind, values), valueName);
    }

    public int rowCount() {
        return rowLabels.size();
    }

    public int columnCount() {
        return columnLabels.size();
    }

    public double value(int row, int column) {
        return values[row][column];
    }

    /** A copy of the matrix. */
    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        return copy;
    }

    /** The row's longer description, or null. */
    public String rowTooltip(int row) {
        return rowTooltips == null ? null : rowTooltips.get(row);
    }

    /** The column's longer description, or null. */
    public String columnTooltip(int column) {
        return columnTooltips == null ? null : columnTooltips.get(column);
    }

    /**
     * "row → column: value value-name" with the value to six significant digits ("no value" for NaN), then the row's
     * and the column's descriptions, one a line, if there are any.
     */
    public String describeCell(int row, int column) {
        double v = values[row][column];
        StringBuilder text = new StringBuilder()
                .append(rowLabels.get(row)).append(" → ").append(columnLabels.get(column)).append(": ")
                .append(Double.isNaN(v) ? "no value" : String.format(Locale.ROOT, "%.6g", v));
        if (!valueName.isEmpty() && !Double.isNaN(v)) {
            text.append(' ').append(valueName);
        }
        appendLine(text, rowTooltip(row));
        appendLine(text, columnTooltip(column));
        return text.toString();
    }

    /** The row's label, and its description on a second line if it has one. */
    public String describeRow(int row) {
        StringBuilder text = new StringBuilder(rowLabels.get(row));
        appendLine(text, rowTooltip(row));
        return text.toString();
    }

    /** The column's label, and its description on a second line if it has one. */
    public String describeColumn(int column) {
        StringBuilder text = new StringBuilder(columnLabels.get(column));
        appendLine(text, columnTooltip(column));
        return text.toString();
    }

    private static void appendLine(StringBuilder text, String line) {
        if (line != null && !line.isEmpty()) {
            text.append('\n').append(line);
        }
    }

    private static List<String> labels(List<String> labels, String name) {
        Objects.requireNonNull(labels, name);
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null) {
                throw new IllegalArgumentException(name + " has no label at index " + i);
            }
        }
        return List.copyOf(labels);
    }

    private static List<String> tooltips(List<String> tips, int expected, String name) {
        if (tips == null) {
            return null;
        }
        if (tips.size() != expected) {
            throw new IllegalArgumentException(name + " has " + tips.size() + " entries for " + expected + " labels");
        }
        // Entries may be null (no description for that one); List.copyOf refuses nulls.
        return Collections.unmodifiableList(new ArrayList<>(tips));
    }
}
