package io.rerankworkbench.io.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one import, keeping the first {@value #LIMIT}: a file with a broken column would
 * otherwise produce one message per row, which nobody reads and which could exhaust memory on a large file.
 */
final class Problems {

    static final int LIMIT = 200;

    private final List<ImportProblem> kept = new ArrayList<>();
    private long dropped;
    private boolean fatal;

    void add(Path file, long line, String reason) {
        if (kept.size() < LIMIT) {
            kept.add(new ImportProblem(file, line, reason));
        } else {
            dropped++;
        }
    }

    /** A problem that skipping bad rows cannot remedy (see {@link ImportResult#fatal()}). */
    void addFatal(Path file, long line, String reason) {
        fatal = true;
        add(file, line, reason);
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    long count() {
        return kept.size() + dropped;
    }

    boolean fatal() {
        return fatal;
    }

    /** The kept problems, followed by "… and N more problems" when some were dropped. */
    List<ImportProblem> list() {
        if (dropped == 0) {
            return List.copyOf(kept);
        }
        List<ImportProblem> all = new ArrayList<>(kept);
        all.add(new ImportProblem(null, 0, "… and " + dropped + " more problem" + (dropped == 1 ? "" : "s")));
        return all;
    }
}
