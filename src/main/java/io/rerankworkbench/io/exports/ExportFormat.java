package io.rerankworkbench.io.exports;

import java.util.Locale;

/** What a project export writes. */
public enum ExportFormat {
    /** Ranked lists as CSV, see {@link RankedListCsvWriter}. */
    CSV("csv"),
    /** A TREC run, see {@link TrecRunExport}. */
    TREC("trec"),
    /** TREC qrels from the judgments, see {@link QrelsWriter}. */
    QRELS("qrels"),
    /** The whole selection as a project bundle, see {@link BundleWriter}. */
    BUNDLE("json");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file name extension, without the dot (for save dialogs). */
    public String extension() {
        return extension;
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
