package io.rerankworkbench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "one window per project" guard: an OS file lock on a sidecar {@code <project>.lock}.
 *
 * <p>A sidecar rather than {@code PRAGMA locking_mode=EXCLUSIVE} because it leaves SQLite's own WAL locking alone, so
 * any SQLite client can still read an open project, and because the lock belongs to the process: the OS drops it
 * when the process dies (even by SIGKILL), so a crash never leaves a project that refuses to open. Across processes it
 * is an {@code fcntl} lock on Linux/macOS and {@code LockFileEx} on Windows.
 *
 * <p>POSIX drops every lock a process holds on a file when the process closes <em>any</em> descriptor of that file.
 * So the owner never opens the lock file a second time, and a second attempt inside the same JVM is refused by
 * {@link #HELD} before it opens the file at all. For the same reason the file is not deleted on close (a waiter could
 * lock the unlinked file while a third process creates a new one); a left-over, unlocked lock file is harmless.
 *
 * <p>The sidecar is found by name, so a second name for the same file (a hard link) would have its own sidecar.
 * The project's identity is therefore locked too: a lock on one byte of the database file itself, far past anything
 * SQLite reads or locks, taken through a channel kept open as long as the project is; and inside this JVM a set of
 * held identities (device and inode, from {@code fileKey()}), checked before anything opens the file, since closing
 * any descriptor of the file would drop this process's locks on it.
 */
final class ProjectLock implements AutoCloseable {

    /** Lock files this JVM holds, by real path. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /** Database files this JVM holds, by identity ({@code fileKey()}: device and inode), else by real path. */
    private static final Set<Object> HELD_FILES = ConcurrentHashMap.newKeySet();

    /** Far past the owner text: Windows locks are mandatory and would otherwise stop others reading who holds it. */
    private static final long LOCK_POSITION = 1L << 40;

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private Object fileKey;
    private FileChannel databaseChannel;

    private ProjectLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path project) {
        return project.resolveSibling(project.getFileName() + ".lock");
    }

    /** Takes the lock or explains who holds it. */
    static ProjectLock acquire(Path project) throws ProjectOpenException {
        Path lockFile = lockFileOf(project);
        Path key;
        try {
            key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new ProjectOpenException(project, ProjectOpenException.Reason.FAILED,
                    "Cannot open " + project + ": " + e.getMessage(), e);
        }
        if (!HELD.add(key)) {
            throw inUse(project, ManagementFactory.getRuntimeMXBean().getName() + ", this one");
        }
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
                channel.close(); // we hold no lock on this file, so closing costs nobody theirs
                HELD.remove(key);
                throw inUse(project, readOwner(lockFile));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(ManagementFactory.getRuntimeMXBean().getName()
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new ProjectLock(key, channel, lock);
        } catch (ProjectOpenException e) {
            throw e;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            HELD.remove(key);
            throw new ProjectOpenException(project, ProjectOpenException.Reason.FAILED,
                    "Cannot lock " + project + " (" + lockFile.getFileName() + "): " + e.getMessage(), e);
        }
    }

    /** The identity of an existing file: device and inode where the platform gives them, else its real path. */
    private static Object identity(Path project) throws IOException {
        Object key = Files.readAttributes(project, BasicFileAttributes.class).fileKey();
        return key != null ? key : project.toRealPath();
    }

    /**
     * Refuses, without opening the file, a project this JVM already has open under any name: to be called before
     * anything reads the file (reading it and closing the descriptor would drop the owner's locks).
     */
    static void checkNotHeldHere(Path project) throws ProjectOpenException {
        try {
            if (HELD_FILES.contains(identity(project))) {
                throw inUse(project, ManagementFactory.getRuntimeMXBean().getName()
                        + ", this one, under another name");
            }
        } catch (IOException e) {
            // Missing or unreadable: the caller's own checks say so.
        }
    }

    /**
     * Locks the database file itself (it must exist), so that no process can open it as a project under another
     * name (a hard link) while this lock is held. Released by {@link #close}.
     */
    void lockDatabase(Path project) throws ProjectOpenException {
        Object id;
        try {
            id = identity(project);
        } catch (IOException e) {
            throw new ProjectOpenException(project, ProjectOpenException.Reason.FAILED,
                    "Cannot open " + project + ": " + e.getMessage(), e);
        }
        if (!HELD_FILES.add(id)) {
            throw inUse(project, ManagementFactory.getRuntimeMXBean().getName() + ", this one, under another name");
        }
        FileChannel db = null;
        try {
            db = FileChannel.open(project, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = db.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                db.close();
                HELD_FILES.remove(id);
                throw inUse(project, "another process, under another name for the same file (a hard link)");
            }
            fileKey = id;
            databaseChannel = db;
        } catch (ProjectOpenException e) {
            throw e;
        } catch (IOException e) {
            if (db != null) {
                try {
                    db.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            HELD_FILES.remove(id);
            throw new ProjectOpenException(project, ProjectOpenException.Reason.FAILED,
                    "Cannot lock " + project + ": " + e.getMessage(), e);
        }
    }

    private static ProjectOpenException inUse(Path project, String owner) {
        String who = owner == null || owner.isBlank() ? "another Rerank Workbench window"
                : "another Rerank Workbench window (process " + owner + ")";
        return new ProjectOpenException(project, ProjectOpenException.Reason.IN_USE,
                project.getFileName() + " is already open in " + who + ". Close it there first, or open a copy.");
    }

    /** The owner's pid@host, or null when unreadable. Only called by a process that holds no lock on the file. */
    private static String readOwner(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (databaseChannel != null) {
                databaseChannel.close(); // the file's lock goes with it
            }
        } finally {
            if (fileKey != null) {
                HELD_FILES.remove(fileKey);
            }
        }
        try {
            channel.truncate(0); // no owner any more
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(key);
            }
        }
    }
}
