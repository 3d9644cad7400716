package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** {@link VectorIndex#choose} with the size limit as a parameter, so tests can cross it with a small corpus. */
final class VectorIndexChoice {

    private VectorIndexChoice() {
    }

    static VectorIndex choose(int exactLimit, Path dir, Iterable<VectorEntry> entries, int count, int dimension,
                              String fingerprint, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (count <= exactLimit || dimension > HnswVectorIndex.MAX_DIMENSION) {
            return ExactVectorIndex.build(entries, count, dimension, progress, cancel);
        }
        Optional<HnswVectorIndex> current = HnswVectorIndex.openIfCurrent(dir, fingerprint, dimension);
        if (current.isPresent()) {
            progress.progress(count, count);
            return current.get();
        }
        return HnswVectorIndex.build(dir, entries, count, dimension, fingerprint, progress, cancel);
    }
}
