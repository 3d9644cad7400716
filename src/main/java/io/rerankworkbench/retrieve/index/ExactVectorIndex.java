package io.rerankworkbench.retrieve.index;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.retrieve.Hit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact dense retrieval in memory: the dot product of the query with every stored unit vector, the best {@code k}
 * kept in a bounded heap. Vectors live in one flat {@code float[]} (row after row), so a scan walks memory in order.
 * Scores are cosine similarities; equal scores are ordered by document id. Immutable once built; searching is
 * thread-safe and single-threaded per call.
 */
public final class ExactVectorIndex implements VectorIndex {

    private final String[] ids;
    private final float[] flat;
    private final int dimension;

    private ExactVectorIndex(String[] ids, float[] flat, int dimension) {
        this.ids = ids;
        this.flat = flat;
        this.dimension = dimension;
    }

    /**
     * Copies {@code count} vectors of {@code dimension} floats from {@code entries}, normalised to unit length.
     *
     * @throws IllegalArgumentException when the entries are not exactly {@code count}, a vector has another
     *                                  dimension or a non-finite component, or two entries share an id
     * @throws io.rerankworkbench.rerank.CancelledException when cancelled
     */
    public static ExactVectorIndex build(Iterable<VectorEntry> entries, int count, int dimension,
                                         ProgressListener progress, CancellationToken cancel) {
        Objects.requireNonNull(entries, "entries");
        Vectors.checkDimension(dimension);
        if (count < 0 || (long) count * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " vectors of " + dimension
                    + " dimensions don't fit in memory for exact search");
        }
        String[] ids = new String[count];
        float[] flat = new float[count * dimension];
        Map<String, Integer> seen = new HashMap<>();
        int n = 0;
        for (VectorEntry e : entries) {
            if (n == count) {
                throw new IllegalArgumentException("more than the " + count + " vectors announced");
            }
            String what = "vector " + (n + 1) + " (" + e.id() + ")";
            Integer earlier = seen.putIfAbsent(e.id(), n + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(what + ": id already used by vector " + earlier);
            }
            Vectors.normalizeInto(e.vector(), dimension, flat, n * dimension, what);
            ids[n++] = e.id();
            if (n % 1024 == 0) {
                cancel.throwIfCancelled();
                progress.progress(n, count);
            }
        }
        if (n != count) {
            throw new IllegalArgumentException(n + " vectors given, " + count + " announced");
        }
        progress.progress(n, count);
        return new ExactVectorIndex(ids, flat, dimension);
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        Vectors.checkK(k);
        float[] q = Vectors.normalized(query, dimension, "the query");
        int size = Math.min(k, ids.length);
        // A min-heap of the best so far: the root is the worst kept hit.
        float[] heapScore = new float[size];
        int[] heapRow = new int[size];
        int filled = 0;
        for (int row = 0; row < ids.length; row++) {
            float s = dot(q, row * dimension);
            if (filled < size) {
                heapScore[filled] = s;
                heapRow[filled] = row;
                siftUp(heapScore, heapRow, filled++);
            } else if (worse(heapScore[0], heapRow[0], s, row)) {
                heapScore[0] = s;
                heapRow[0] = row;
                siftDown(heapScore, heapRow, size);
            }
        }
        List<Hit> hits = new ArrayList<>(filled);
        for (int end = filled; end > 0; end--) {
            hits.add(new Hit(ids[heapRow[0]], heapScore[0]));
            heapScore[0] = heapScore[end - 1];
            heapRow[0] = heapRow[end - 1];
            siftDown(heapScore, heapRow, end - 1);
        }
        Collections.reverse(hits);
        return hits;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void close() {
        // nothing to release: the vectors are ordinary heap memory
    }

    private float dot(float[] q, int offset) {
        // Four running sums: the loop doesn't wait on one add chain, which roughly doubles the scalar speed.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        int upTo = dimension & ~3;
        for (; i < upTo; i += 4) {
            s0 += q[i] * flat[offset + i];
            s1 += q[i + 1] * flat[offset + i + 1];
            s2 += q[i + 2] * flat[offset + i + 2];
            s3 += q[i + 3] * flat[offset + i + 3];
        }
        for (; i < dimension; i++) {
            s0 += q[i] * flat[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Whether hit (sa, ra) ranks below hit (sb, rb): a lower score, or an equal score and a later id. */
    private boolean worse(float sa, int ra, float sb, int rb) {
        if (sa != sb) {
            return sa < sb;
        }
        return ids[ra].compareTo(ids[rb]) > 0;
    }

    private void siftUp(float[] score, int[] row, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(score[i], row[i], score[parent], row[parent])) {
                return;
            }
            swap(score, row, i, parent);
            i = parent;
        }
    }

    private void siftDown(float[] score, int[] row, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int worst = right < size && worse(score[right], row[right], score[left], row[left]) ? right : left;
            if (!worse(score[worst], row[worst], score[i], row[i])) {
                return;
            }
            swap(score, row, i, worst);
            i = worst;
        }
    }

    private static void swap(float[] score, int[] row, int a, int b) {
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
        int r = row[a];
        row[a] = row[b];
        row[b] = r;
    }
}
