package io.rerankworkbench.store;

import java.io.IOException;
import java.nio.file.Path;

/** A project file could not be created or opened; the message is meant for the user and names the file. */
public final class ProjectOpenException extends IOException {

    /** Why the file was refused, for callers that react differently (e.g. offer "open read-only" later). */
    public enum Reason { NOT_FOUND, ALREADY_EXISTS, NOT_A_DATABASE, NOT_A_PROJECT, NEWER_VERSION, IN_USE, FAILED }

    private final Path file;
    private final Reason reason;

    public ProjectOpenException(Path file, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.reason = reason;
    }

    public ProjectOpenException(Path file, Reason reason, String message) {
        this(file, reason, message, null);
    }

    public Path file() {
        return file;
    }

    public Reason reason() {
        return reason;
    }
}
