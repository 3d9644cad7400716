package io.rerankworkbench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The "one window per project" guard: an OS file lock on a sidecar {@code <project>.lock}.
 *
 * <p>A sidecar rather than {@code PRAGMA locking_mode=EXCLUSIVE} because it leaves SQLite's own WAL locking alone, so
 * any SQLite client can still read an open project, and because the lock belongs to the process: the OS drops it
 * when the process dies (even by SIGKILL), so a crash never leaves a project that refuses to open. Across processes it
 * is an {@code fcntl} lock on Linux/macOS and {@code LockFileEx} on Windows; inside one JVM the second attempt fails
 * with {@link OverlappingFileLockException}. Both count as "in use". The file holds the owner's description (pid@host)
 * for the message.
 */
final class ProjectLock implements AutoCloseable {

    /**
     * The locked byte lies far past the owner text: Windows locks are mandatory, and locking the whole file would stop
     * anyone (this process included, through another handle) from reading who holds it.
     */
    private static final long LOCK_POSITION = 1L << 40;

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final String token;

    private ProjectLock(Path lockFile, FileChannel channel, FileLock lock, String token) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.token = token;
    }

    static Path lockFileOf(Path project) {
        return project.resolveSibling(project.getFileName() + ".lock");
    }

    /** Takes the lock or explains who holds it. */
    static ProjectLock acquire(Path project) throws ProjectOpenException {
        Path lockFile = lockFileOf(project);
        // A closing owner deletes the lock file; if we locked the file it just unlinked, try again on the new one.
        for (int attempt = 0; attempt < 5; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileLock lock;
                try {
                    lock = channel.tryLock(LOCK_POSITION, 1, false);
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String owner = readOwner(lockFile);
                    channel.close();
                    throw inUse(project, owner);
                }
                String token = UUID.randomUUID() + " " + ManagementFactory.getRuntimeMXBean().getName();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                if (token.equals(readOwnerToken(lockFile))) {
                    return new ProjectLock(lockFile, channel, lock, token);
                }
                channel.close(); // we locked an unlinked file; the path now names another one
            } catch (ProjectOpenException e) {
                throw e;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new ProjectOpenException(project, ProjectOpenException.Reason.FAILED,
                        "Cannot lock " + project + " (" + lockFile.getFileName() + "): " + e.getMessage(), e);
            }
        }
        throw inUse(project, readOwner(lockFile));
    }

    private static ProjectOpenException inUse(Path project, String owner) {
        String who = owner == null || owner.isBlank() ? "another Rerank Workbench window" : "another Rerank Workbench "
                + "window (process " + owner + ")";
        return new ProjectOpenException(project, ProjectOpenException.Reason.IN_USE,
                project.getFileName() + " is already open in " + who + ". Close it there first, or open a copy.");
    }

    private static String readOwnerToken(Path lockFile) throws IOException {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The pid@host part of the owner's token, or null when unreadable. */
    private static String readOwner(Path lockFile) {
        try {
            String token = readOwnerToken(lockFile);
            if (token == null) {
                return null;
            }
            int space = token.indexOf(' ');
            return space < 0 ? null : token.substring(space + 1).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // Delete while still holding the lock, so nobody can lock this file between our check and the delete;
            // a waiter that opened it before the delete sees the token mismatch and retries on the new file.
            if (token.equals(readOwnerToken(lockFile))) {
                Files.deleteIfExists(lockFile);
            }
        } catch (IOException e) {
            // Windows refuses to delete an open file; a stale unlocked lock file is harmless.
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
