package io.rerankworkbench.explain;

import io.rerankworkbench.rerank.TokenVectors;
import io.rerankworkbench.rerank.TokenizedInput;

/**
 * How query tokens and document tokens make up a bi-encoder's score.
 *
 * <p>With mean pooling the cosine score decomposes exactly: with q̄ and d̄ the means of the token vectors,
 * {@code cos = q̄·d̄ / (|q̄||d̄|) = Σᵢⱼ (qᵢ·dⱼ) / (n_q n_d |q̄| |d̄|)}, so cell (i, j) is what the pair of tokens
 * contributes and the cells add up to the score ({@link Kind#DECOMPOSITION}). Special tokens such as [CLS] are in
 * the mean too, so they have rows and columns of their own. For models that pool otherwise (e.g. the [CLS] vector)
 * no such decomposition exists; the cells are then the cosine similarity of each token pair
 * ({@link Kind#SIMILARITY}) and do not add up to anything.
 *
 * @param cells {@code [queryToken][documentToken]}
 * @param score for a decomposition, the cosine score the cells add up to; NaN for a similarity view
 */
public record TokenContributions(TokenizedInput query, TokenizedInput document, double[][] cells, Kind kind,
                                 double score) {

    public enum Kind {
        /** Cells add up to the cosine score. */
        DECOMPOSITION,
        /** Cells are token-pair similarities, not parts of the score. */
        SIMILARITY
    }

    public static TokenContributions of(TokenVectors query, TokenVectors document) {
        float[][] q = query.vectors();
        float[][] d = document.vectors();
        double[][] cells = new double[q.length][d.length];
        if (query.meanPooled() && document.meanPooled()) {
            double[] qMean = mean(q);
            double[] dMean = mean(d);
            double scale = q.length * (double) d.length * norm(qMean) * norm(dMean);
            double total = 0;
            for (int i = 0; i < q.length; i++) {
                for (int j = 0; j < d.length; j++) {
                    cells[i][j] = dot(q[i], d[j]) / scale;
                    total += cells[i][j];
                }
            }
            return new TokenContributions(query.input(), document.input(), cells, Kind.DECOMPOSITION, total);
        }
        for (int i = 0; i < q.length; i++) {
            double qn = norm(q[i]);
            for (int j = 0; j < d.length; j++) {
                cells[i][j] = dot(q[i], d[j]) / (qn * norm(d[j]));
            }
        }
        return new TokenContributions(query.input(), document.input(), cells, Kind.SIMILARITY, Double.NaN);
    }

    /** The sum of all cells (the score, for a decomposition). */
    public double total() {
        double sum = 0;
        for (double[] row : cells) {
            for (double v : row) {
                sum += v;
            }
        }
        return sum;
    }

    private static double[] mean(float[][] vectors) {
        double[] m = new double[vectors[0].length];
        for (float[] v : vectors) {
            for (int k = 0; k < m.length; k++) {
                m[k] += v[k];
            }
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= vectors.length;
        }
        return m;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
