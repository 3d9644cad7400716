package io.rerankworkbench.ui.evaluate;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.GradeChoice;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Measure;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
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

/**
 * The Evaluate panel's state over {@link CompareFixture} with a second annotator, bo, who grades q1's d = 2 and
 * q2's y = 1 (newest grades: q1 a3 b0 c2 d2, q2 y1; m2 has no run of q2).
 */
class EvaluateViewModelTest {

    @TempDir
    Path tmp;

    private ProjectStore store;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private EvaluateViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        CompareFixture.fill(store);
        CompareFixture.grade(store, "q1", "d", 2, "bo");
        CompareFixture.grade(store, "q2", "y", 1, "bo");
        vm = new EvaluateViewModel(new CurrentThreadTaskRunner(), new EvaluationService(() -> store), dialogs);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private double mean(int ranker) {
        return vm.reportProperty().get().results().get(ranker).evaluation()
                .all(MeasureSpec.of(Measure.NDCG_CUT, vm.kProperty().get()));
    }

    @Test
    void opensWithEveryRankerTheFirstTwoComparedAndThePerQueryRows() {
        vm.open();
        assertThat(vm.rankers()).extracting(Ranker::label).containsExactly("m1", "m2", "Original order");
        assertThat(vm.rankerAProperty().get().label()).isEqualTo("m1");
        assertThat(vm.rankerBProperty().get().label()).isEqualTo("m2");
        assertThat(vm.gradeChoices()).extracting(GradeChoice::label).containsExactly("newest grade",
                "mean of the annotators' grades", "highest grade", "ann's grades", "bo's grades");
        // q1 m1 a b c d: (3 + 1 + 2/log2 5) / (3 + 2/log2 3 + 1) = 0.92388; q2 m1 y first: 1
        assertThat(mean(0)).isCloseTo((0.923884 + 1) / 2, within(1e-6));
        assertThat(vm.queryRows()).extracting(EvaluateViewModel.QueryRow::id).containsExactly("q1", "q2");
        EvaluateViewModel.QueryRow q2 = vm.queryRows().get(1);
        assertThat(q2.values()[0]).isEqualTo(1.0);
        assertThat(q2.values()[1]).isNaN(); // m2 has no run of q2
        assertThat(q2.difference(0, 1)).isNaN();
        assertThat(vm.queryRows().get(0).difference(0, 1)).isCloseTo(0.9035099 - 0.9238850, within(1e-6));
        // m1 and m2 share q1 only: no test
        assertThat(vm.pairTestProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void comparingTwoRankersOverSharedQueries() {
        vm.open();
        vm.rankerBProperty().set(vm.rankers().get(2)); // the original order has both queries
        EvaluationService.PairTest t = vm.pairTestProperty().get();
        assertThat(t).isNotNull();
        assertThat(t.paired().queries()).containsExactly("q1", "q2");
        assertThat(t.holm()).isEqualTo(t.randomization().pValue());
        // q1 ties (the original order is m1's), q2: original x y z puts y second, m1 first
        assertThat(EvaluateTexts.winTieLoss(t.winTieLoss())).isEqualTo("B better on 0 · tied on 1 · A better on 1");
        assertThat(EvaluateTexts.pair(t, false)).startsWith("B − A = −0.1845 on nDCG@10 over 2 queries");
        vm.swap();
        assertThat(vm.rankerAProperty().get().label()).isEqualTo("Original order");
        assertThat(vm.rankerBProperty().get().label()).isEqualTo("m1");
        assertThat(EvaluateTexts.pair(vm.pairTestProperty().get(), false)).startsWith("B − A = +0.1845");
        vm.metricIndexProperty().set(3); // MRR: q2 1 against 1/2
        assertThat(vm.pairTestProperty().get().metric().name()).isEqualTo("MRR");
        assertThat(vm.queryRows().get(1).difference(vm.indexOf(vm.rankerAProperty().get()),
                vm.indexOf(vm.rankerBProperty().get()))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void settingsRecomputeWithoutReadingAgain() throws Exception {
        vm.open();
        EvaluationService.Snapshot before = vm.snapshotProperty().get();
        vm.gradesProperty().set(GradeChoice.annotator("ann"));
        assertThat(vm.reportProperty().get().qrels()).containsOnlyKeys("q1");
        assertThat(mean(0)).isCloseTo(0.938557, within(1e-6));
        vm.kProperty().set(1);
        assertThat(vm.reportProperty().get().metrics().get(0).name()).isEqualTo("nDCG@1");
        assertThat(mean(1)).isCloseTo(2.0 / 3, within(1e-12)); // m2 puts c (2) where a (3) belongs
        vm.conventionsProperty().set(Conventions.TREC_EVAL.withGain(Conventions.Gain.EXPONENTIAL));
        assertThat(mean(1)).isCloseTo(3.0 / 7, within(1e-12)); // 2^2 − 1 over 2^3 − 1
        assertThat(EvaluateTexts.conventions(vm.conventionsProperty().get())).startsWith("exponential gain");
        vm.resetConventions();
        assertThat(EvaluateTexts.conventions(vm.conventionsProperty().get())).startsWith("trec_eval defaults: ");
        assertThat(vm.snapshotProperty().get()).isSameAs(before);
    }

    @Test
    void aQuerysVariantIsAColumnBesideItsOwnRankersInThePerQueryTable() {
        // q1's variant 1 "grilled steak" ranked by m1 as b c a d; q2 has no variant
        StoredVariant grilled = CompareFixture.variant(store, "q1", "grilled steak");
        CompareFixture.variantRun(store, grilled, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                RunStatus.COMPLETED);
        vm.open();
        assertThat(vm.rankers()).extracting(Ranker::label).containsExactly("m1", "m2", "v1 · m1",
                "Original order");
        Ranker variant = vm.rankers().get(2);
        assertThat(EvaluateTexts.rankerHelp(variant)).startsWith("v1 · m1: the newest completed m1 run "
                + "(local bi-encoder) of variant 1 of each query that has one");
        EvaluateViewModel.QueryRow q1 = vm.queryRows().get(0);
        // newest grades a3 b0 c2 d2: ideal 3 + 2/log2 3 + 2/2; b c a d → 0 + 2/log2 3 + 3/2 + 2/log2 5
        double ideal = 3 + 2 / log2(3) + 1;
        assertThat(q1.values()[2]).isCloseTo((2 / log2(3) + 1.5 + 2 / log2(5)) / ideal, within(1e-12));
        assertThat(q1.values()[0]).isCloseTo(0.923885, within(1e-6));
        assertThat(q1.rankedFor()).containsExactly(null, null, "grilled steak", null);
        EvaluateViewModel.QueryRow q2 = vm.queryRows().get(1);
        assertThat(q2.values()[2]).isNaN();
        assertThat(q2.noSuchVariant(2)).isTrue();
        assertThat(q2.noSuchVariant(1)).isFalse(); // m2 simply has no run of q2
        // the variant's mean is q1's alone, and A against the variant pairs q1 only: no test
        assertThat(mean(2)).isCloseTo(q1.values()[2], within(1e-12));
        vm.rankerBProperty().set(variant);
        assertThat(vm.pairTestProperty().get()).isNull();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void aProjectWithoutGradesSaysWhatToDo() throws Exception {
        ProjectStore empty = ProjectStore.create(tmp.resolve("empty.rwb"));
        try (empty) {
            EvaluateViewModel fresh = new EvaluateViewModel(new CurrentThreadTaskRunner(),
                    new EvaluationService(() -> empty), dialogs);
            fresh.open();
            assertThat(fresh.messageProperty().get()).contains("No query has a grade yet");
            assertThat(fresh.rankers()).isEmpty();
            assertThat(fresh.pairTestProperty().get()).isNull();
        }
    }

    @Test
    void exportsTheNumbersAsCsv() throws Exception {
        vm.open();
        Path file = tmp.resolve("eval.csv");
        dialogs.answerSaveWith(file);
        vm.exportCsv();
        String csv = Files.readString(file);
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("ranker,query_id,measure,trec_name,value,ci_lower,ci_upper,judged");
        // full precision; judged is the share of the top 10 (its mean on the all rows)
        assertThat(csv.lines()).contains("m1,q2,nDCG@10,ndcg_cut_10,1.0,,,0.1",
                "m1,all,nDCG@10,ndcg_cut_10,0.9619425043131191,0.9238850086262383,1.0,0.25",
                "Original order,all,MRR,recip_rank,0.75,0.5,1.0,0.25");
        assertThat(dialogs.errors).isEmpty();
    }
}
