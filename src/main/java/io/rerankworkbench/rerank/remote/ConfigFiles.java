package io.rerankworkbench.rerank.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Atomic writes of the package's two config files. Like {@code io.AtomicFiles} (which the layer rules keep out of
 * reach of {@code rerank}), the content goes to a temporary file beside the target that replaces it only when
 * complete; unlike it, an owner-only file is owner-only from the moment it exists, before a byte of it is written.
 */
final class ConfigFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigFiles() {
    }

    /** Creates the folder (owner-only where POSIX permissions exist) when it is missing. */
    static void ensureFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null
                && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Replaces {@code target} with {@code bytes}.
     *
     * @param ownerOnly create the file readable and writable by its owner only (0600, or an owner-only ACL where
     *                  POSIX permissions do not exist); otherwise it gets the user's default permissions
     */
    static void write(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        ensureFolder(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        Path temp = null;
        for (int attempt = 0; temp == null; attempt++) {
            Path candidate = absolute.resolveSibling(
                    "." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
            try {
                temp = ownerOnly && posix
                        ? Files.createFile(candidate, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                        : Files.createFile(candidate, new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        boolean done = false;
        try {
            if (ownerOnly && !posix) {
                restrictToOwner(temp);
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(bytes);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Tightens a file that should be owner-only but is not (copied, restored from a backup, edited by hand).
     *
     * @return whether anything had to change
     */
    static boolean tighten(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return false;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
        if (OWNER_ONLY.containsAll(now)) {
            return false;
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return true;
    }

    /** Windows: a single ACL entry granting the owner everything, so no inherited entry lets others read it. */
    private static void restrictToOwner(Path file) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        UserPrincipal owner = Files.getOwner(file);
        AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(entry));
    }
}
