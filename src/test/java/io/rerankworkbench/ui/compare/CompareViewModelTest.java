package io.rerankworkbench.ui.compare;

import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.CompareService.Side;
import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.testing.CompareFixture;
import io.rerankworkbench.testing.RecordingDialogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Compare view's state over the hand-worked project of {@link CompareFixture}. */
class CompareViewModelTest {

    @TempDir
    Path tmp;

    private ProjectStore store;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private CompareViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        CompareFixture.fill(store);
        vm = new CompareViewModel(new CurrentThreadTaskRunner(), new CompareService(() -> store), dialogs);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private long row(String id) {
        return store.listQueries().stream().filter(q -> q.externalId().equals(id)).findFirst().orElseThrow().id();
    }

    private Side side(RankingRef ref) {
        return vm.sides().stream().filter(s -> s.ref().equals(ref)).findFirst().orElseThrow();
    }

    @Test
    void twoRunsShowTheOlderOnTheLeftAndTheNewerOnTheRight() {
        vm.open(row("q1"));
        assertThat(vm.queries()).extracting(StoredQuery::externalId).containsExactly("q1", "q2", "q3");
        assertThat(vm.leftProperty().get().ref()).isEqualTo(RankingRef.run(1));
        assertThat(vm.rightProperty().get().ref()).isEqualTo(RankingRef.run(2));
        RankDiff diff = vm.diffProperty().get();
        assertThat(diff.sideA()).extracting(RankDiff.Row::docId).containsExactly("a", "b", "c", "d");
        assertThat(diff.sideB()).extracting(RankDiff.Row::docId).containsExactly("c", "a", "b", "d");
        // Lines join each document's two positions: c rose two places, a and b fell one, d stayed.
        assertThat(diff.rows()).extracting(r -> RankDiffView.lineColor(r)).containsExactly(RankDiffView.DOWN,
                RankDiffView.DOWN, RankDiffView.UP, RankDiffView.SAME);
        assertThat(RankDiffView.lineWidth(diff.rows().get(2))).isGreaterThan(RankDiffView.lineWidth(diff.rows()
                .get(0)));
        assertThat(vm.agreementProperty().get().kendallTauB()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void theCutOffMarksWhatEnteredAndWhatDropped() {
        vm.open(row("q1"));
        vm.kProperty().set(2);
        RankDiff diff = vm.diffProperty().get();
        RankDiff.Row b = diff.rows().get(1);
        RankDiff.Row c = diff.rows().get(2);
        assertThat(RankDiffView.mark(b, 2, true)).isEqualTo("out → 3");
        assertThat(RankDiffView.mark(c, 2, false)).isEqualTo("in ← 3");
        assertThat(RankDiffView.mark(diff.rows().get(0), 2, false)).isEqualTo("▼1");
        assertThat(RankDiffView.mark(diff.rows().get(0), 2, true)).isEmpty();
        assertThat(vm.agreementProperty().get().enteredAtK()).isEqualTo(1);
        assertThat(vm.agreementProperty().get().droppedAtK()).isEqualTo(1);
        vm.kProperty().set(0);
        assertThat(RankDiffView.mark(c, 0, false)).isEqualTo("▲2");
        assertThat(vm.agreementProperty().get().k()).isEqualTo(4);
    }

    @Test
    void theIdealOrderComesFromTheGrades() {
        vm.open(row("q1"));
        vm.rightProperty().set(side(RankingRef.IDEAL));
        assertThat(vm.diffProperty().get().sideB()).extracting(RankDiff.Row::docId).containsExactly("a", "c", "b");
        assertThat(vm.diffProperty().get().sideB()).extracting(RankDiff.Row::scoreB).containsExactly(3.0, 2.0,
                0.0);
        assertThat(vm.grades()).containsEntry("c", 2).doesNotContainKey("d");
    }

    @Test
    void steppingThroughQueriesKeepsTheChosenRankers() {
        vm.open(row("q1"));
        vm.swap();
        assertThat(vm.leftProperty().get().ranking().model()).isEqualTo("m2");
        vm.step(1); // q2 has no m2 run: its only run and a note
        assertThat(vm.rankingsProperty().get().query().externalId()).isEqualTo("q2");
        assertThat(vm.messageProperty().get()).isEqualTo("q2 has no m2 run; the other side shows what it has.");
        assertThat(vm.rightProperty().get().ranking().model()).isEqualTo("m1");
        vm.step(1);
        // q3: m2 is run 1, m1 is run 2 (its failed run 3 is not a ranking to compare)
        assertThat(vm.leftProperty().get().ref()).isEqualTo(RankingRef.run(1));
        assertThat(vm.rightProperty().get().ref()).isEqualTo(RankingRef.run(2));
        assertThat(vm.messageProperty().get()).isEmpty();
        vm.step(1);
        assertThat(vm.rankingsProperty().get().query().externalId()).isEqualTo("q1");
        vm.step(-1);
        assertThat(vm.rankingsProperty().get().query().externalId()).isEqualTo("q3");
    }

    @Test
    void theSelectedDocumentShowsItsTextAndWhatToExplain() {
        vm.open(row("q1"));
        vm.selectedProperty().set("c");
        assertThat(vm.selectedText()).isEqualTo("text of c");
        assertThat(vm.explainSelectionProperty().get().docId()).isEqualTo("c");
        assertThat(vm.explainSelectionProperty().get().runNumber()).isEqualTo(1);
        vm.leftProperty().set(side(RankingRef.ORIGINAL));
        vm.selectedProperty().set("a");
        // The left side is no run: the right side's run is explained.
        assertThat(vm.explainSelectionProperty().get().runNumber()).isEqualTo(2);
    }

    @Test
    void theAgreementOverQueriesIsComputedOnlyWhenShown() {
        vm.open(row("q1"));
        assertThat(vm.overQueriesProperty().get()).isNull();
        vm.overQueriesShownProperty().set(true);
        assertThat(vm.overQueriesProperty().get().queries()).hasSize(2);
        assertThat(vm.overQueriesTitleProperty().get()).startsWith("m1 against m2");
    }

    @Test
    void theExportWritesTheComparisonOnScreen() throws Exception {
        vm.open(row("q1"));
        Path file = tmp.resolve("c.csv");
        dialogs.answerSaveWith(file);
        vm.exportCsv();
        assertThat(Files.readAllLines(file)).hasSize(5).first().isEqualTo(String.join(",",
                CompareService.CSV_COLUMNS));
        assertThat(vm.messageProperty().get()).isEqualTo("Saved c.csv.");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aQueryAndItsVariantAreComparedSideBySideAndTheChoiceCarriesToOtherQueries() {
        StoredVariant grilled = CompareFixture.variant(store, "q1", "grilled steak");
        CompareFixture.variantRun(store, grilled, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                RunStatus.COMPLETED);
        StoredVariant hot = CompareFixture.variant(store, "q3", "hot ovens");
        CompareFixture.variantRun(store, hot, "m1", Map.of("a", 0.9, "e", 0.1), RunStatus.COMPLETED);
        vm.open(row("q1"));
        // the pickers list the variant's run, named with its phrasing
        Side variant = side(RankingRef.variantRun(1, 1));
        assertThat(CompareTexts.sideName(variant))
                .isEqualTo("Variant 1 · run 1 · m1 \u2014 \u201cgrilled steak\u201d (local bi-encoder)");
        assertThat(CompareTexts.sideHelp(variant)).startsWith("Ranked for variant 1 of the query: \u201cgrilled steak\u201d");
        assertThat(CompareTexts.sideHelp(side(RankingRef.run(1)))).startsWith("Ranked for the query: \u201csteak\u201d");
        assertThat(CompareTexts.sideHelp(side(RankingRef.ORIGINAL))).isNull();
        assertThat(CompareTexts.shortName(variant)).isEqualTo("m1 (v1 run 1)");
        // the defaults stay the query's own runs
        assertThat(vm.rightProperty().get().ref()).isEqualTo(RankingRef.run(2));
        vm.leftProperty().set(side(RankingRef.run(1)));
        vm.rightProperty().set(variant);
        // m1 on "steak" (a b c d) against m1 on "grilled steak" (b c a d)
        assertThat(vm.diffProperty().get().sideB()).extracting(RankDiff.Row::docId)
                .containsExactly("b", "c", "a", "d");
        assertThat(CompareViewModel.fileName(vm.rankingsProperty().get(), vm.leftProperty().get(),
                vm.rightProperty().get(), "csv")).isEqualTo("compare-q1-run1-vs-v1-run1.csv");
        vm.overQueriesShownProperty().set(true);
        assertThat(vm.overQueriesTitleProperty().get()).startsWith("m1 against v1 · m1");
        assertThat(vm.overQueriesProperty().get().queries()).extracting(q -> q.queryId())
                .containsExactly("q1", "q3");
        vm.step(1); // q2 has no variant
        assertThat(vm.messageProperty().get()).isEqualTo("q2 has no variant 1 m1 run; the other side shows what it has.");
        assertThat(vm.leftProperty().get().ranking().model()).isEqualTo("m1");
        vm.step(1); // q3: its newest completed m1 run (run 2) against its variant's m1 run
        assertThat(vm.leftProperty().get().ref()).isEqualTo(RankingRef.run(2));
        assertThat(vm.rightProperty().get().ref()).isEqualTo(RankingRef.variantRun(1, 1));
        assertThat(vm.rightProperty().get().ranking().query().text()).isEqualTo("hot ovens");
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void aQueryDeletedMeanwhileGivesWayToTheFirstOneLeft() {
        vm.open(row("q3"));
        store.deleteQuery(row("q3"));
        vm.refresh();
        assertThat(vm.rankingsProperty().get().query().externalId()).isEqualTo("q1");
        assertThat(vm.queries()).extracting(StoredQuery::externalId).containsExactly("q1", "q2");
    }
}
