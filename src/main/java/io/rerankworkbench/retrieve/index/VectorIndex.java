package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.Hit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Dense retrieval over document embeddings: the {@code k} documents whose unit vectors have the largest dot product
 * (cosine similarity) with the query's. Two implementations: {@link ExactVectorIndex} (every vector, in memory) and
 * {@link HnswVectorIndex} (Lucene's approximate graph, in a folder); {@link #choose} picks one by corpus size.
 * Implementations are thread-safe for searching.
 */
public interface VectorIndex extends Closeable {

    /**
     * The largest corpus of 384-dimensional vectors (the bundled MiniLM models) searched exactly; other dimensions
     * scale it, see {@link #exactLimit}. Chosen from the retrieval benchmark (docs/benchmarks.md, 2 cores, both
     * busy): an exact scan costs about 1.4 ms per 10,000 such vectors, linear in the count, so 100,000 took 13.7 to
     * 17.8 ms at p95 over three runs — inside the 20 ms target — and need 154 MB of heap. Exact search
     * finds the true top k, costs nothing to build (reading the vectors, under 2 s), and keeps no folder, while the
     * HNSW graph of the same 100,000 vectors takes minutes to build; beyond this size the scan would pass 20 ms and
     * the graph's build cost is worth paying.
     */
    int EXACT_LIMIT = 100_000;

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
     * The index for {@code count} vectors: exact search in memory up to {@link #exactLimit} vectors (and for
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
        return VectorIndexChoice.choose(exactLimit(dimension), dir, entries, count, dimension, fingerprint,
                progress, cancel);
    }

    /**
     * The largest corpus of {@code dimension}-dimensional vectors searched exactly: {@link #EXACT_LIMIT} scaled by
     * {@code 384 / dimension}, so an exact search does about the same work at any dimension.
     */
    static int exactLimit(int dimension) {
        Vectors.checkDimension(dimension);
        return (int) Math.min(Integer.MAX_VALUE, (long) EXACT_LIMIT * 384 / dimension);
    }
}
