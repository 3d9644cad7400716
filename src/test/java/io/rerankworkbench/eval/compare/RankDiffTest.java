package io.rerankworkbench.eval.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each document of two rankings stands, with documents only one side holds. */
class RankDiffTest {

    private static final RankedList A = RankedList.strict(List.of("a", "b", "c"));
    private static final RankedList B = RankedList.strict(List.of("c", "d", "a"));

    @Test
    void rowsHoldADocumentsRankAndScoreOnEachSide() {
        RankDiff d = RankDiff.of(A, new double[]{3, 2, 1}, B, new double[]{0.9, 0.8, 0.7});
        assertThat(d.rows()).containsExactly(
                new RankDiff.Row("a", 1, 3, 3, 0.7),
                new RankDiff.Row("b", 2, 0, 2, Double.NaN),
                new RankDiff.Row("c", 3, 1, 1, 0.9),
                new RankDiff.Row("d", 0, 2, Double.NaN, 0.8));
        assertThat(d.rows()).extracting(RankDiff.Row::movement).containsExactly(-2, 0, 2, 0);
        assertThat(d.sideA()).extracting(RankDiff.Row::docId).containsExactly("a", "b", "c");
        assertThat(d.sideB()).extracting(RankDiff.Row::docId).containsExactly("c", "d", "a");
    }

    @Test
    void statusAtACutOff() {
        RankDiff d = RankDiff.of(A, null, B, null);
        assertThat(d.rows()).extracting(r -> r.status(2)).containsExactly(RankDiff.Status.DROPPED,
                RankDiff.Status.DROPPED, RankDiff.Status.ENTERED, RankDiff.Status.ENTERED);
        assertThat(d.rows()).extracting(r -> r.status(0)).containsExactly(RankDiff.Status.KEPT,
                RankDiff.Status.DROPPED, RankDiff.Status.KEPT, RankDiff.Status.ENTERED);
        assertThat(d.count(RankDiff.Status.ENTERED, 1)).isEqualTo(1);
        assertThat(d.count(RankDiff.Status.OUTSIDE, 1)).isEqualTo(2);
        assertThat(d.rows().get(0).scoreA()).isNaN();
    }

    @Test
    void swappingSidesSwapsEveryRow() {
        RankDiff d = RankDiff.of(A, new double[]{3, 2, 1}, B, new double[]{0.9, 0.8, 0.7});
        RankDiff s = d.swapped();
        assertThat(s.rows()).extracting(RankDiff.Row::docId).containsExactly("c", "d", "a", "b");
        assertThat(s.rows()).extracting(RankDiff.Row::movement).containsExactly(-2, 0, 2, 0);
        assertThat(s.swapped().rows()).containsExactlyInAnyOrderElementsOf(d.rows());
    }

    @Test
    void oneEmptySide() {
        RankDiff d = RankDiff.of(RankedList.strict(List.of()), null, B, null);
        assertThat(d.sideA()).isEmpty();
        assertThat(d.rows()).extracting(r -> r.status(10)).containsOnly(RankDiff.Status.ENTERED);
    }

    @Test
    void scoresMustMatchTheList() {
        assertThatThrownBy(() -> RankDiff.of(A, new double[]{1}, B, null))
                .hasMessageContaining("list A has 3 documents but 1 scores");
    }
}
