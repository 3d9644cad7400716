package io.rerankworkbench.eval.compare;

import java.util.Arrays;
import java.util.Objects;

/**
 * The agreement measures between two rankings; definitions in docs/compare.md. Stateless and thread-safe.
 *
 * <p>τ-b and ρ read the lists' ties ({@link RankedList}); rank-biased overlap and the set measures read the lists in
 * their given order (a tie group cut by k or by a depth counts as far as the list's order goes).
 */
public final class ListAgreements {

    /** The default persistence of rank-biased overlap: the top 10 carry about 86 % of the weight. */
    public static final double DEFAULT_P = 0.9;
    /** The default cut-off of the set measures. */
    public static final int DEFAULT_K = 10;

    private ListAgreements() {
    }

    /**
     * Every measure at once.
     *
     * @param k cut-off of the set measures; 0 for all (the longer list's length)
     * @param p persistence of rank-biased overlap, 0 &lt; p &lt; 1
     * @throws IllegalArgumentException when k &lt; 0 or p is outside (0, 1)
     */
    public static ListAgreement compare(RankedList a, RankedList b, int k, double p) {
        checkK(k);
        checkP(p);
        Alignment al = new Alignment(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b"));
        int cut = k == 0 ? Math.max(a.size(), b.size()) : k;
        int kA = Math.min(cut, a.size());
        int kB = Math.min(cut, b.size());
        int both = 0;
        for (int i = 0; i < kA; i++) {
            int j = al.posInB[i];
            if (j >= 0 && j < kB) {
                both++;
            }
        }
        int union = kA + kB - both;
        double jaccard = union == 0 ? Double.NaN : (double) both / union;
        double overlap = cut == 0 ? Double.NaN : (double) both / cut;
        return new ListAgreement(a.size(), b.size(), al.shared, tauB(al), rho(al), rbo(al, p), cut, jaccard,
                overlap, kB - both, kA - both);
    }

    /** Kendall's τ-b over the documents in both lists; NaN when undefined. O(n log n). */
    public static double kendallTauB(RankedList a, RankedList b) {
        return tauB(new Alignment(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b")));
    }

    /** Spearman's ρ over the documents in both lists, ties at their mean rank; NaN when undefined. */
    public static double spearmanRho(RankedList a, RankedList b) {
        return rho(new Alignment(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b")));
    }

    /**
     * Rank-biased overlap with persistence {@code p} (0 &lt; p &lt; 1).
     *
     * @throws IllegalArgumentException when p is outside (0, 1)
     */
    public static Rbo rbo(RankedList a, RankedList b, double p) {
        checkP(p);
        return rbo(new Alignment(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b")), p);
    }

    private static void checkK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be 0 (all) or more, was " + k);
        }
    }

    static void checkP(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("the RBO persistence p must lie strictly between 0 and 1, was " + p);
        }
    }

    /**
     * Knight's algorithm: the shared documents in A's order with ties broken by B, so that the discordant pairs are
     * the strict inversions of B's tie groups, counted by a merge sort.
     */
    static double tauB(Alignment al) {
        int n = al.shared;
        if (n < 2) {
            return Double.NaN;
        }
        int[] x = new int[n];
        int[] y = new int[n];
        int m = 0;
        for (int i = 0; i < al.posInB.length; i++) {
            int j = al.posInB[i];
            if (j >= 0) {
                x[m] = al.groupA[i];
                y[m] = al.groupB[j];
                m++;
            }
        }
        long tiesA = 0;
        long jointTies = 0;
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && x[end] == x[start]) {
                end++;
            }
            long t = end - start;
            if (t > 1) {
                tiesA += t * (t - 1) / 2;
                Arrays.sort(y, start, end);
                jointTies += tiedPairs(y, start, end);
            }
            start = end;
        }
        long discordant = countInversions(y, new int[n], 0, n);
        long tiesB = tiedPairs(y, 0, n); // y is sorted now
        long total = (long) n * (n - 1) / 2;
        if (tiesA == total || tiesB == total) {
            return Double.NaN;
        }
        long concordantMinusDiscordant = total - tiesA - tiesB + jointTies - 2 * discordant;
        // One square root of the product: exact when it is a square, so identical lists give exactly 1.
        double tau = concordantMinusDiscordant / Math.sqrt((double) (total - tiesA) * (total - tiesB));
        return Math.max(-1, Math.min(1, tau));
    }

    /** Pairs of equal values in the sorted range [from, to). */
    private static long tiedPairs(int[] sorted, int from, int to) {
        long pairs = 0;
        for (int start = from; start < to; ) {
            int end = start + 1;
            while (end < to && sorted[end] == sorted[start]) {
                end++;
            }
            long t = end - start;
            pairs += t * (t - 1) / 2;
            start = end;
        }
        return pairs;
    }

    /** Sorts v[from, to) and returns the number of pairs i &lt; j with v[i] &gt; v[j] (equal values do not count). */
    private static long countInversions(int[] v, int[] buffer, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int mid = (from + to) >>> 1;
        long inversions = countInversions(v, buffer, from, mid) + countInversions(v, buffer, mid, to);
        if (v[mid - 1] <= v[mid]) {
            return inversions; // already in order
        }
        int i = from;
        int j = mid;
        int o = from;
        while (i < mid && j < to) {
            if (v[i] <= v[j]) {
                buffer[o++] = v[i++];
            } else {
                inversions += mid - i;
                buffer[o++] = v[j++];
            }
        }
        while (i < mid) {
            buffer[o++] = v[i++];
        }
        while (j < to) {
            buffer[o++] = v[j++];
        }
        System.arraycopy(buffer, from, v, from, to - from);
        return inversions;
    }

    /** Pearson's correlation of the shared documents' ranks 1..n among themselves, tie groups at their mean rank. */
    static double rho(Alignment al) {
        int n = al.shared;
        if (n < 2) {
            return Double.NaN;
        }
        // The shared documents are numbered in A's order; rankA and rankB are indexed by that number.
        int[] sharedIndex = new int[al.posInB.length];
        int[] groupsA = new int[n];
        int m = 0;
        for (int i = 0; i < al.posInB.length; i++) {
            if (al.posInB[i] >= 0) {
                sharedIndex[i] = m;
                groupsA[m++] = al.groupA[i];
            }
        }
        double[] rankA = new double[n];
        midRanks(groupsA, null, rankA);
        int[] groupsB = new int[n];
        int[] orderB = new int[n];
        m = 0;
        for (int j = 0; j < al.posInA.length; j++) {
            int i = al.posInA[j];
            if (i >= 0) {
                orderB[m] = sharedIndex[i];
                groupsB[m++] = al.groupB[j];
            }
        }
        double[] rankB = new double[n];
        midRanks(groupsB, orderB, rankB);
        double mean = (n + 1) / 2.0; // mid-ranks keep the sum of 1..n
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int s = 0; s < n; s++) {
            double dx = rankA[s] - mean;
            double dy = rankB[s] - mean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }

    /**
     * Ranks 1..n for values in list order whose equal neighbouring {@code groups} tie, each tie group at its mean
     * rank; written to {@code ranks[order[s]]} (or {@code ranks[s]} when order is null).
     */
    private static void midRanks(int[] groups, int[] order, double[] ranks) {
        int n = groups.length;
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && groups[end] == groups[start]) {
                end++;
            }
            double mid = (start + 1 + end) / 2.0;
            for (int s = start; s < end; s++) {
                ranks[order == null ? s : order[s]] = mid;
            }
            start = end;
        }
    }

    /**
     * Webber, Moffat and Zobel (2010), section 4, with S the shorter list (length s) and L the longer (length l),
     * X_d the overlap of the first d of each (for d &gt; s: of all of S and the first d of L):
     * <ul>
     *   <li>min = (1−p)/p · (Σ_{d=1..l} X_d/d · p^d + X_l · Σ_{d&gt;l} p^d/d) (no further overlap);</li>
     *   <li>residual (their eq. 30) = p^s + p^l − p^f − (1−p)/p · (s·Σ_{d=s+1..f} p^d/d + l·Σ_{d=l+1..f} p^d/d
     *       + X_l · Σ_{d&gt;f} p^d/d) with f = l + s − X_l, the depth where full overlap would be reached;</li>
     *   <li>ext (their eq. 32) = (1−p)/p · (Σ_{d=1..l} X_d/d · p^d + Σ_{d=s+1..l} X_s·(d−s)/(s·d) · p^d)
     *       + ((X_l − X_s)/l + X_s/s) · p^l.</li>
     * </ul>
     * An empty list shares nothing (min 0, residual 1, ext 0: X_s/s is taken as 0); two empty lists have nothing to
     * compare (ext NaN).
     */
    static Rbo rbo(Alignment al, double p) {
        int sizeA = al.posInB.length;
        int sizeB = al.posInA.length;
        int s = Math.min(sizeA, sizeB);
        int l = Math.max(sizeA, sizeB);
        if (l == 0) {
            return new Rbo(p, 0, 0, 1, Double.NaN);
        }
        double weight = (1 - p) / p;
        double sum = 0; // Σ_{d=1..l} X_d/d p^d
        double extTail = 0; // Σ_{d=s+1..l} X_s (d−s)/(s d) p^d
        double harmonic = 0; // Σ_{d=1..l} p^d/d
        int overlap = 0;
        int overlapAtS = 0;
        double pd = 1;
        for (int d = 1; d <= l; d++) {
            int i = d - 1;
            pd *= p;
            // A's d-th document joins the overlap when B holds it at depth d or above; B's when A holds it above
            // depth d (at d itself it was counted as A's).
            if (i < sizeA && al.posInB[i] >= 0 && al.posInB[i] <= i) {
                overlap++;
            }
            if (i < sizeB && al.posInA[i] >= 0 && al.posInA[i] < i) {
                overlap++;
            }
            double h = pd / d;
            harmonic += h;
            sum += overlap * h;
            if (d == s) {
                overlapAtS = overlap;
            }
            if (d > s && s > 0) {
                extTail += (double) overlapAtS * (d - s) / ((double) s * d) * pd;
            }
        }
        int overlapAtL = overlap;
        double log = -Math.log1p(-p); // Σ_{d≥1} p^d/d
        double min = weight * (sum + overlapAtL * Math.max(0, log - harmonic));

        int f = l + s - overlapAtL;
        double sumFromS = 0; // Σ_{d=s+1..f} p^d/d
        double sumFromL = 0; // Σ_{d=l+1..f} p^d/d
        double toF = 0; // Σ_{d=1..f} p^d/d
        double pf = 1;
        for (int d = 1; d <= f; d++) {
            pf *= p;
            double h = pf / d;
            toF += h;
            if (d > s) {
                sumFromS += h;
            }
            if (d > l) {
                sumFromL += h;
            }
        }
        double residual = Math.pow(p, s) + Math.pow(p, l) - pf
                - weight * (s * sumFromS + l * sumFromL + overlapAtL * Math.max(0, log - toF));

        double ext = weight * (sum + extTail)
                + ((double) (overlapAtL - overlapAtS) / l + (s == 0 ? 0 : (double) overlapAtS / s)) * pd;
        return new Rbo(p, l, min, residual, ext);
    }
}
