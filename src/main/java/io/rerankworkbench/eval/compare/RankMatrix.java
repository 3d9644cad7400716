package io.rerankworkbench.eval.compare;

import java.util.List;

/**
 * Several rankings of one query side by side: each document's rank under each ranking, and every pair of rankings'
 * agreement.
 *
 * @param names     the rankings' names, one per column
 * @param documents every document in any ranking: those of the first ranking in its order, then the rest in the
 *                  order they first appear
 * @param ranks     ranks[document][ranking]: the 1-based position, 0 when the ranking does not hold the document
 * @param tauB      tauB[i][j]: Kendall's τ-b of rankings i and j (1 on the diagonal; NaN when undefined)
 * @param rboExt    rboExt[i][j]: extrapolated RBO of rankings i and j at {@code p}
 * @param p         the persistence used for {@code rboExt}
 */
public record RankMatrix(List<String> names, List<String> documents, int[][] ranks, double[][] tauB,
                         double[][] rboExt, double p) {

    /** The matrix of {@code lists}, named by {@code names}. */
    public static RankMatrix of(List<String> names, List<RankedList> lists, double p) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Row order that sorts the documents by their rank under ranking {@code column} (absent documents last). */
    public int[] orderBy(int column, boolean descending) {
        throw new UnsupportedOperationException("not yet");
    }
}
