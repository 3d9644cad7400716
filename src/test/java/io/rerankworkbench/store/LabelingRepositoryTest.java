package io.rerankworkbench.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelingRepositoryTest {

    private static final String SCALE = "{\"name\":\"binary\",\"ordinal\":true,\"levels\":[{\"grade\":0,"
            + "\"label\":\"not relevant\"},{\"grade\":1,\"label\":\"relevant\"}]}";

    @TempDir
    Path dir;

    private Path file;
    private ProjectStore store;
    private LabelingRepository repo;
    private long q1;
    private long q2;
    private long[] docs1;
    private long[] docs2;

    @BeforeEach
    void project() throws Exception {
        file = dir.resolve("p.rwb");
        store = ProjectStore.create(file);
        q1 = store.addQuery("q1", "capital of france").id();
        q2 = store.addQuery("q2", "tallest mountain").id();
        docs1 = store.addCandidates(q1, List.of(new NewCandidate(1, "d1", "Paris is the capital."),
                new NewCandidate(2, "d2", "Lyon is a city."), new NewCandidate(3, "d3", "Berlin.")),
                ImportProgress.NONE);
        docs2 = store.addCandidates(q2, List.of(new NewCandidate(1, "e1", "Everest."),
                new NewCandidate(2, "e2", "K2.")), ImportProgress.NONE);
        repo = new LabelingRepository(store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aSessionIsCreatedWithItsQueriesInOrder() throws Exception {
        LabelingSession s = repo.createSession("first pass", SCALE, "ana", 42, true, List.of(q2, q1));
        assertThat(s.name()).isEqualTo("first pass");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.blind()).isTrue();
        assertThat(s.annotator()).isEqualTo("ana");
        assertThat(repo.sessionQueryIds(s.id())).containsExactly(q2, q1);
        repo.createSession("second", SCALE, "ben", 7, false, List.of(q1));
        assertThat(repo.sessions()).extracting(LabelingSession::name).containsExactly("first pass", "second");

        store.close();
        store = ProjectStore.open(file);
        repo = new LabelingRepository(store);
        assertThat(repo.session(s.id())).contains(s);
        assertThat(repo.sessionQueryIds(s.id())).containsExactly(q2, q1);
    }

    @Test
    void creatingASessionIsOneTransaction() {
        assertThatThrownBy(() -> repo.createSession("bad", SCALE, "ana", 1, true, List.of(q1, 999L)))
                .isInstanceOf(StoreException.class);
        assertThat(repo.sessions()).as("the session row was rolled back with its queries").isEmpty();
    }

    @Test
    void sessionsWithoutListedQueriesCoverTheQueriesTheyGraded() {
        long legacy = store.addLabelingSession("v1 session", SCALE, "ana", 3, true);
        store.addJudgment(q2, docs2[0], 1, "ana", legacy, null);
        store.addJudgment(q1, docs1[0], 0, "ana", legacy, null);
        store.addJudgment(q2, docs2[1], 0, "ana", legacy, null);
        assertThat(repo.sessionQueryIds(legacy)).containsExactly(q2, q1);
    }

    @Test
    void regradesKeepHistoryAndTheNewestIsCurrent() {
        LabelingSession s = repo.createSession("s", SCALE, "ana", 1, true, List.of(q1));
        repo.grade(s.id(), q1, docs1[0], 1, null);
        repo.grade(s.id(), q1, docs1[1], 0, null);
        repo.grade(s.id(), q1, docs1[0], 0, null);

        assertThat(repo.sessionJudgments(s.id())).extracting(Judgment::grade).containsExactly(1, 0, 0);
        Map<Long, Judgment> current = repo.sessionGrades(s.id(), q1);
        assertThat(current).containsOnlyKeys(docs1[0], docs1[1]);
        assertThat(current.get(docs1[0]).grade()).isZero();
        assertThat(current.get(docs1[0]).annotator()).isEqualTo("ana");
        assertThat(current.get(docs1[0]).sessionId()).isEqualTo(s.id());
    }

    @Test
    void currentJudgmentsAreTheNewestPerDocumentAndAnnotatorAcrossSessions() {
        LabelingSession ana = repo.createSession("a", SCALE, "ana", 1, true, List.of(q1));
        LabelingSession ben = repo.createSession("b", SCALE, "ben", 2, true, List.of(q1));
        repo.grade(ana.id(), q1, docs1[0], 1, null);
        repo.grade(ben.id(), q1, docs1[0], 0, null);
        repo.grade(ana.id(), q1, docs1[0], 0, null);
        repo.grade(ana.id(), q1, docs1[2], 1, null);
        store.addJudgment(q1, docs1[1], 1, null, null, "imported");
        store.addJudgment(q2, docs2[0], 1, "ana", null, null);

        assertThat(repo.currentJudgments(q1)).extracting(Judgment::documentId, Judgment::annotator, Judgment::grade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(docs1[0], "ana", 0),
                        org.assertj.core.groups.Tuple.tuple(docs1[0], "ben", 0),
                        org.assertj.core.groups.Tuple.tuple(docs1[1], null, 1),
                        org.assertj.core.groups.Tuple.tuple(docs1[2], "ana", 1));
    }

    @Test
    void undoDeletesTheNewestRowOfTheSessionOnly() throws Exception {
        LabelingSession s = repo.createSession("s", SCALE, "ana", 1, true, List.of(q1));
        LabelingSession other = repo.createSession("o", SCALE, "ben", 1, true, List.of(q1));
        repo.grade(s.id(), q1, docs1[0], 1, null);
        repo.grade(s.id(), q1, docs1[0], 0, null);
        Judgment otherGrade = repo.grade(other.id(), q1, docs1[1], 1, null);

        Judgment undone = repo.undoLast(s.id()).orElseThrow();
        assertThat(undone.grade()).isZero();
        assertThat(repo.sessionGrade(s.id(), q1, docs1[0])).map(Judgment::grade).contains(1);
        assertThat(repo.undoLast(s.id())).map(Judgment::grade).contains(1);
        assertThat(repo.sessionGrade(s.id(), q1, docs1[0])).isEmpty();
        assertThat(repo.undoLast(s.id())).isEmpty();
        assertThat(repo.sessionJudgments(other.id())).containsExactly(otherGrade);

        store.close();
        store = ProjectStore.open(file);
        assertThat(store.judgments(q1)).extracting(Judgment::annotator).containsExactly("ben");
        repo = new LabelingRepository(store);
    }

    @Test
    void notesUpdateTheCurrentGradeInPlaceAndFollowRegrades() {
        LabelingSession s = repo.createSession("s", SCALE, "ana", 1, true, List.of(q1));
        assertThat(repo.setNote(s.id(), q1, docs1[0], "not graded yet")).as("no row to hold it").isEmpty();

        Judgment first = repo.grade(s.id(), q1, docs1[0], 1, "pending note");
        assertThat(first.note()).isEqualTo("pending note");
        Judgment noted = repo.setNote(s.id(), q1, docs1[0], "  mentions Paris  ").orElseThrow();
        assertThat(noted.id()).isEqualTo(first.id());
        assertThat(noted.note()).isEqualTo("mentions Paris");
        assertThat(repo.sessionJudgments(s.id())).as("a note adds no row").hasSize(1);

        Judgment regrade = repo.grade(s.id(), q1, docs1[0], 0, null);
        assertThat(regrade.note()).as("carried forward").isEqualTo("mentions Paris");
        repo.setNote(s.id(), q1, docs1[0], "changed my mind");
        repo.undoLast(s.id());
        assertThat(repo.sessionGrade(s.id(), q1, docs1[0]).orElseThrow().note())
                .as("the earlier row kept its own note").isEqualTo("mentions Paris");

        assertThat(repo.setNote(s.id(), q1, docs1[0], " ").orElseThrow().note()).isNull();
        assertThat(store.judgments(q1).get(0).note()).isNull();
    }

    @Test
    void progressCountsGradedCandidatesPerQuery() {
        LabelingSession s = repo.createSession("s", SCALE, "ana", 1, true, List.of(q1, q2));
        LabelingSession other = repo.createSession("o", SCALE, "ben", 1, true, List.of(q1));
        assertThat(repo.progress(s.id())).containsExactly(new LabelingProgress(q1, 0, 3),
                new LabelingProgress(q2, 0, 2));
        repo.grade(s.id(), q1, docs1[0], 1, null);
        repo.grade(s.id(), q1, docs1[0], 0, null); // a regrade is still one labeled candidate
        repo.grade(s.id(), q1, docs1[2], 1, null);
        repo.grade(s.id(), q2, docs2[1], 1, null);
        repo.grade(other.id(), q1, docs1[1], 1, null); // another session's work does not count
        assertThat(repo.progress(s.id())).containsExactly(new LabelingProgress(q1, 2, 3),
                new LabelingProgress(q2, 1, 2));
        repo.undoLast(s.id());
        assertThat(repo.progress(s.id())).containsExactly(new LabelingProgress(q1, 2, 3),
                new LabelingProgress(q2, 0, 2));
    }
}
