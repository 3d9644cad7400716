package io.rerankworkbench.retrieve.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The discipline every index folder follows: it is built in a temporary sibling folder, its meta file is written
 * last, and only a complete folder is renamed into place. A folder without a readable meta file that matches what
 * the caller asks for is never used, so a cancelled, failed or interrupted build can't pass for a valid index.
 * One build per folder at a time (the app service runs them on one lane).
 */
final class IndexFolder {

    /** The meta file's name inside an index folder. */
    static final String META_FILE = "workbench-index.json";
    static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(IndexFolder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILDING = ".building-";
    private static final String OLD = ".old-";

    /**
     * What an index folder holds, written as JSON next to the Lucene files.
     *
     * @param format        this file's format version
     * @param kind          "bm25" or "hnsw"
     * @param fingerprint   the caller's fingerprint of the corpus (or vectors) the index was built from
     * @param settings      the settings that shaped the index, as strings
     * @param documents     how many documents (vectors) the index holds
     * @param luceneVersion the Lucene version that wrote it
     */
    record Meta(int format, String kind, String fingerprint, Map<String, String> settings, long documents,
                String luceneVersion) {
    }

    /** Fills a fresh, empty folder and returns how many documents it indexed. */
    @FunctionalInterface
    interface Filler {
        long fill(Path folder) throws IOException;
    }

    private IndexFolder() {
    }

    /**
     * Builds an index with {@code filler} in a temporary sibling of {@code dir} and moves it into place when it is
     * complete, replacing whatever was at {@code dir}. On any failure or cancellation the temporary folder is
     * deleted and {@code dir} is left as it was.
     */
    static void build(Path dir, String kind, String fingerprint, Map<String, String> settings, Filler filler)
            throws IOException {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        refuseForeign(dir);
        String name = dir.getFileName().toString();
        deleteLeftovers(parent, name);
        Path temp = parent.resolve(name + BUILDING + UUID.randomUUID());
        Files.createDirectory(temp);
        boolean done = false;
        try {
            long documents = filler.fill(temp);
            Meta meta = new Meta(FORMAT, kind, fingerprint, Map.copyOf(settings), documents,
                    Version.LATEST.toString());
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.resolve(META_FILE).toFile(), meta);
            replace(dir.toAbsolutePath(), temp);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * The meta of the index in {@code dir} when it exists, is readable and was built from {@code fingerprint} with
     * these {@code settings} by this Lucene version; empty otherwise (missing, stale or unreadable).
     */
    static Optional<Meta> current(Path dir, String kind, String fingerprint, Map<String, String> settings) {
        Path file = dir.resolve(META_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Meta meta;
        try {
            meta = JSON.readValue(file.toFile(), Meta.class);
        } catch (IOException | RuntimeException e) {
            LOG.info("index meta {} is unreadable, the index will be rebuilt: {}", file, e.getMessage());
            return Optional.empty();
        }
        String why = null;
        if (meta == null || meta.format() != FORMAT || !kind.equals(meta.kind())) {
            why = "different kind or format";
        } else if (!Objects.equals(fingerprint, meta.fingerprint())) {
            why = "the corpus changed";
        } else if (!Map.copyOf(settings).equals(meta.settings())) {
            why = "the settings changed";
        } else if (!Version.LATEST.toString().equals(meta.luceneVersion())) {
            why = "written by Lucene " + meta.luceneVersion();
        }
        if (why != null) {
            LOG.info("index {} is stale ({})", dir, why);
            return Optional.empty();
        }
        return Optional.of(meta);
    }

    /**
     * A build replaces the folder it is given: make sure that is an index folder (or empty), never a folder of the
     * user's files handed over by mistake.
     */
    private static void refuseForeign(Path dir) throws IOException {
        if (!Files.exists(dir) || Files.isRegularFile(dir.resolve(META_FILE))) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("can't build an index at " + dir + ": it is a file, not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.anyMatch(p -> !p.getFileName().toString().startsWith("segments")
                    && !p.getFileName().toString().startsWith("_")
                    && !p.getFileName().toString().equals("write.lock"))) {
                throw new IOException("won't replace " + dir + " with an index: it holds files that are not an"
                        + " index's");
            }
        }
    }

    private static void replace(Path dir, Path temp) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling(dir.getFileName() + OLD + UUID.randomUUID());
            move(dir, old);
        }
        move(temp, dir);
        if (old != null) {
            deleteQuietly(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Temporary and replaced folders an earlier, interrupted run of this folder's builds left behind. */
    private static void deleteLeftovers(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent,
                p -> p.getFileName().toString().startsWith(name + BUILDING)
                        || p.getFileName().toString().startsWith(name + OLD))) {
            for (Path p : siblings) {
                deleteQuietly(p);
            }
        }
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", folder, e.getMessage());
        }
    }
}
