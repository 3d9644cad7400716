package io.rerankworkbench.cli;

import io.rerankworkbench.store.StoreException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Who else has a project file open, for the message when SQLite reports it busy. */
final class FileHolders {

    private FileHolders() {
    }

    /** Whether {@code e} or a cause is SQLite's "database is locked/busy". */
    static boolean isBusy(Throwable e) {
        return StoreException.isBusy(e);
    }

    /**
     * The message for a project another program is writing: what holds it (on Linux, the other processes with the
     * file or its WAL open, from /proc) and what to do.
     */
    static String busyMessage(Path project, String what) {
        List<String> holders = holders(project);
        return project.getFileName() + " is being written by another program"
                + (holders.isEmpty() ? " (an SQLite client holds its write lock)" : ": " + String.join(", ", holders))
                + "; " + what + ". Close that program, or wait for it to finish, and try again.";
    }

    /** "pid 1234 (sqlite3)" for each other process with the project, its WAL or its journal open; Linux only. */
    static List<String> holders(Path project) {
        List<String> found = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return found;
        }
        Path real;
        try {
            real = project.toRealPath();
        } catch (IOException e) {
            return found;
        }
        List<Path> names = List.of(real, real.resolveSibling(real.getFileName() + "-wal"),
                real.resolveSibling(real.getFileName() + "-journal"));
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path pidDir : pids) {
                if (pidDir.getFileName().toString().equals(Long.toString(self)) || found.size() >= 5) {
                    continue;
                }
                if (holdsAny(pidDir.resolve("fd"), names)) {
                    String comm;
                    try {
                        comm = Files.readString(pidDir.resolve("comm")).strip();
                    } catch (IOException e) {
                        comm = "?";
                    }
                    found.add("process " + pidDir.getFileName() + " (" + comm + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: without /proc access the message names no process.
        }
        return found;
    }

    private static boolean holdsAny(Path fdDir, List<Path> names) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (names.contains(Files.readSymbolicLink(fd))) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not ours to read
        }
        return false;
    }
}
