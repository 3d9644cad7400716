package io.rerankworkbench.rerank.local;

import java.nio.FloatBuffer;

/** Small dense-vector helpers for pooling and similarity. */
final class Vectors {

    private Vectors() {
    }

    /**
     * Mean of the token vectors of row {@code row} of a {@code [batch, seqLen, dim]} tensor, over the first
     * {@code length} positions (the real tokens; the rest is padding).
     */
    static float[] meanPool(FloatBuffer hidden, int row, int seqLen, int dim, int length) {
        double[] sum = new double[dim];
        int base = row * seqLen * dim;
        for (int t = 0; t < length; t++) {
            int offset = base + t * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden.get(offset + d);
            }
        }
        float[] mean = new float[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = (float) (sum[d] / length);
        }
        return mean;
    }

    /** The vector of token {@code t} in row {@code row} of a {@code [batch, seqLen, dim]} tensor. */
    static float[] tokenVector(FloatBuffer hidden, int row, int seqLen, int dim, int t) {
        float[] out = new float[dim];
        hidden.get((row * seqLen + t) * dim, out, 0, dim);
        return out;
    }

    /** Element-wise maximum over the first {@code length} token vectors of row {@code row}. */
    static float[] maxPool(FloatBuffer hidden, int row, int seqLen, int dim, int length) {
        float[] max = new float[dim];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        int base = row * seqLen * dim;
        for (int t = 0; t < length; t++) {
            int offset = base + t * dim;
            for (int d = 0; d < dim; d++) {
                max[d] = Math.max(max[d], hidden.get(offset + d));
            }
        }
        return max;
    }

    /** Row {@code row} of a {@code [batch, dim]} tensor. */
    static float[] row(FloatBuffer matrix, int row, int dim) {
        float[] out = new float[dim];
        matrix.get(row * dim, out, 0, dim);
        return out;
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
    static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
