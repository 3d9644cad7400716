package io.rerankworkbench.io;

import java.nio.file.Path;

/**
 * An input file could not be read as the format it claims to be. The message names the file, the line (when there
 * is one) and the problem, ready to show to the user: {@code queries.jsonl:12: missing field "text"}.
 */
public class InputFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String problem;

    public InputFormatException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public InputFormatException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
