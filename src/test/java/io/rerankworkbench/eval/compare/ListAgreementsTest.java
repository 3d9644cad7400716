package io.rerankworkbench.eval.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** τ-b, ρ and the set measures at k against values worked out by hand (the working is in the comments). */
class ListAgreementsTest {

    private static final double EPS = 1e-12;

    private static RankedList strict(String... ids) {
        return RankedList.strict(List.of(ids));
    }

    private static RankedList scored(List<String> ids, double... keys) {
        return RankedList.scored(ids, keys);
    }

    @Test
    void oneSwapAtTheTop() {
        // 6 pairs, only (a, b) discordant: τ = (5 − 1) / 6. ρ: d = (1, 1, 0, 0), 1 − 6·2 / (4·15) = 0.8.
        RankedList a = strict("a", "b", "c", "d");
        RankedList b = strict("b", "a", "c", "d");
        assertThat(ListAgreements.kendallTauB(a, b)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(ListAgreements.spearmanRho(a, b)).isCloseTo(0.8, within(EPS));
    }

    @Test
    void identicalAndReversedOrders() {
        RankedList a = strict("a", "b", "c", "d", "e");
        RankedList reversed = strict("e", "d", "c", "b", "a");
        assertThat(ListAgreements.kendallTauB(a, a)).isEqualTo(1.0);
        assertThat(ListAgreements.spearmanRho(a, a)).isEqualTo(1.0);
        assertThat(ListAgreements.kendallTauB(a, reversed)).isEqualTo(-1.0);
        assertThat(ListAgreements.spearmanRho(a, reversed)).isEqualTo(-1.0);
    }

    @Test
    void aTieInOneList() {
        // A ties a and b. Pairs: (a,b) tied in A only, (a,c) and (b,c) concordant. n0 = 3, n1 = 1, n2 = 0:
        // τ-b = 2 / √(2·3). ρ: ranks A (1.5, 1.5, 3), B (1, 2, 3); centred (−.5, −.5, 1) and (−1, 0, 1):
        // Σxy = 1.5, Σx² = 1.5, Σy² = 2, ρ = 1.5 / √3.
        RankedList a = scored(List.of("a", "b", "c"), 3, 3, 1);
        RankedList b = strict("a", "b", "c");
        assertThat(ListAgreements.kendallTauB(a, b)).isCloseTo(2 / Math.sqrt(6), within(EPS));
        assertThat(ListAgreements.spearmanRho(a, b)).isCloseTo(1.5 / Math.sqrt(3), within(EPS));
        // Symmetric in its arguments.
        assertThat(ListAgreements.kendallTauB(b, a)).isCloseTo(2 / Math.sqrt(6), within(EPS));
        assertThat(ListAgreements.spearmanRho(b, a)).isCloseTo(1.5 / Math.sqrt(3), within(EPS));
    }

    @Test
    void tiesInBothListsIncludingAJointTie() {
        // A groups {a,b} {c} {d}; B groups {b,a} {c,d}. Pairs: (a,b) tied in both, (c,d) tied in B only, the other
        // four concordant. n0 = 6, n1 = 1, n2 = 2, n3 = 1, nc = 4, nd = 0: τ-b = 4 / √(5·4).
        // ρ: A ranks (1.5, 1.5, 3, 4), B ranks (1.5, 1.5, 3.5, 3.5), mean 2.5: Σxy = 4, Σx² = 4.5, Σy² = 4.
        RankedList a = scored(List.of("a", "b", "c", "d"), 2, 2, 1, 0);
        RankedList b = scored(List.of("b", "a", "c", "d"), 7, 7, 6, 6);
        assertThat(ListAgreements.kendallTauB(a, b)).isCloseTo(4 / Math.sqrt(20), within(EPS));
        assertThat(ListAgreements.spearmanRho(a, b)).isCloseTo(4 / Math.sqrt(18), within(EPS));
    }

    @Test
    void onlyNeighbouringEqualKeysTie() {
        // Keys 1, 2, 1: no two neighbours are equal, so the list is read as the strict order it is given in.
        RankedList a = scored(List.of("a", "b", "c"), 1, 2, 1);
        assertThat(ListAgreements.kendallTauB(a, strict("a", "b", "c"))).isEqualTo(1.0);
    }

    @Test
    void aTieGroupStaysATieWhenADocumentOfItIsMissingFromTheOtherList() {
        // a, x, b tie in A; B lacks x: among the shared a, b, c, a and b still tie (same values as aTieInOneList).
        RankedList a = scored(List.of("a", "x", "b", "c"), 3, 3, 3, 1);
        RankedList b = strict("a", "b", "c", "y");
        assertThat(ListAgreements.kendallTauB(a, b)).isCloseTo(2 / Math.sqrt(6), within(EPS));
        assertThat(ListAgreements.spearmanRho(a, b)).isCloseTo(1.5 / Math.sqrt(3), within(EPS));
    }

    @Test
    void onlySharedDocumentsCountAndAreReRankedAmongThemselves() {
        // Shared: a, b, c; A has them in the order a, b, c, B in c, b, a, whatever lies between.
        RankedList a = strict("a", "x1", "b", "x2", "c");
        RankedList b = strict("c", "b", "y1", "y2", "y3", "a");
        assertThat(ListAgreements.kendallTauB(a, b)).isEqualTo(-1.0);
        assertThat(ListAgreements.spearmanRho(a, b)).isEqualTo(-1.0);
    }

    @Test
    void undefinedWithFewerThanTwoSharedOrEverySharedDocumentTied() {
        assertThat(ListAgreements.kendallTauB(strict("a", "b"), strict("c", "d"))).isNaN();
        assertThat(ListAgreements.spearmanRho(strict("a", "b"), strict("c", "d"))).isNaN();
        assertThat(ListAgreements.kendallTauB(strict("a", "b"), strict("b", "c"))).isNaN();
        assertThat(ListAgreements.kendallTauB(strict(), strict("a", "b"))).isNaN();
        assertThat(ListAgreements.spearmanRho(strict(), strict())).isNaN();
        RankedList allTied = scored(List.of("a", "b", "c"), 1, 1, 1);
        assertThat(ListAgreements.kendallTauB(allTied, strict("c", "b", "a"))).isNaN();
        assertThat(ListAgreements.spearmanRho(strict("c", "b", "a"), allTied)).isNaN();
        // Tied in A only among the shared documents: x breaks the tie but is not shared.
        RankedList tiedShared = scored(List.of("a", "b", "x"), 2, 2, 1);
        assertThat(ListAgreements.kendallTauB(tiedShared, strict("b", "a"))).isNaN();
    }

    @Test
    void setMeasuresAtK() {
        // A@3 = {a,b,c}, B@3 = {b,f,a}: 2 shared of 4 in the union; f entered, c dropped.
        RankedList a = strict("a", "b", "c", "d", "e");
        RankedList b = strict("b", "f", "a", "g");
        ListAgreement at3 = ListAgreements.compare(a, b, 3, 0.9);
        assertThat(at3.k()).isEqualTo(3);
        assertThat(at3.jaccardAtK()).isCloseTo(0.5, within(EPS));
        assertThat(at3.overlapAtK()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(at3.enteredAtK()).isEqualTo(1);
        assertThat(at3.droppedAtK()).isEqualTo(1);
        assertThat(at3.sizeA()).isEqualTo(5);
        assertThat(at3.sizeB()).isEqualTo(4);
        assertThat(at3.shared()).isEqualTo(2);
    }

    @Test
    void kZeroMeansTheLongerListAndAShorterListIsTakenWhole() {
        RankedList a = strict("a", "b", "c", "d", "e");
        RankedList b = strict("b", "f", "a", "g");
        // All: k = 5. A@5 = A, B@5 = B (only 4): {a,b} shared, union 7, overlap 2/5; f, g entered; c, d, e dropped.
        ListAgreement all = ListAgreements.compare(a, b, 0, 0.9);
        assertThat(all.k()).isEqualTo(5);
        assertThat(all.jaccardAtK()).isCloseTo(2.0 / 7, within(EPS));
        assertThat(all.overlapAtK()).isCloseTo(2.0 / 5, within(EPS));
        assertThat(all.enteredAtK()).isEqualTo(2);
        assertThat(all.droppedAtK()).isEqualTo(3);
        // k beyond both lists: the same sets, but overlap@k still divides by k.
        ListAgreement at10 = ListAgreements.compare(a, b, 10, 0.9);
        assertThat(at10.k()).isEqualTo(10);
        assertThat(at10.jaccardAtK()).isCloseTo(2.0 / 7, within(EPS));
        assertThat(at10.overlapAtK()).isCloseTo(0.2, within(EPS));
    }

    @Test
    void oneEmptyList() {
        ListAgreement r = ListAgreements.compare(strict(), strict("a", "b", "c"), 10, 0.9);
        assertThat(r.shared()).isZero();
        assertThat(r.kendallTauB()).isNaN();
        assertThat(r.spearmanRho()).isNaN();
        assertThat(r.jaccardAtK()).isEqualTo(0.0);
        assertThat(r.overlapAtK()).isEqualTo(0.0);
        assertThat(r.enteredAtK()).isEqualTo(3);
        assertThat(r.droppedAtK()).isZero();
        assertThat(r.rbo().min()).isEqualTo(0.0);
        assertThat(r.rbo().ext()).isEqualTo(0.0);
        assertThat(r.rbo().residual()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void twoEmptyListsLeaveTheRatiosUndefined() {
        ListAgreement r = ListAgreements.compare(strict(), strict(), 0, 0.9);
        assertThat(r.k()).isZero();
        assertThat(r.jaccardAtK()).isNaN();
        assertThat(r.overlapAtK()).isNaN();
        assertThat(r.enteredAtK()).isZero();
        assertThat(r.droppedAtK()).isZero();
        assertThat(r.rbo().ext()).isNaN();
        assertThat(r.rbo().depth()).isZero();
    }

    @Test
    void disjointLists() {
        ListAgreement r = ListAgreements.compare(strict("a", "b", "c"), strict("x", "y", "z"), 2, 0.9);
        assertThat(r.jaccardAtK()).isEqualTo(0.0);
        assertThat(r.overlapAtK()).isEqualTo(0.0);
        assertThat(r.enteredAtK()).isEqualTo(2);
        assertThat(r.droppedAtK()).isEqualTo(2);
        assertThat(r.kendallTauB()).isNaN();
        assertThat(r.rbo().ext()).isEqualTo(0.0);
    }

    @Test
    void compareGivesTheSameCorrelationsAsTheSingleMeasures() {
        RankedList a = scored(List.of("a", "b", "c", "d", "e"), 5, 4, 4, 2, 1);
        RankedList b = strict("c", "a", "e", "b", "z");
        ListAgreement r = ListAgreements.compare(a, b, 3, 0.8);
        assertThat(r.kendallTauB()).isEqualTo(ListAgreements.kendallTauB(a, b));
        assertThat(r.spearmanRho()).isEqualTo(ListAgreements.spearmanRho(a, b));
        assertThat(r.rbo()).isEqualTo(ListAgreements.rbo(a, b, 0.8));
    }

    @Test
    void rejectsABadCutOffOrPersistence() {
        RankedList a = strict("a");
        assertThatThrownBy(() -> ListAgreements.compare(a, a, -1, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k");
        for (double p : new double[]{0, 1, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> ListAgreements.rbo(a, a, p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("p");
        }
    }
}
