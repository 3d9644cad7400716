package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.Hit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Dense retrieval over document embeddings: the {@code k} documents whose unit vectors have the largest dot product
 * (cosine similarity) with the query's. Two implementations: {@link ExactVectorIndex} (every vector, in memory) and
 * {@link HnswVectorIndex} (Lucene's approximate graph, in a folder); {@link #choose} picks one by corpus size.
 * Implementations are thread-safe for searching.
 */
public interface VectorIndex extends Closeable {

    /**
     * The largest corpus searched exactly. TODO measured value.
     */
    int EXACT_LIMIT = 20_000;

    /**
     * The {@code k} nearest documents to {@code query}, best first, score = cosine similarity; equal scores are
     * ordered by document id. The query is normalised to unit length (a zero query scores 0 everywhere).
     *
     * @throws IllegalArgumentException when {@code k < 1} or the query has another dimension than the index
     */
    List<Hit> search(float[] query, int k);

    /** How many vectors the index holds. */
    int size();

    /** How many floats each vector has. */
    int dimension();

    /**
     * The index for {@code count} vectors: exact search in memory up to {@link #EXACT_LIMIT} vectors (and for
     * dimensions above {@link HnswVectorIndex#MAX_DIMENSION}), above it the HNSW graph in {@code dir} — opened
     * when it is current for {@code fingerprint}, built otherwise. {@code entries} is iterated only when
     * something has to be built.
     *
     * @param dir         the folder for the graph (untouched when exact search is chosen)
     * @param entries     the vectors, iterated at most once
     * @param count       how many vectors {@code entries} yields
     * @param dimension   floats per vector
     * @param fingerprint the caller's fingerprint of the vectors (corpus and model)
     */
    static VectorIndex choose(Path dir, Iterable<VectorEntry> entries, int count, int dimension, String fingerprint,
                              ProgressListener progress, CancellationToken cancel) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (count <= EXACT_LIMIT || dimension > HnswVectorIndex.MAX_DIMENSION) {
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
