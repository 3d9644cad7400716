package io.rerankworkbench.io.imports;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How {@link CsvImport#read} reads a file: usually what {@link CsvImport#preview} detected, possibly corrected by the
 * user in the import dialog.
 *
 * @param charset     the encoding; a byte-order mark of this encoding at the start is skipped
 * @param delimiter   ',', '\t', ';' or '|' (any character other than the quote and line ends works)
 * @param hasHeader   whether the first record names the columns (it is then not read as data)
 * @param mapping     which column holds what
 * @param skipBadRows leave bad rows out instead of refusing the file
 */
public record CsvOptions(Charset charset, char delimiter, boolean hasHeader, ColumnMapping mapping,
                         boolean skipBadRows) {
    public CsvOptions {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(mapping, "mapping");
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("unusable delimiter " + (int) delimiter);
        }
    }

    /** A copy that does (or does not) skip bad rows. */
    public CsvOptions withSkipBadRows(boolean skip) {
        return new CsvOptions(charset, delimiter, hasHeader, mapping, skip);
    }

    /** A copy with another column mapping (the user's choice in the import dialog). */
    public CsvOptions withMapping(ColumnMapping newMapping) {
        return new CsvOptions(charset, delimiter, hasHeader, newMapping, skipBadRows);
    }
}
