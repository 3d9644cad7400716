package io.rerankworkbench.io.exports;

import java.util.Objects;

/**
 * Choices of a project export.
 *
 * @param runs          CSV and TREC: which run of each query is written (see {@link RunSelection}); a TREC run
 *                      holds one ranking per query, so not {@link RunSelection#ALL}
 * @param gradeRule     how the CSV {@code label} and the qrels grade are made when a pair has several grades
 * @param byteOrderMark CSV: start with a UTF-8 byte order mark, which Excel needs to read a double-clicked CSV as
 *                      UTF-8 (off by default: scripts, pandas and most tools take the mark for part of the first
 *                      column's name)
 * @param runTag        TREC: the run tag for every line, or null for one made of each run's ranker and model (and the
 *                      variant)
 * @param variant       0: CSV writes each query's runs and then its variants' runs, TREC the queries' own runs; N:
 *                      both write the runs of variant N of each query alone (queries without it are skipped). The
 *                      runs of a variant are chosen by {@code runs} as a query's are
 */
public record ExportOptions(RunSelection runs, GradeRule gradeRule, boolean byteOrderMark, String runTag,
                            int variant) {

    /** Latest completed runs, newest grade, no byte order mark, tags from the runs, variants as {@code variant} 0. */
    public static final ExportOptions DEFAULT = new ExportOptions(RunSelection.LATEST, GradeRule.NEWEST, false, null);

    public ExportOptions {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(gradeRule, "gradeRule");
        if (variant < 0) {
            throw new IllegalArgumentException("variant numbers start at 1, was " + variant);
        }
    }

    /** Options with {@code variant} 0. */
    public ExportOptions(RunSelection runs, GradeRule gradeRule, boolean byteOrderMark, String runTag) {
        this(runs, gradeRule, byteOrderMark, runTag, 0);
    }

    /** Whether every run of each query is written. */
    public boolean allRuns() {
        return runs instanceof RunSelection.All;
    }

    public ExportOptions withRuns(RunSelection value) {
        return new ExportOptions(value, gradeRule, byteOrderMark, runTag, variant);
    }

    /** Every run ({@code true}) or the latest completed one ({@code false}). */
    public ExportOptions withAllRuns(boolean value) {
        return withRuns(value ? RunSelection.ALL : RunSelection.LATEST);
    }

    public ExportOptions withGradeRule(GradeRule value) {
        return new ExportOptions(runs, value, byteOrderMark, runTag, variant);
    }

    public ExportOptions withByteOrderMark(boolean value) {
        return new ExportOptions(runs, gradeRule, value, runTag, variant);
    }

    public ExportOptions withRunTag(String value) {
        return new ExportOptions(runs, gradeRule, byteOrderMark, value, variant);
    }

    /** Variant {@code value}'s runs alone, or (0) the queries' own runs and, in CSV, their variants'. */
    public ExportOptions withVariant(int value) {
        return new ExportOptions(runs, gradeRule, byteOrderMark, runTag, value);
    }
}
