package io.rerankworkbench.io.imports;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * The first rows of a CSV/TSV file as detected, for the import dialog.
 *
 * @param charset   the detected encoding
 * @param delimiter the detected delimiter
 * @param hasHeader whether the first record looks like a header (at least one cell is a known column name)
 * @param header    the header's names, or "column 1", "column 2", … when there is no header
 * @param rows      the first data rows (the header excluded), each as its cells
 * @param suggested the mapping suggested by the header names (empty without a header)
 * @param problems  what went wrong reading the start of the file (not decodable, unclosed quote); empty when fine
 */
public record CsvPreview(Path file, Charset charset, char delimiter, boolean hasHeader, List<String> header,
                         List<List<String>> rows, ColumnMapping suggested, List<ImportProblem> problems) {

    public CsvPreview {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        problems = List.copyOf(problems);
    }

    /** Options that read the file as previewed, with the suggested mapping. */
    public CsvOptions options(boolean skipBadRows) {
        return new CsvOptions(charset, delimiter, hasHeader, suggested, skipBadRows);
    }
}
