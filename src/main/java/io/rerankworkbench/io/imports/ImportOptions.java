package io.rerankworkbench.io.imports;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How {@link ProjectImports#read} reads its sources.
 *
 * @param format      the format of the sources, or null to detect it per source (extension and content)
 * @param skipBadRows leave bad rows out (counted in {@link ImportResult#skippedRows()}) instead of refusing the import
 * @param csv         column mapping and reading options for CSV/TSV sources (the import dialog's choices), or null to
 *                    use what {@link CsvImport#preview} suggests; its own {@code skipBadRows} is ignored in favour of
 *                    the one here
 * @param progress    receives rows and bytes read
 * @param cancelled   polled between rows; when it answers true (or the thread is interrupted) reading stops and the
 *                    result carries a fatal "cancelled" problem
 */
public record ImportOptions(ImportFormat format, boolean skipBadRows, CsvOptions csv, ImportProgress progress,
                            BooleanSupplier cancelled) {

    public ImportOptions {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Detect every format, refuse bad rows, no progress, no cancellation. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, false, null, ImportProgress.NONE, () -> false);
    }

    /** A copy that reads every source in {@code newFormat} (null: detect per source). */
    public ImportOptions withFormat(ImportFormat newFormat) {
        return new ImportOptions(newFormat, skipBadRows, csv, progress, cancelled);
    }

    /** A copy that does (or does not) skip bad rows. */
    public ImportOptions withSkipBadRows(boolean skip) {
        return new ImportOptions(format, skip, csv, progress, cancelled);
    }

    /** A copy with the CSV/TSV options chosen in the import dialog (null: as previewed). */
    public ImportOptions withCsv(CsvOptions newCsv) {
        return new ImportOptions(format, skipBadRows, newCsv, progress, cancelled);
    }

    /** A copy reporting progress to {@code newProgress}. */
    public ImportOptions withProgress(ImportProgress newProgress) {
        return new ImportOptions(format, skipBadRows, csv, newProgress, cancelled);
    }

    /** A copy polling {@code newCancelled} for cancellation. */
    public ImportOptions withCancelled(BooleanSupplier newCancelled) {
        return new ImportOptions(format, skipBadRows, csv, progress, newCancelled);
    }
}
