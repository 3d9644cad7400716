package io.rerankworkbench.app;

import io.rerankworkbench.app.CompareService.QueryRankings;
import io.rerankworkbench.app.CompareService.Side;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreement;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.eval.compare.RankMatrix;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.testing.CompareFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A query's rankings, references across queries, the matrix, agreement over queries and the CSV, by hand. */
class CompareServiceTest {

    @TempDir
    Path tmp;

    private ProjectStore store;
    private CompareService service;

    @BeforeEach
    void setUp() throws Exception {
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        CompareFixture.fill(store);
        service = new CompareService(() -> store);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private QueryRankings rankings(String id) {
        long row = store.listQueries().stream().filter(q -> q.externalId().equals(id)).findFirst().orElseThrow()
                .id();
        return service.rankings(row).orElseThrow();
    }

    private static List<String> ids(Side s) {
        return s.list().ids();
    }

    @Test
    void aQueryHasItsRunsThenTheOriginalAndTheIdealOrder() {
        QueryRankings q1 = rankings("q1");
        assertThat(q1.sides()).extracting(Side::label).containsExactly("Run 1 · m1", "Run 2 · m2",
                CompareService.ORIGINAL_LABEL, CompareService.IDEAL_LABEL);
        assertThat(ids(q1.sides().get(1))).containsExactly("c", "a", "b", "d");
        assertThat(ids(q1.sides().get(2))).containsExactly("a", "b", "c", "d");
        assertThat(q1.grades()).isEqualTo(Map.of("a", 3, "b", 0, "c", 2));
        // Ideal: the graded documents by grade (the newest grade counts); d has none and is not in it.
        Side ideal = q1.sides().get(3);
        assertThat(ids(ideal)).containsExactly("a", "c", "b");
        assertThat(ideal.ranking().results()).extracting(r -> r.score()).containsExactly(3.0, 2.0, 0.0);
        assertThat(ideal.list().tieKeys()).containsExactly(3.0, 2.0, 0.0);
        assertThat(q1.sides().get(2).list().tieKeys()).isNull();
    }

    @Test
    void aQueryWithoutGradesHasNoIdealOrder() {
        QueryRankings q2 = rankings("q2");
        assertThat(q2.sides()).extracting(Side::ref).containsExactly(RankingRef.run(1), RankingRef.ORIGINAL);
        assertThat(CompareService.resolve(q2, RankingRef.IDEAL)).isEmpty();
        assertThat(service.rankings(-1)).isEmpty();
    }

    @Test
    void aRankerIsFoundByItsNewestCompletedRun() {
        QueryRankings q3 = rankings("q3");
        // Run 3 is m1's newest but failed: run 2 stands for m1.
        assertThat(CompareService.resolve(q3, RankingRef.system(null, "m1")).orElseThrow().ref())
                .isEqualTo(RankingRef.run(2));
        assertThat(CompareService.resolve(q3, RankingRef.system("local bi-encoder", "m2")).orElseThrow().ref())
                .isEqualTo(RankingRef.run(1));
        assertThat(CompareService.resolve(q3, RankingRef.system("remote", "m2"))).isEmpty();
        assertThat(CompareService.resolve(q3, RankingRef.run(3)).orElseThrow().completed()).isFalse();
        assertThat(CompareService.resolve(q3, RankingRef.run(4))).isEmpty();
        assertThat(CompareService.resolve(q3, RankingRef.parse("m1")).orElseThrow().ref())
                .isEqualTo(RankingRef.run(2));
    }

    @Test
    void theDiffOfTwoRunsSaysWhereEachDocumentWent() {
        QueryRankings q1 = rankings("q1");
        RankDiff diff = CompareService.diff(q1.sides().get(0), q1.sides().get(1));
        assertThat(diff.rows()).extracting(RankDiff.Row::docId).containsExactly("a", "b", "c", "d");
        assertThat(diff.rows()).extracting(RankDiff.Row::movement).containsExactly(-1, -1, 2, 0);
        assertThat(diff.rows().get(2).scoreB()).isEqualTo(0.95);
        assertThat(diff.rows()).extracting(r -> r.status(2)).containsExactly(RankDiff.Status.KEPT,
                RankDiff.Status.DROPPED, RankDiff.Status.ENTERED, RankDiff.Status.OUTSIDE);
        assertThat(diff.sideB()).extracting(RankDiff.Row::docId).containsExactly("c", "a", "b", "d");
    }

    @Test
    void theMatrixHasTheNewestRunOfEachRankerThenThePseudoRuns() {
        RankMatrix m = CompareService.matrix(rankings("q1"), ListAgreements.DEFAULT_P);
        assertThat(m.names()).containsExactly("m1", "m2", "original", "ideal");
        assertThat(m.documents()).containsExactly("a", "b", "c", "d");
        assertThat(m.ranks()).isDeepEqualTo(new int[][]{{1, 2, 1, 1}, {2, 3, 2, 3}, {3, 1, 3, 2}, {4, 4, 4, 0}});
        assertThat(m.tauB()[0][1]).isCloseTo(1.0 / 3, within(1e-12));
        RankMatrix q3 = CompareService.matrix(rankings("q3"), ListAgreements.DEFAULT_P);
        assertThat(q3.names()).containsExactly("m2", "m1", "original");
        assertThat(q3.documents()).containsExactly("e", "a");
        assertThat(q3.ranks()).isDeepEqualTo(new int[][]{{1, 2, 2}, {2, 1, 1}});
    }

    @Test
    void twoRankersAgreeOverTheQueriesThatHaveBoth() {
        AgreementOverQueries over = service.overQueries(RankingRef.system(null, "m1"),
                RankingRef.system(null, "m2"), 2, ListAgreements.DEFAULT_P, null);
        assertThat(over.queries()).extracting(QueryAgreement::queryId).containsExactly("q1", "q3");
        ListAgreement q1 = over.queries().get(0).agreement();
        // a b c d against c a b d: 4 concordant pairs, 2 discordant; rank differences 1, 1, 2, 0.
        assertThat(q1.kendallTauB()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(q1.spearmanRho()).isCloseTo(0.4, within(1e-12));
        assertThat(q1.jaccardAtK()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(q1.overlapAtK()).isCloseTo(0.5, within(1e-12));
        assertThat(q1.enteredAtK()).isEqualTo(1);
        assertThat(q1.droppedAtK()).isEqualTo(1);
        assertThat(over.queries().get(1).agreement().kendallTauB()).isCloseTo(-1, within(1e-12));
        assertThat(over.byDisagreement()).extracting(QueryAgreement::queryId).containsExactly("q3", "q1");
        assertThat(over.means().kendallTauB()).isCloseTo((1.0 / 3 - 1) / 2, within(1e-12));
    }

    @Test
    void theCsvHasOneRowPerDocumentInEitherRanking() throws Exception {
        QueryRankings q1 = rankings("q1");
        Path file = tmp.resolve("out.csv");
        CompareService.exportCsv(q1, q1.sides().get(1), q1.sides().get(3), file);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "query_id,doc_id,rank_a,rank_b,score_a,score_b,movement,grade",
                "q1,c,1,2,0.950000,2.000000,-1,2",
                "q1,a,2,1,0.500000,3.000000,1,3",
                "q1,b,3,3,0.400000,0.000000,0,0",
                "q1,d,4,,0.100000,,,");
    }

    /**
     * q1's variants: 1 "grilled steak" run by m1 (b c a d); 2 "steak recipes" run by m1 (c a b d), then by m2, which
     * failed.
     */
    private void addVariants() {
        StoredVariant v1 = CompareFixture.variant(store, "q1", "grilled steak");
        CompareFixture.variantRun(store, v1, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                RunStatus.COMPLETED);
        StoredVariant v2 = CompareFixture.variant(store, "q1", "steak recipes");
        CompareFixture.variantRun(store, v2, "m1", Map.of("a", 0.8, "b", 0.1, "c", 0.9, "d", 0.0),
                RunStatus.COMPLETED);
        CompareFixture.variantRun(store, v2, "m2", Map.of("a", 0.1, "b", 0.2, "c", 0.3, "d", 0.4),
                RunStatus.FAILED);
    }

    @Test
    void aQuerysVariantsRunsComeAfterItsOwnRuns() {
        addVariants();
        QueryRankings q1 = rankings("q1");
        assertThat(q1.sides()).extracting(Side::label).containsExactly("Run 1 · m1", "Run 2 · m2",
                "Variant 1 · run 1 · m1 \u2014 \u201cgrilled steak\u201d",
                "Variant 2 · run 1 · m1 \u2014 \u201csteak recipes\u201d",
                "Variant 2 · run 2 · m2 \u2014 \u201csteak recipes\u201d",
                CompareService.ORIGINAL_LABEL, CompareService.IDEAL_LABEL);
        assertThat(q1.sides()).extracting(Side::ref).startsWith(RankingRef.run(1), RankingRef.run(2),
                RankingRef.variantRun(1, 1), RankingRef.variantRun(2, 1), RankingRef.variantRun(2, 2));
        Side v1 = q1.sides().get(2);
        assertThat(ids(v1)).containsExactly("b", "c", "a", "d");
        assertThat(v1.ranking().query().text()).isEqualTo("grilled steak");
        assertThat(q1.textOf(v1)).isEqualTo("grilled steak");
        assertThat(q1.textOf(q1.sides().get(0))).isEqualTo("steak");
        assertThat(q1.variants()).extracting(StoredVariant::text).containsExactly("grilled steak", "steak recipes");
        assertThat(q1.sides().get(4).completed()).isFalse();
        // the grades are the query's: a variant is judged by them
        assertThat(q1.grades()).isEqualTo(Map.of("a", 3, "b", 0, "c", 2));
        // another query has no variant sides
        assertThat(rankings("q3").variants()).isEmpty();
        assertThat(rankings("q3").sides()).noneMatch(s -> s.ref() instanceof RankingRef.VariantRun);
    }

    @Test
    void variantReferencesResolveToTheVariantsRuns() {
        addVariants();
        QueryRankings q1 = rankings("q1");
        assertThat(CompareService.resolve(q1, RankingRef.variantRun(2, 2)).orElseThrow().completed()).isFalse();
        assertThat(CompareService.resolve(q1, RankingRef.variantRun(2, 3))).isEmpty();
        assertThat(CompareService.resolve(q1, RankingRef.variantRun(3, 1))).isEmpty();
        // v2: its newest completed run (run 2 failed)
        assertThat(CompareService.resolve(q1, RankingRef.parse("v2")).orElseThrow().ref())
                .isEqualTo(RankingRef.variantRun(2, 1));
        assertThat(CompareService.resolve(q1, RankingRef.parse("v1:m1")).orElseThrow().ref())
                .isEqualTo(RankingRef.variantRun(1, 1));
        assertThat(CompareService.resolve(q1, RankingRef.parse("v1:local bi-encoder:m1")).orElseThrow().ref())
                .isEqualTo(RankingRef.variantRun(1, 1));
        assertThat(CompareService.resolve(q1, RankingRef.parse("v1:remote:m1"))).isEmpty();
        assertThat(CompareService.resolve(q1, RankingRef.parse("v2:m2"))).isEmpty();
        assertThat(CompareService.resolve(q1, RankingRef.parse("v2.1")).orElseThrow().label())
                .startsWith("Variant 2 · run 1");
        // the query's own references never take a variant's run
        assertThat(CompareService.resolve(q1, RankingRef.system(null, "m1")).orElseThrow().ref())
                .isEqualTo(RankingRef.run(1));
        assertThat(CompareService.resolve(rankings("q3"), RankingRef.parse("v1"))).isEmpty();
    }

    @Test
    void theMatrixHasEachVariantsNewestRunsAsRowsOfTheirOwn() {
        addVariants();
        RankMatrix m = CompareService.matrix(rankings("q1"), ListAgreements.DEFAULT_P);
        assertThat(m.names()).containsExactly("m1", "m2", "v1 · m1", "v2 · m1", "original", "ideal");
        assertThat(m.documents()).containsExactly("a", "b", "c", "d");
        // v1 · m1 ranks b c a d, v2 · m1 ranks c a b d
        assertThat(m.ranks()).isDeepEqualTo(new int[][]{
                {1, 2, 3, 2, 1, 1}, {2, 3, 1, 3, 2, 3}, {3, 1, 2, 1, 3, 2}, {4, 4, 4, 4, 4, 0}});
    }

    @Test
    void aVariantAgreesWithItsQueryOverTheQueriesThatHaveIt() {
        addVariants();
        AgreementOverQueries over = service.overQueries(RankingRef.system(null, "m2"), RankingRef.parse("v2:m1"),
                2, ListAgreements.DEFAULT_P, null);
        // only q1 has a variant 2; its m2 run and variant 2's m1 run both rank c a b d
        assertThat(over.queries()).extracting(QueryAgreement::queryId).containsExactly("q1");
        assertThat(over.queries().get(0).agreement().kendallTauB()).isCloseTo(1, within(1e-12));
    }

    @Test
    void queriesAreListedInTheProjectsOrder() {
        assertThat(service.queries()).extracting(StoredQuery::externalId).containsExactly("q1", "q2", "q3");
    }
}
