package io.rerankworkbench.eval.compare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Rank-biased overlap (Webber, Moffat and Zobel 2010): hand-worked values, the paper's properties, and values
 * published with a public implementation of the paper (dlukes/rbo's doctests, to the three decimals they print).
 */
class RboTest {

    private static final double EPS = 1e-12;

    private static RankedList strict(String... ids) {
        return RankedList.strict(List.of(ids));
    }

    private static RankedList letters(String s) {
        return RankedList.strict(s.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    /** Σ_{d>depth} p^d / d. */
    private static double tail(double p, int depth) {
        double sum = -Math.log(1 - p);
        for (int d = 1; d <= depth; d++) {
            sum -= Math.pow(p, d) / d;
        }
        return sum;
    }

    @Test
    void identicalListsScoreOneAndTheBoundsMeetThere() {
        // X_d = d for d ≤ 3: min = (1−p)/p · (Σ_{d≤3} p^d + 3 · Σ_{d>3} p^d/d); ext = 1; min + residual = 1.
        double p = 0.9;
        Rbo r = ListAgreements.rbo(strict("a", "b", "c"), strict("a", "b", "c"), p);
        double min = (1 - p) / p * (p + p * p + p * p * p + 3 * tail(p, 3));
        assertThat(r.min()).isCloseTo(min, within(EPS));
        assertThat(r.ext()).isCloseTo(1.0, within(EPS));
        assertThat(r.max()).isCloseTo(1.0, within(EPS));
        assertThat(r.depth()).isEqualTo(3);
        assertThat(r.p()).isEqualTo(p);
    }

    @Test
    void disjointListsHaveNoOverlapButCouldStillGainSome() {
        // s = l = 2, X = 0, so f = 4. The best unseen continuation: agreement 2/3 at depth 3, then 1 from depth 4:
        // max = (1−p)/p · (p³·2/3 + p⁴/(1−p)).
        double p = 0.9;
        Rbo r = ListAgreements.rbo(strict("a", "b"), strict("c", "d"), p);
        assertThat(r.min()).isEqualTo(0.0);
        assertThat(r.ext()).isEqualTo(0.0);
        double max = (1 - p) / p * (Math.pow(p, 3) * 2 / 3 + Math.pow(p, 4) / (1 - p));
        assertThat(r.residual()).isCloseTo(max, within(EPS));
    }

    @Test
    void unevenLengthsByHand() {
        // S = (a, b), L = (a, c, b), p = 0.5, so (1−p)/p = 1. X_1 = 1, X_2 = 1, X_3 = 2 (all of S against L_3).
        // Σ X_d/d p^d = 1/2 + 1/8 + 1/12 = 17/24.
        // ext (eq. 32) = 17/24 + X_s·(3−2)/(2·3)·p³ + ((X_l − X_s)/l + X_s/s)·p³ = 17/24 + 1/48 + 5/48 = 5/6.
        // min = 17/24 + X_l·Σ_{d>3} p^d/d = 17/24 + 2·(ln 2 − 2/3) = 2 ln 2 − 5/8.
        // max: agreement 1, 1/2, then S's unseen 3rd item could be c (agreement 1) and all later ones agree:
        //      1/2 + 1/8 + 1/8 + 1/8 = 7/8, so residual = 7/8 − min = 3/2 − 2 ln 2.
        Rbo r = ListAgreements.rbo(strict("a", "b"), strict("a", "c", "b"), 0.5);
        assertThat(r.ext()).isCloseTo(5.0 / 6, within(EPS));
        assertThat(r.min()).isCloseTo(2 * Math.log(2) - 5.0 / 8, within(EPS));
        assertThat(r.residual()).isCloseTo(1.5 - 2 * Math.log(2), within(EPS));
        assertThat(r.depth()).isEqualTo(3);
        // The shorter list may be either argument.
        assertThat(ListAgreements.rbo(strict("a", "c", "b"), strict("a", "b"), 0.5)).isEqualTo(r);
    }

    @Test
    void oneEmptyListSharesNothingAndCouldStillAgreeFully() {
        Rbo r = ListAgreements.rbo(strict(), strict("a", "b", "c"), 0.9);
        assertThat(r.min()).isEqualTo(0.0);
        assertThat(r.ext()).isEqualTo(0.0);
        assertThat(r.residual()).isCloseTo(1.0, within(EPS));
        assertThat(r.depth()).isEqualTo(3);
    }

    @Test
    void twoEmptyListsHaveNoPointEstimate() {
        Rbo r = ListAgreements.rbo(strict(), strict(), 0.9);
        assertThat(r.ext()).isNaN();
        assertThat(r.min()).isEqualTo(0.0);
        assertThat(r.residual()).isEqualTo(1.0);
    }

    @Test
    void valuesPublishedWithAnImplementationOfThePaper() {
        // dlukes/rbo (Python) doctests: rbo_min("abcdefg", "abcdefg", .9) = 0.767, rbo_ext("abcdefg", "bacdefg", .9)
        // = 0.900. (Its uneven-length residual doctest is not used: that code scales the overlap for ties, which
        // departs from the paper when the lengths differ; see unevenBoundsMatchTheDefinitionSummedFarOut.)
        assertThat(ListAgreements.rbo(letters("abcdefg"), letters("abcdefg"), 0.9).min()).isCloseTo(0.767,
                within(5e-4));
        assertThat(ListAgreements.rbo(letters("abcdefg"), letters("bacdefg"), 0.9).ext()).isCloseTo(0.900,
                within(5e-4));
    }

    @Test
    void aSwapFurtherDownCostsLess() {
        RankedList base = letters("abcdefghij");
        double swapTop = ListAgreements.rbo(base, letters("bacdefghij"), 0.9).ext();
        double swapBottom = ListAgreements.rbo(base, letters("abcdefghji"), 0.9).ext();
        assertThat(swapTop).isLessThan(swapBottom);
        assertThat(swapBottom).isLessThan(1.0);
    }

    @Test
    void theBoundsBracketTheExtrapolatedValueOnRandomLists() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int pool = 1 + random.nextInt(60);
            List<String> docs = new ArrayList<>();
            for (int i = 0; i < pool; i++) {
                docs.add("d" + i);
            }
            Collections.shuffle(docs, random);
            RankedList a = RankedList.strict(docs.subList(0, random.nextInt(pool + 1)));
            Collections.shuffle(docs, random);
            RankedList b = RankedList.strict(docs.subList(0, random.nextInt(pool + 1)));
            double p = 0.05 + 0.9 * random.nextDouble();
            Rbo r = ListAgreements.rbo(a, b, p);
            String what = a + " vs " + b + " at p = " + p + ": " + r;
            assertThat(r.min()).as(what).isBetween(-EPS, 1 + EPS);
            assertThat(r.residual()).as(what).isBetween(-EPS, 1 + EPS);
            assertThat(r.max()).as(what).isLessThanOrEqualTo(1 + EPS);
            if (a.size() + b.size() > 0) {
                assertThat(r.ext()).as(what).isBetween(r.min() - EPS, r.max() + EPS);
            }
            // Symmetric.
            Rbo swapped = ListAgreements.rbo(b, a, p);
            assertThat(swapped.min()).as(what).isCloseTo(r.min(), within(EPS));
            assertThat(swapped.residual()).as(what).isCloseTo(r.residual(), within(EPS));
            if (a.size() + b.size() > 0) {
                assertThat(swapped.ext()).as(what).isCloseTo(r.ext(), within(EPS));
            }
        }
    }

    @Test
    void evaluatingDeeperNeverLowersTheMinimumNorRaisesTheMaximum() {
        // The paper's monotonicity: prefixes of the same two lists, seen ever deeper.
        Random random = new Random(7);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            docs.add("d" + i);
        }
        Collections.shuffle(docs, random);
        List<String> a = new ArrayList<>(docs.subList(0, 30));
        Collections.shuffle(docs, random);
        List<String> b = new ArrayList<>(docs.subList(0, 30));
        double lastMin = 0;
        double lastMax = 1;
        for (int depth = 1; depth <= 30; depth++) {
            Rbo r = ListAgreements.rbo(RankedList.strict(a.subList(0, depth)), RankedList.strict(b.subList(0, depth)),
                    0.9);
            assertThat(r.min()).isGreaterThanOrEqualTo(lastMin - EPS);
            assertThat(r.max()).isLessThanOrEqualTo(lastMax + EPS);
            lastMin = r.min();
            lastMax = r.max();
        }
    }

    @Test
    void matchesTheDefinitionSummedFarOut() {
        // RBO of two lists that are complete to depth 200 (p = 0.5, so the tail beyond it weighs < 1e-60): min,
        // ext and the definition (1−p) Σ p^{d−1} A_d agree, and the residual vanishes.
        Random random = new Random(3);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add("d" + i);
        }
        Collections.shuffle(docs, random);
        List<String> a = new ArrayList<>(docs);
        Collections.shuffle(docs, random);
        List<String> b = new ArrayList<>(docs);
        double p = 0.5;
        double sum = 0;
        for (int d = 1; d <= 200; d++) {
            List<String> common = new ArrayList<>(a.subList(0, d));
            common.retainAll(b.subList(0, d));
            sum += Math.pow(p, d - 1) * common.size() / d;
        }
        double definition = (1 - p) * sum;
        Rbo r = ListAgreements.rbo(RankedList.strict(a), RankedList.strict(b), p);
        assertThat(r.min()).isCloseTo(definition, within(1e-12));
        assertThat(r.ext()).isCloseTo(definition, within(1e-12));
        assertThat(r.residual()).isCloseTo(0, within(1e-12));
    }
    @Test
    void unevenBoundsMatchTheDefinitionSummedFarOut() {
        // The paper's uneven-length model, summed term by term to a depth where p^d is negligible: the minimum keeps
        // the overlap seen (S whole against L's first d, then X_l); the maximum lets S's unseen items match L's
        // items beyond S from depth s + 1 and, beyond l, every new item of either list match.
        Random random = new Random(11);
        for (int round = 0; round < 100; round++) {
            int pool = 2 + random.nextInt(40);
            List<String> docs = new ArrayList<>();
            for (int i = 0; i < pool; i++) {
                docs.add("d" + i);
            }
            Collections.shuffle(docs, random);
            List<String> shorter = new ArrayList<>(docs.subList(0, 1 + random.nextInt(pool / 2 + 1)));
            Collections.shuffle(docs, random);
            List<String> longer = new ArrayList<>(docs.subList(0, shorter.size() + random.nextInt(pool - shorter.size()
                    + 1)));
            double p = 0.3 + 0.5 * random.nextDouble();
            int s = shorter.size();
            int l = longer.size();
            double min = 0;
            double max = 0;
            int overlapAtL = overlap(shorter, longer, l);
            for (int d = 1; d < 2000; d++) {
                int x = overlap(shorter, longer, Math.min(d, l));
                int best = d <= s ? x : d <= l ? x + (d - s) : Math.min(d, overlapAtL + (d - s) + (d - l));
                min += (1 - p) * Math.pow(p, d - 1) * x / d;
                max += (1 - p) * Math.pow(p, d - 1) * best / d;
            }
            Rbo r = ListAgreements.rbo(RankedList.strict(shorter), RankedList.strict(longer), p);
            String what = shorter + " vs " + longer + " at p = " + p;
            assertThat(r.min()).as(what).isCloseTo(min, within(1e-12));
            assertThat(r.max()).as(what).isCloseTo(max, within(1e-12));
        }
    }

    /** |S_{:d} ∩ L_{:d}|, S and L cut at their lengths. */
    private static int overlap(List<String> s, List<String> l, int d) {
        List<String> common = new ArrayList<>(s.subList(0, Math.min(d, s.size())));
        common.retainAll(l.subList(0, Math.min(d, l.size())));
        return common.size();
    }
}
