package io.rerankworkbench.io.imports;

/**
 * Receives progress while sources are read. Called on the reading thread, at most every few thousand rows and once at
 * the end of each source; implementations hand the values on to whatever thread needs them.
 *
 * <p>For a progress bar use {@code bytesRead / totalBytes}: rows have no known total, bytes do. {@code bytesRead} is
 * what has been read from disk, which runs slightly ahead of the rows parsed (read-ahead buffers) and, for formats
 * that read a file twice or skip parts of a large corpus, is still a fair measure of the work done.
 */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (rows, bytes, total) -> { };

    /**
     * @param rowsRead   rows (lines, CSV records, JSON elements) read so far over all sources
     * @param bytesRead  bytes read so far over all sources
     * @param totalBytes the size of all sources together (0 when unknown)
     */
    void progress(long rowsRead, long bytesRead, long totalBytes);
}
