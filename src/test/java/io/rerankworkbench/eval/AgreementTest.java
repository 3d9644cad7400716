package io.rerankworkbench.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgreementTest {

    @Test
    void twoAnnotatorsGetKappaWeightedKappaAndAlphaPerQueryAndOverall() {
        // The weighted-κ example of AgreementStatisticsTest split over two queries (items 0-4 and 5-9).
        int[] a = {0, 1, 2, 3, 3, 2, 1, 0, 2, 3};
        int[] b = {0, 2, 2, 3, 2, 2, 0, 0, 1, 3};
        List<Rating> ratings = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            long query = i < 5 ? 1 : 2;
            ratings.add(new Rating(query, 100 + i, "ana", a[i]));
            ratings.add(new Rating(query, 100 + i, "ben", b[i]));
        }
        ratings.add(new Rating(2, 200, "ana", 3)); // graded by one annotator only: not an item of agreement

        AgreementReport report = Agreement.analyze(ratings, List.of(1L, 2L), GradeScale.GRADED_0_3);

        AgreementSummary overall = report.overall();
        assertThat(overall.items()).isEqualTo(10);
        assertThat(overall.annotators()).isEqualTo(2);
        assertThat(overall.kappa().value()).isCloseTo(0.34 / 0.74, within(1e-12));
        assertThat(overall.linearKappa().value()).isCloseTo(21.0 / 31.0, within(1e-12));
        assertThat(overall.quadraticKappa().value()).isCloseTo(0.84, within(1e-12));
        assertThat(overall.alphaMetric()).isEqualTo(KrippendorffAlpha.Metric.ORDINAL);
        assertThat(overall.alpha().isDefined()).isTrue();
        assertThat(report.perQuery()).containsOnlyKeys(1L, 2L);
        assertThat(report.perQuery().get(1L).items()).isEqualTo(5);
        assertThat(report.perQuery().get(2L).items()).isEqualTo(5);

        // Conflicts: items 1 (1 vs 2), 4 (3 vs 2), 6 (1 vs 0), 8 (2 vs 1); all spread 1, in query/document order.
        assertThat(report.conflicts()).extracting(Conflict::documentId).containsExactly(101L, 104L, 106L, 108L);
        assertThat(report.conflicts().get(0).grades()).isEqualTo(Map.of("ana", 1, "ben", 2));
    }

    @Test
    void conflictsAreSortedWidestSpreadFirst() {
        List<Rating> ratings = List.of(
                new Rating(1, 1, "ana", 1), new Rating(1, 1, "ben", 2),
                new Rating(1, 2, "ana", 0), new Rating(1, 2, "ben", 3), new Rating(1, 2, "cy", 1),
                new Rating(1, 3, "ana", 2), new Rating(1, 3, "ben", 2),
                new Rating(1, 4, "ana", 0), new Rating(1, 4, "cy", 2));
        AgreementReport report = Agreement.analyze(ratings, List.of(1L), GradeScale.GRADED_0_3);
        assertThat(report.conflicts()).extracting(Conflict::documentId, Conflict::spread)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 3), org.assertj.core.groups.Tuple.tuple(4L, 2),
                        org.assertj.core.groups.Tuple.tuple(1L, 1));
        // Three annotators: κ is not defined, α is.
        assertThat(report.overall().annotators()).isEqualTo(3);
        assertThat(report.overall().kappa().value()).isNaN();
        assertThat(report.overall().kappa().undefinedReason()).contains("two annotators");
        assertThat(report.overall().alpha().isDefined()).isTrue();
    }

    @Test
    void nominalScalesUseNominalAlphaAndNoWeightedKappa() {
        GradeScale topics = GradeScale.custom("topic", false, List.of("sports", "politics", "science"));
        List<Rating> ratings = List.of(new Rating(1, 1, "ana", 0), new Rating(1, 1, "ben", 2),
                new Rating(1, 2, "ana", 1), new Rating(1, 2, "ben", 1));
        AgreementReport report = Agreement.analyze(ratings, List.of(1L), topics);
        assertThat(report.overall().alphaMetric()).isEqualTo(KrippendorffAlpha.Metric.NOMINAL);
        assertThat(report.overall().linearKappa().undefinedReason()).contains("ordinal");
        assertThat(report.conflicts()).singleElement().extracting(Conflict::spread).isEqualTo(1);
    }

    @Test
    void degenerateInputsGiveReasonsNotExceptions() {
        AgreementReport nothing = Agreement.analyze(List.of(), List.of(1L), GradeScale.BINARY);
        assertThat(nothing.overall().alpha().undefinedReason()).isEqualTo("nothing graded yet");
        assertThat(nothing.overall().kappa().value()).isNaN();
        assertThat(nothing.perQuery().get(1L).items()).isZero();

        AgreementReport alone = Agreement.analyze(List.of(new Rating(1, 1, "ana", 1), new Rating(1, 2, "ana", 0)),
                List.of(1L), GradeScale.BINARY);
        assertThat(alone.overall().alpha().undefinedReason()).contains("only one annotator");

        AgreementReport allRelevant = Agreement.analyze(List.of(new Rating(1, 1, "ana", 1), new Rating(1, 1, "ben", 1),
                new Rating(1, 2, "ana", 1), new Rating(1, 2, "ben", 1)), List.of(1L), GradeScale.BINARY);
        assertThat(allRelevant.overall().kappa().undefinedReason()).contains("same grade");
        assertThat(allRelevant.overall().alpha().undefinedReason()).contains("same grade");
        assertThat(allRelevant.conflicts()).isEmpty();

        // Two annotators who never graded the same document: no pairable item.
        AgreementReport disjoint = Agreement.analyze(List.of(new Rating(1, 1, "ana", 1), new Rating(1, 2, "ben", 0)),
                List.of(1L), GradeScale.BINARY);
        assertThat(disjoint.overall().items()).isZero();
        assertThat(disjoint.overall().kappa().undefinedReason()).contains("no item");
        assertThat(disjoint.overall().alpha().undefinedReason()).contains("two or more");
    }

    @Test
    void onlyTheRequestedQueriesCount() {
        List<Rating> ratings = List.of(new Rating(1, 1, "ana", 1), new Rating(1, 1, "ben", 0),
                new Rating(9, 5, "ana", 1), new Rating(9, 5, "ben", 0));
        AgreementReport report = Agreement.analyze(ratings, List.of(1L), GradeScale.BINARY);
        assertThat(report.overall().items()).isEqualTo(1);
        assertThat(report.conflicts()).extracting(Conflict::queryId).containsExactly(1L);
    }
}
