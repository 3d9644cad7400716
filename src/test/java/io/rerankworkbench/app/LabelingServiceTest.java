package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LabelingServiceTest {

    @TempDir
    Path dir;

    private ProjectStore store;
    private LabelingService service;
    private long q1;
    private long q2;

    @BeforeEach
    void project() throws Exception {
        store = ProjectStore.create(dir.resolve("p.rwb"));
        q1 = store.addQuery("q1", "capital of france").id();
        q2 = store.addQuery("q2", "tallest mountain").id();
        List<NewCandidate> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            rows.add(new NewCandidate(i, "d" + i, "document " + i));
        }
        store.addCandidates(q1, rows, ImportProgress.NONE);
        store.addCandidates(q2, rows, ImportProgress.NONE);
        service = new LabelingService(store, new AnnotatorSettings(dir.resolve("config")));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void seededShuffleIsAFisherYatesPermutationFixedByTheSeed() {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();
        List<Integer> a = LabelingService.seededShuffle(items, 42);
        assertThat(a).containsExactlyInAnyOrderElementsOf(items).isNotEqualTo(items);
        assertThat(LabelingService.seededShuffle(items, 42)).isEqualTo(a);
        assertThat(LabelingService.seededShuffle(items, 43)).isNotEqualTo(a);
        assertThat(LabelingService.seededShuffle(List.of(), 1)).isEmpty();
        // Spelled out for a small list, so a change of algorithm shows: Random(7).nextInt(3), then nextInt(2).
        java.util.Random r = new java.util.Random(7);
        List<String> expected = new ArrayList<>(List.of("a", "b", "c"));
        java.util.Collections.swap(expected, 2, r.nextInt(3));
        java.util.Collections.swap(expected, 1, r.nextInt(2));
        assertThat(LabelingService.seededShuffle(List.of("a", "b", "c"), 7)).isEqualTo(expected);
    }

    @Test
    void aResumedSessionShowsTheSameOrderEvenAfterReopeningTheFile() throws Exception {
        LabelingService.SessionPlan plan = service.start("pass", GradeScale.BINARY, "ana", true, List.of(q1, q2), 99);
        List<Long> first = documents(service.items(plan.session(), q1));
        List<Long> second = documents(service.items(plan.session(), q2));
        assertThat(first).as("queries are shuffled differently").isNotEqualTo(second);
        List<Long> originalOrder = store.candidates(q1).stream().map(StoredCandidate::documentId).toList();
        assertThat(first).isNotEqualTo(originalOrder);

        store.close();
        store = ProjectStore.open(dir.resolve("p.rwb"));
        service = new LabelingService(store, new AnnotatorSettings(dir.resolve("config")));
        LabelingService.SessionPlan resumed = service.open(plan.session().id());
        assertThat(resumed.scale()).isEqualTo(GradeScale.BINARY);
        assertThat(resumed.queries()).extracting(q -> q.externalId()).containsExactly("q1", "q2");
        assertThat(documents(service.items(resumed.session(), q1))).isEqualTo(first);
        assertThat(documents(service.items(resumed.session(), q2))).isEqualTo(second);
    }

    private static List<Long> documents(List<LabelingService.LabelItem> items) {
        return items.stream().map(i -> i.candidate().documentId()).toList();
    }

    @Test
    void startingASessionRemembersTheAnnotatorForNextTime() throws Exception {
        AnnotatorSettings settings = new AnnotatorSettings(dir.resolve("config"));
        assertThat(service.annotator().remembered()).isFalse();
        service.start("pass", GradeScale.GRADED_0_3, "  Ana Lyst ", true, List.of(q1));
        assertThat(settings.annotator()).isEqualTo("Ana Lyst");
        assertThat(service.annotator()).isEqualTo(new LabelingService.Annotator("Ana Lyst", true));
        assertThat(Files.readString(dir.resolve("config").resolve("labeling.properties"))).contains("Ana Lyst");
    }

    @Test
    void aSystemAccountIsNeverOfferedAsTheAnnotator() throws Exception {
        assertThat(new AnnotatorSettings(dir.resolve("a"), "root").annotator()).isEmpty();
        assertThat(new AnnotatorSettings(dir.resolve("a"), "Administrator").suggestion()).isEmpty();
        assertThat(new AnnotatorSettings(dir.resolve("a"), "ubuntu").suggestion()).isEmpty();
        assertThat(new AnnotatorSettings(dir.resolve("a"), "jdoe").suggestion()).isEqualTo("jdoe");
        LabelingService fresh = new LabelingService(store, new AnnotatorSettings(dir.resolve("b"), "root"));
        assertThat(fresh.annotator()).isEqualTo(new LabelingService.Annotator("", false));
        fresh.rememberAnnotator(" Ana ");
        assertThat(fresh.annotator()).isEqualTo(new LabelingService.Annotator("Ana", true));
        assertThat(new AnnotatorSettings(dir.resolve("b"), "root").annotator()).as("kept in the file")
                .isEqualTo("Ana");
    }

    @Test
    void itemsCarryTheSessionGradeAndTheLatestCompletedRunScore() {
        LabelingService.SessionPlan plan = service.start("pass", GradeScale.BINARY, "ana", false, List.of(q1), 5);
        List<StoredCandidate> candidates = store.candidates(q1);
        Query query = new Query("q1", "capital of france");
        List<ScoredCandidate> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i).candidate();
            scored.add(new ScoredCandidate(c, 10.0 - i, i + 1, 0, Double.NaN, null));
        }
        store.recordRun(q1, new Ranking(query, scored, "fake", "m", Duration.ZERO), null, null, Instant.now(),
                Instant.now(), RunStatus.COMPLETED);
        long doc = candidates.get(2).documentId();
        service.grade(plan.session(), q1, doc, 1, "clear");

        LabelingService.LabelItem item = service.items(plan.session(), q1).stream()
                .filter(i -> i.candidate().documentId() == doc).findFirst().orElseThrow();
        assertThat(item.latestScore()).isEqualTo(8.0);
        assertThat(item.grade().grade()).isEqualTo(1);
        assertThat(item.grade().note()).isEqualTo("clear");

        LabelingService.Undone undone = service.undo(plan.session()).orElseThrow();
        assertThat(undone.removed().documentId()).isEqualTo(doc);
        assertThat(undone.current()).isNull();
        assertThat(service.progress(plan.session()).get(0).labeled()).isZero();
    }

    @Test
    void agreementComparesAnnotatorsAndNamesTheConflicts() {
        LabelingService.SessionPlan ana = service.start("a", GradeScale.BINARY, "ana", true, List.of(q1), 1);
        LabelingService.SessionPlan ben = service.start("b", GradeScale.BINARY, "ben", true, List.of(q1), 2);
        List<StoredCandidate> candidates = store.candidates(q1);
        int[] anaGrades = {1, 1, 0, 0, 1, 0};
        int[] benGrades = {1, 0, 0, 0, 1, 1};
        for (int i = 0; i < anaGrades.length; i++) {
            service.grade(ana.session(), q1, candidates.get(i).documentId(), anaGrades[i], null);
            service.grade(ben.session(), q1, candidates.get(i).documentId(), benGrades[i], null);
        }
        LabelingService.AgreementOverview overview = service.agreement(List.of(q1), GradeScale.BINARY);
        // p_o = 4/6; both say 1 to half the items: p_e = 0.5 → κ = (2/3 − 1/2)/(1/2) = 1/3.
        assertThat(overview.report().overall().kappa().value()).isCloseTo(1.0 / 3,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(overview.report().overall().items()).isEqualTo(6);
        assertThat(overview.conflicts()).hasSize(2);
        assertThat(overview.conflicts().get(0).candidate().candidate().docId()).isEqualTo("d2");
        assertThat(overview.conflicts().get(0).query().externalId()).isEqualTo("q1");
        assertThat(overview.queries()).containsOnlyKeys(q1);
    }
}
