package io.rerankworkbench.io.exports;

import java.util.Objects;

/**
 * Choices of a project export.
 *
 * @param runs          CSV and TREC: which run of each query is written (see {@link RunSelection}); a TREC run holds one
 *                      ranking per query, so not {@link RunSelection#ALL}
 * @param gradeRule     how the CSV {@code label} and the qrels grade are made when a pair has several grades
 * @param byteOrderMark CSV: start with a UTF-8 byte order mark, which Excel needs to read a double-clicked CSV as
 *                      UTF-8 (off by default: scripts, pandas and most tools take the mark for part of the first
 *                      column's name)
 * @param runTag        TREC: the run tag for every line, or null for one made of each run's ranker and model
 */
public record ExportOptions(RunSelection runs, GradeRule gradeRule, boolean byteOrderMark, String runTag) {

    /** Latest completed runs, newest grade, no byte order mark, tags from the runs. */
    public static final ExportOptions DEFAULT = new ExportOptions(RunSelection.LATEST, GradeRule.NEWEST, false, null);

    public ExportOptions {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(gradeRule, "gradeRule");
    }

    /** Whether every run of each query is written. */
    public boolean allRuns() {
        return runs instanceof RunSelection.All;
    }

    public ExportOptions withRuns(RunSelection value) {
        return new ExportOptions(value, gradeRule, byteOrderMark, runTag);
    }

    /** Every run ({@code true}) or the latest completed one ({@code false}). */
    public ExportOptions withAllRuns(boolean value) {
        return withRuns(value ? RunSelection.ALL : RunSelection.LATEST);
    }

    public ExportOptions withGradeRule(GradeRule value) {
        return new ExportOptions(runs, value, byteOrderMark, runTag);
    }

    public ExportOptions withByteOrderMark(boolean value) {
        return new ExportOptions(runs, gradeRule, value, runTag);
    }

    public ExportOptions withRunTag(String value) {
        return new ExportOptions(runs, gradeRule, byteOrderMark, value);
    }
}
