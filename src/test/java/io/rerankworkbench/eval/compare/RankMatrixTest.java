package io.rerankworkbench.eval.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RankMatrixTest {

    private final RankedList first = RankedList.strict(List.of("a", "b", "c"));
    private final RankedList second = RankedList.strict(List.of("c", "x", "a"));
    private final RankedList third = RankedList.strict(List.of("y", "b", "x", "a", "c"));

    @Test
    void documentsInFirstListOrderThenNewOnesAsTheyAppear() {
        RankMatrix m = RankMatrix.of(List.of("one", "two", "three"), List.of(first, second, third), 0.9);
        assertThat(m.names()).containsExactly("one", "two", "three");
        assertThat(m.documents()).containsExactly("a", "b", "c", "x", "y");
        assertThat(m.ranks()[0]).containsExactly(1, 3, 4); // a
        assertThat(m.ranks()[1]).containsExactly(2, 0, 2); // b
        assertThat(m.ranks()[2]).containsExactly(3, 1, 5); // c
        assertThat(m.ranks()[3]).containsExactly(0, 2, 3); // x
        assertThat(m.ranks()[4]).containsExactly(0, 0, 1); // y
        assertThat(m.p()).isEqualTo(0.9);
    }

    @Test
    void pairwiseAgreementIsSymmetricWithOneOnTheDiagonal() {
        RankMatrix m = RankMatrix.of(List.of("one", "two", "three"), List.of(first, second, third), 0.9);
        for (int i = 0; i < 3; i++) {
            assertThat(m.tauB()[i][i]).isEqualTo(1.0);
            assertThat(m.rboExt()[i][i]).isCloseTo(1.0, within(1e-12));
            for (int j = 0; j < 3; j++) {
                assertThat(m.tauB()[i][j]).isEqualTo(m.tauB()[j][i]);
                assertThat(m.rboExt()[i][j]).isEqualTo(m.rboExt()[j][i]);
            }
        }
        // one vs two share a, c in opposite orders; one vs three share a, b, c ordered b, a, c.
        assertThat(m.tauB()[0][1]).isEqualTo(-1.0);
        assertThat(m.tauB()[0][2]).isCloseTo(ListAgreements.kendallTauB(first, third), within(0.0));
        assertThat(m.tauB()[0][2]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.rboExt()[1][2]).isEqualTo(ListAgreements.rbo(second, third, 0.9).ext());
    }

    @Test
    void aListWithOneDocumentHasNoTauEvenWithItself() {
        RankMatrix m = RankMatrix.of(List.of("one", "single"), List.of(first, RankedList.strict(List.of("a"))), 0.9);
        assertThat(m.tauB()[1][1]).isNaN();
        assertThat(m.tauB()[0][1]).isNaN();
    }

    @Test
    void orderByAColumnPutsAbsentDocumentsLastEitherWay() {
        RankMatrix m = RankMatrix.of(List.of("one", "two", "three"), List.of(first, second, third), 0.9);
        // Column two: c (1), x (2), a (3); b and y absent, in the documents' order.
        assertThat(m.orderBy(1, false)).containsExactly(2, 3, 0, 1, 4);
        assertThat(m.orderBy(1, true)).containsExactly(0, 3, 2, 1, 4);
        assertThat(m.orderBy(2, false)).containsExactly(4, 1, 3, 0, 2);
        assertThatThrownBy(() -> m.orderBy(3, false)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void noRankings() {
        RankMatrix m = RankMatrix.of(List.of(), List.of(), 0.9);
        assertThat(m.documents()).isEmpty();
        assertThat(m.tauB()).isEmpty();
    }

    @Test
    void namesAndRankingsMustPair() {
        assertThatThrownBy(() -> RankMatrix.of(List.of("one"), List.of(first, second), 0.9))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
