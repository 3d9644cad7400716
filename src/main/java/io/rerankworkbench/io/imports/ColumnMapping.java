package io.rerankworkbench.io.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which column (0-based) holds which {@link CsvField}; a field that is not in the file is absent. Required: a query
 * (its id, its text or both), and the document text. Without a doc id column, documents are numbered by their
 * initial rank ("1", "2", … per query); without a query id column, queries get ids {@code q1}, {@code q2}, … in the
 * order their text first appears.
 */
public final class ColumnMapping {

    private final Map<CsvField, Integer> columns;

    private ColumnMapping(Map<CsvField, Integer> columns) {
        this.columns = columns;
    }

    /** A mapping with no column mapped (for a file without a header; fill it with {@link #with}). */
    public static ColumnMapping empty() {
        return new ColumnMapping(new EnumMap<>(CsvField.class));
    }

    /** A copy with {@code field} in {@code column} (0-based), or without it when {@code column} is negative. */
    public ColumnMapping with(CsvField field, int column) {
        Objects.requireNonNull(field, "field");
        EnumMap<CsvField, Integer> copy = new EnumMap<>(CsvField.class);
        copy.putAll(columns);
        if (column < 0) {
            copy.remove(field);
        } else {
            copy.put(field, column);
        }
        return new ColumnMapping(copy);
    }

    /** The 0-based column of {@code field}, or -1 when the file has none. */
    public int column(CsvField field) {
        return columns.getOrDefault(field, -1);
    }

    /** Whether the file has a column for {@code field}. */
    public boolean has(CsvField field) {
        return columns.containsKey(field);
    }

    /** The largest mapped column index, or -1 when nothing is mapped. */
    public int maxColumn() {
        return columns.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    /** What is still missing before a file can be read with this mapping, in words; empty when complete. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!has(CsvField.QUERY_ID) && !has(CsvField.QUERY_TEXT)) {
            missing.add("a query id or query text column");
        }
        if (!has(CsvField.TEXT)) {
            missing.add("a text column");
        }
        return missing;
    }

    /** The suggested mapping for a header row: each field in the first column whose name is one of its synonyms. */
    public static ColumnMapping fromHeader(List<String> header) {
        EnumMap<CsvField, Integer> found = new EnumMap<>(CsvField.class);
        for (CsvField field : CsvField.values()) {
            for (int i = 0; i < header.size(); i++) {
                if (field.matches(header.get(i)) && !found.containsValue(i)) {
                    found.put(field, i);
                    break;
                }
            }
        }
        return new ColumnMapping(found);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMapping other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "ColumnMapping" + columns;
    }
}
