package io.rerankworkbench.explain;

import io.rerankworkbench.rerank.AttentionResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The query↔document blocks of a cross-encoder's attention: for each layer and head, how much each query token
 * attends to each document token and back.
 *
 * @param queryTokens    indices of the query's tokens in the model input
 * @param documentTokens indices of the document's tokens
 * @param queryToDocument {@code [layer][head][queryToken][documentToken]}
 * @param documentToQuery {@code [layer][head][documentToken][queryToken]}
 */
public record CrossAttention(AttentionResult.Available source, int[] queryTokens, int[] documentTokens,
                             float[][][][] queryToDocument, float[][][][] documentToQuery) {

    /** Cuts the blocks out of attention over a pair {@code [CLS] query [SEP] document [SEP]}. */
    public static CrossAttention of(AttentionResult.Available attention) {
        int[] segments = attention.input().segments();
        List<Integer> q = new ArrayList<>();
        List<Integer> d = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] == 0) {
                q.add(i);
            } else if (segments[i] == 1) {
                d.add(i);
            }
        }
        if (q.isEmpty() || d.isEmpty()) {
            throw new IllegalArgumentException("not attention over a query-document pair");
        }
        int[] qi = q.stream().mapToInt(Integer::intValue).toArray();
        int[] di = d.stream().mapToInt(Integer::intValue).toArray();
        float[][][][] w = attention.weights();
        float[][][][] qd = new float[w.length][][][];
        float[][][][] dq = new float[w.length][][][];
        for (int l = 0; l < w.length; l++) {
            qd[l] = new float[w[l].length][][];
            dq[l] = new float[w[l].length][][];
            for (int h = 0; h < w[l].length; h++) {
                qd[l][h] = block(w[l][h], qi, di);
                dq[l][h] = block(w[l][h], di, qi);
            }
        }
        return new CrossAttention(attention, qi, di, qd, dq);
    }

    private static float[][] block(float[][] m, int[] rows, int[] cols) {
        float[][] out = new float[rows.length][cols.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                out[r][c] = m[rows[r]][cols[c]];
            }
        }
        return out;
    }
}
