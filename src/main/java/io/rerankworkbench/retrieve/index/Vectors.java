package io.rerankworkbench.retrieve.index;

/** Checks and normalisation shared by both vector indexes. */
final class Vectors {

    private Vectors() {
    }

    /**
     * Copies {@code v} scaled to unit length into {@code out} at {@code offset}. A zero vector stays zero (it scores
     * 0 against everything).
     *
     * @param what names the vector in messages ("vector 12 (doc-7)", "the query")
     * @throws IllegalArgumentException on a wrong dimension or a NaN or infinite component
     */
    static void normalizeInto(float[] v, int dimension, float[] out, int offset, String what) {
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " dimensions, the index has "
                    + dimension);
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " has a component that is not a finite number: " + x);
            }
            sum += (double) x * x;
        }
        float scale = sum == 0 ? 0f : (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < dimension; i++) {
            out[offset + i] = v[i] * scale;
        }
    }

    static float[] normalized(float[] v, int dimension, String what) {
        float[] out = new float[dimension];
        normalizeInto(v, dimension, out, 0, what);
        return out;
    }

    static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    static void checkDimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("vector dimension must be at least 1, got " + dimension);
        }
    }
}
