package io.rerankworkbench.eval.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        if (names.size() != lists.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + lists.size() + " rankings");
        }
        ListAgreements.checkP(p);
        int columns = lists.size();
        Map<String, Integer> rows = new HashMap<>();
        List<String> documents = new ArrayList<>();
        for (RankedList list : lists) {
            for (String id : list.ids()) {
                if (rows.putIfAbsent(id, documents.size()) == null) {
                    documents.add(id);
                }
            }
        }
        int[][] ranks = new int[documents.size()][columns];
        for (int c = 0; c < columns; c++) {
            RankedList list = lists.get(c);
            for (int i = 0; i < list.size(); i++) {
                ranks[rows.get(list.id(i))][c] = i + 1;
            }
        }
        double[][] tau = new double[columns][columns];
        double[][] rbo = new double[columns][columns];
        for (int i = 0; i < columns; i++) {
            for (int j = i; j < columns; j++) {
                Alignment al = new Alignment(lists.get(i), lists.get(j));
                tau[i][j] = ListAgreements.tauB(al);
                tau[j][i] = tau[i][j];
                rbo[i][j] = ListAgreements.rbo(al, p).ext();
                rbo[j][i] = rbo[i][j];
            }
        }
        return new RankMatrix(List.copyOf(names), List.copyOf(documents), ranks, tau, rbo, p);
    }

    /** Row order that sorts the documents by their rank under ranking {@code column} (absent documents last). */
    public int[] orderBy(int column, boolean descending) {
        if (column < 0 || column >= names.size()) {
            throw new IndexOutOfBoundsException("column " + column + " of " + names.size());
        }
        Integer[] order = new Integer[documents.size()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        // A column's ranks are distinct; absent documents (0) keep the documents' order among themselves.
        Arrays.sort(order, (x, y) -> {
            int rx = ranks[x][column];
            int ry = ranks[y][column];
            if (rx == 0 || ry == 0) {
                return rx == ry ? Integer.compare(x, y) : rx == 0 ? 1 : -1;
            }
            return descending ? Integer.compare(ry, rx) : Integer.compare(rx, ry);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
