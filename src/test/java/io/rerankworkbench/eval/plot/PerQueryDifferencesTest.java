package io.rerankworkbench.eval.plot;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class PerQueryDifferencesTest {

    @Test
    void largestGainFirstLossesLastTiesByQueryId() {
        PerQueryDifferences d = PerQueryDifferences.of(List.of(
                new QueryValues("q1", "a", 0.5, 0.4),
                new QueryValues("q2", "b", 0.2, 0.9),
                new QueryValues("q4", "c", 0.3, 0.3),
                new QueryValues("q3", "d", 0.1, 0.1),
                new QueryValues("q5", "e", 0.0, 0.2)));
        assertThat(d.rows()).extracting(QueryValues::queryId).containsExactly("q2", "q5", "q3", "q4", "q1");
        assertThat(d.gains()).isEqualTo(2);
        assertThat(d.losses()).isEqualTo(1);
        assertThat(d.ties()).isEqualTo(2);
        assertThat(d.maxAbsDifference()).isEqualTo(0.7, offset(1e-12));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> new QueryValues("q7", "x", Double.NaN, 1))
                .hasMessage("query q7: values must be finite numbers, got A = NaN, B = 1.0");
        assertThatThrownBy(() -> PerQueryDifferences.of(List.of(new QueryValues("q1", "", 0, 0),
                new QueryValues("q1", "", 1, 1)))).hasMessage("query q1 is given twice");
        assertThat(PerQueryDifferences.of(List.of()).rows()).isEmpty();
    }

    @Test
    void gradeTonesSpreadTheGradesLikeTheLabelingWindow() {
        assertThat(GradeTones.tone(0, List.of(0, 1))).isZero();
        assertThat(GradeTones.tone(1, List.of(0, 1))).isEqualTo(4);
        assertThat(List.of(0, 1, 2, 3).stream().map(g -> GradeTones.tone(g, List.of(0, 1, 2, 3))))
                .containsExactly(0, 1, 3, 4);
        assertThat(GradeTones.tone(2, List.of(0, 1, 2, 3, 4))).isEqualTo(2);
        assertThat(GradeTones.tone(5, List.of(5))).isEqualTo(4);
    }

    @Test
    void queryGradesCountAndCollectTheGrades() {
        SortedMap<Integer, Integer> a = new TreeMap<>(Map.of(0, 3, 2, 1));
        SortedMap<Integer, Integer> b = new TreeMap<>(Map.of(1, 2, 3, 0));
        QueryGrades qa = new QueryGrades("q1", "x", a, 4);
        QueryGrades qb = new QueryGrades("q2", null, b, 0);
        assertThat(qa.total()).isEqualTo(8);
        assertThat(qa.count(1)).isZero();
        assertThat(QueryGrades.gradesIn(List.of(qa, qb))).as("grade 3 has no candidate").containsExactly(0, 1, 2);
        assertThatThrownBy(() -> new QueryGrades("q9", "", new TreeMap<>(), -1)).hasMessageContaining("q9");
    }
}
