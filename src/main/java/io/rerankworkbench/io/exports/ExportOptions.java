package io.rerankworkbench.io.exports;

import java.util.Objects;

/**
 * Choices of a project export.
 *
 * @param allRuns       CSV: every run of each query, oldest first, instead of only the latest completed one
 * @param gradeRule     how the CSV {@code label} and the qrels grade are made when a pair has several grades
 * @param byteOrderMark CSV: start with a UTF-8 byte order mark, which Excel needs to read a double-clicked CSV as
 *                      UTF-8 (off by default: scripts, pandas and most tools take the mark for part of the first
 *                      column's name)
 * @param runTag        TREC: the run tag for every line, or null for one made of each run's ranker and model
 */
public record ExportOptions(boolean allRuns, GradeRule gradeRule, boolean byteOrderMark, String runTag) {

    /** Latest runs, newest grade, no byte order mark, tags from the runs. */
    public static final ExportOptions DEFAULT = new ExportOptions(false, GradeRule.NEWEST, false, null);

    public ExportOptions {
        Objects.requireNonNull(gradeRule, "gradeRule");
    }

    public ExportOptions withAllRuns(boolean value) {
        return new ExportOptions(value, gradeRule, byteOrderMark, runTag);
    }

    public ExportOptions withGradeRule(GradeRule value) {
        return new ExportOptions(allRuns, value, byteOrderMark, runTag);
    }

    public ExportOptions withByteOrderMark(boolean value) {
        return new ExportOptions(allRuns, gradeRule, value, runTag);
    }

    public ExportOptions withRunTag(String value) {
        return new ExportOptions(allRuns, gradeRule, byteOrderMark, value);
    }
}
