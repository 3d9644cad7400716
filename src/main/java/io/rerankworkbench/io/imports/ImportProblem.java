package io.rerankworkbench.io.imports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an import: where (file and 1-based line; line 0 for the whole file) and why, in words a user
 * can act on. {@link #toString()} is the message as shown: {@code run.trec:12: expected 6 fields, found 5}.
 *
 * @param file    may be null for problems that are about the project, not a file
 */
public record ImportProblem(Path file, long line, String reason) {
    public ImportProblem {
        Objects.requireNonNull(reason, "reason");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    @Override
    public String toString() {
        if (file == null) {
            return reason;
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return name + (line > 0 ? ":" + line : "") + ": " + reason;
    }

    /**
     * How many problems {@code problems} stands for: its entries, with the closing "… and N more problems" entry
     * (see {@code Problems}) counted as the N it stands for.
     */
    public static long count(java.util.List<ImportProblem> problems) {
        long n = 0;
        for (ImportProblem p : problems) {
            java.util.regex.Matcher m = MORE.matcher(p.reason());
            n += p.file() == null && m.matches() ? Long.parseLong(m.group(1)) : 1;
        }
        return n;
    }

    private static final java.util.regex.Pattern MORE = java.util.regex.Pattern.compile("… and (\\d+) more problems?");
}
