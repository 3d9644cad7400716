package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * State shared by the readers of one import: problems, notes, counts, progress and cancellation. One per call of a
 * public read method; not thread-safe (an import reads its sources one after the other on one thread).
 */
final class ReadContext {

    /** Thrown between rows when the user cancels; caught by the public entry points. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private static final int REPORT_EVERY = 4096;

    final Problems problems = new Problems();
    final boolean skipBadRows;
    private final ImportProgress progress;
    private final BooleanSupplier cancelled;
    private final List<String> notes = new ArrayList<>();
    private final List<JudgmentRecord> byQueryText = new ArrayList<>();
    private long rows;
    private long bytes;
    private long totalBytes;
    private long skipped;

    ReadContext(boolean skipBadRows, ImportProgress progress, BooleanSupplier cancelled) {
        this.skipBadRows = skipBadRows;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    static ReadContext of(ImportOptions options) {
        return new ReadContext(options.skipBadRows(), options.progress(), options.cancelled());
    }

    static ReadContext simple(boolean skipBadRows) {
        return new ReadContext(skipBadRows, ImportProgress.NONE, () -> false);
    }

    void setTotalBytes(long total) {
        totalBytes = total;
    }

    void bytesRead(long n) {
        bytes += n;
    }

    long bytesSoFar() {
        return bytes;
    }

    /** Counts one row; every few thousand rows reports progress and checks for cancellation. */
    void row() {
        rows++;
        if (rows % REPORT_EVERY == 0) {
            progress.progress(rows, bytes, totalBytes);
            checkCancelled();
        }
    }

    void checkCancelled() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    void reportProgress() {
        progress.progress(rows, bytes, totalBytes);
    }

    void problem(Path file, long line, String reason) {
        problems.add(file, line, reason);
    }

    void fatal(Path file, long line, String reason) {
        problems.addFatal(file, line, reason);
    }

    /** A row with problems was left out; counted only when the user chose to skip bad rows. */
    void badRow() {
        badRows(1);
    }

    void badRows(long n) {
        if (skipBadRows) {
            skipped += n;
        }
    }

    void note(String note) {
        notes.add(note);
    }

    void judgmentByQueryText(JudgmentRecord judgment) {
        byQueryText.add(judgment);
    }

    List<JudgmentRecord> judgmentsByQueryText() {
        return byQueryText;
    }

    ImportResult result(ProjectData data) {
        return new ImportResult(data, problems.list(), skipped, problems.fatal(), notes, byQueryText);
    }

    ImportResult cancelledResult() {
        problems.addFatal(null, 0, "the import was cancelled");
        return new ImportResult(ProjectData.empty(), problems.list(), skipped, true, notes, List.of());
    }
}
