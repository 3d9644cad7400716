package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.AnnotatorSettings;
import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.LabelingRepository;
import io.rerankworkbench.store.LabelingSession;
import io.rerankworkbench.testing.RecordingDialogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The labeling view model on a real project file, with tasks run on the calling thread (no toolkit). */
class LabelingViewModelTest {

    @TempDir
    Path dir;

    private LabelingFixture project;
    private LabelingService service;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final Deque<Optional<String>> noteAnswers = new ArrayDeque<>();

    @BeforeEach
    void open() throws Exception {
        project = new LabelingFixture(dir.resolve("p.rwb"));
        service = new LabelingService(project.store, new AnnotatorSettings(dir.resolve("config")));
        new AnnotatorSettings(dir.resolve("config")).saveAnnotator("ana");
    }

    @AfterEach
    void close() throws Exception {
        project.store.close();
    }

    private LabelingViewModel viewModel() {
        return new LabelingViewModel(new CurrentThreadTaskRunner(), service, List.of(project.q1, project.q2), dialogs,
                (candidate, current) -> noteAnswers.isEmpty() ? Optional.empty() : noteAnswers.poll());
    }

    private LabelingViewModel started() {
        LabelingViewModel vm = viewModel();
        vm.setup().scaleChoiceProperty().set(ScaleChoice.GRADED_0_3);
        vm.start();
        assertThat(vm.phaseProperty().get()).isEqualTo(LabelingViewModel.Phase.LABELING);
        return vm;
    }

    private Map<Long, Judgment> saved(LabelingViewModel vm, long queryId) {
        LabelingSession session = new LabelingRepository(project.store).sessions().get(0);
        return new LabelingRepository(project.store).sessionGrades(session.id(), queryId);
    }

    @Test
    void theFormIsPrefilledAndBlindByDefault() {
        LabelingViewModel vm = viewModel();
        assertThat(vm.phaseProperty().get()).isEqualTo(LabelingViewModel.Phase.SETUP);
        assertThat(vm.setup().annotatorProperty().get()).isEqualTo("ana");
        assertThat(vm.setup().blindProperty().get()).isTrue();
        assertThat(vm.setup().startAllowedProperty().get()).isTrue();
        vm.setup().scaleChoiceProperty().set(ScaleChoice.CUSTOM);
        vm.setup().customLevelsProperty().set("wrong, ");
        assertThat(vm.setup().startAllowedProperty().get()).isFalse();
        assertThat(vm.setup().problemProperty().get()).contains("no name");
        vm.setup().customLevelsProperty().set("wrong, partial, exact");
        assertThat(vm.setup().scalePreviewProperty().get()).isEqualTo("0 wrong   1 partial   2 exact");
        assertThat(vm.setup().startAllowedProperty().get()).isTrue();
        vm.setup().nameProperty().set(" ");
        assertThat(vm.setup().problemProperty().get()).contains("name");
    }

    @Test
    void gradingSavesAtOnceAndAdvances() {
        LabelingViewModel vm = started();
        assertThat(vm.queryTextProperty().get()).isEqualTo("what is the capital of france");
        assertThat(vm.queryHeadingProperty().get()).isEqualTo("Query 1 of 2 · q1");
        assertThat(vm.levels()).extracting(GradeScale.Level::label).containsExactly("not relevant", "related",
                "relevant", "highly relevant");
        CandidateRow first = vm.focusedProperty().get();
        assertThat(vm.focusIndexProperty().get()).isZero();

        vm.grade(3);

        assertThat(vm.focusIndexProperty().get()).isEqualTo(1);
        assertThat(vm.visibleRows().get(0).grade()).isEqualTo(3);
        assertThat(vm.visibleRows().get(0).saving()).isFalse();
        assertThat(saved(vm, project.q1).get(first.documentId()).grade()).isEqualTo(3);
        assertThat(vm.queryProgressTextProperty().get()).isEqualTo("1 / 6 in this query");
        assertThat(vm.overallProgressTextProperty().get()).isEqualTo("1 / 12 labeled");

        vm.grade(7); // not on the scale
        assertThat(vm.statusTextProperty().get()).contains("No grade 7");
        assertThat(vm.focusIndexProperty().get()).isEqualTo(1);
    }

    @Test
    void skipMovesOnWithoutGradingAndTheEndOfAQueryLeadsToTheNext() {
        LabelingViewModel vm = started();
        vm.skip();
        assertThat(vm.focusIndexProperty().get()).isEqualTo(1);
        assertThat(saved(vm, project.q1)).isEmpty();
        for (int i = 1; i < 6; i++) {
            vm.grade(1);
        }
        assertThat(vm.queryHeadingProperty().get()).isEqualTo("Query 2 of 2 · q2");
        assertThat(vm.focusIndexProperty().get()).isZero();
        assertThat(vm.overallProgressTextProperty().get()).isEqualTo("5 / 12 labeled");
        vm.previous();
        assertThat(vm.queryHeadingProperty().get()).as("back to the previous query's last").isEqualTo("Query 1 of 2 · q1");
        assertThat(vm.focusIndexProperty().get()).isEqualTo(5);
    }

    @Test
    void undoRemovesTheLastGradeAndFocusesItsCandidate() {
        LabelingViewModel vm = started();
        CandidateRow first = vm.focusedProperty().get();
        vm.grade(2);
        CandidateRow second = vm.focusedProperty().get();
        vm.grade(0);
        vm.undo();
        assertThat(vm.focusedProperty().get().documentId()).isEqualTo(second.documentId());
        assertThat(vm.focusedProperty().get().labeled()).isFalse();
        assertThat(saved(vm, project.q1)).containsOnlyKeys(first.documentId());
        assertThat(vm.queryProgressTextProperty().get()).isEqualTo("1 / 6 in this query");
        vm.undo();
        vm.undo();
        assertThat(vm.statusTextProperty().get()).isEqualTo("Nothing to undo in this session.");
        assertThat(saved(vm, project.q1)).isEmpty();
    }

    @Test
    void unlabeledOnlyHidesGradedCandidates() {
        LabelingViewModel vm = started();
        vm.grade(1);
        vm.grade(1);
        vm.unlabeledOnlyProperty().set(true);
        assertThat(vm.visibleRows()).hasSize(4).noneMatch(CandidateRow::labeled);
        CandidateRow focused = vm.focusedProperty().get();
        assertThat(focused.labeled()).isFalse();
        CandidateRow after = vm.visibleRows().get(1);
        vm.grade(2);
        assertThat(vm.visibleRows()).hasSize(3);
        assertThat(vm.focusedProperty().get()).as("the next unlabeled one").isEqualTo(after);
        vm.unlabeledOnlyProperty().set(false);
        assertThat(vm.visibleRows()).hasSize(6);
        assertThat(vm.focusedProperty().get().documentId()).isEqualTo(after.documentId());
    }

    @Test
    void blindHidesScoresAndRanksAndUsesTheShuffledOrder() {
        LabelingViewModel vm = started();
        assertThat(vm.blindProperty().get()).isTrue();
        assertThat(vm.visibleRows()).allMatch(r -> r.reveal().isEmpty());
        List<Integer> blindRanks = vm.visibleRows().stream().map(CandidateRow::originalRank).toList();
        assertThat(blindRanks).isNotEqualTo(List.of(1, 2, 3, 4, 5, 6));

        CandidateRow focused = vm.focusedProperty().get();
        vm.blindProperty().set(false);
        assertThat(vm.visibleRows()).extracting(CandidateRow::originalRank).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(vm.visibleRows().get(0).reveal()).isEqualTo("original rank 1 · score 9.000");
        assertThat(vm.focusedProperty().get().documentId()).as("focus follows the candidate")
                .isEqualTo(focused.documentId());
        vm.blindProperty().set(true);
        assertThat(vm.visibleRows()).extracting(CandidateRow::originalRank).containsExactlyElementsOf(blindRanks);
    }

    @Test
    void theSeededOrderIsTheSameWhenTheSessionIsResumed() {
        LabelingViewModel vm = started();
        List<Long> order = vm.visibleRows().stream().map(CandidateRow::documentId).toList();
        vm.grade(3);

        LabelingViewModel again = viewModel();
        assertThat(again.setup().sessions()).hasSize(1);
        assertThat(again.setup().resumeChoiceProperty().get()).isNotNull();
        again.resume();
        assertThat(again.visibleRows().stream().map(CandidateRow::documentId).toList()).isEqualTo(order);
        assertThat(again.visibleRows().get(0).grade()).isEqualTo(3);
        assertThat(again.focusIndexProperty().get()).as("resumes at the first unlabeled").isEqualTo(1);
        assertThat(again.overallProgressTextProperty().get()).isEqualTo("1 / 12 labeled");
    }

    @Test
    void notesWaitForTheGradeOrUpdateIt() {
        LabelingViewModel vm = started();
        CandidateRow first = vm.focusedProperty().get();
        noteAnswers.add(Optional.of("check the date"));
        vm.editNote();
        assertThat(vm.focusedProperty().get().notePending()).isTrue();
        assertThat(saved(vm, project.q1)).isEmpty();
        vm.grade(2);
        assertThat(saved(vm, project.q1).get(first.documentId()).note()).isEqualTo("check the date");

        vm.previous();
        noteAnswers.add(Optional.of("dated 2019"));
        vm.editNote();
        assertThat(saved(vm, project.q1).get(first.documentId()).note()).isEqualTo("dated 2019");
        assertThat(vm.focusedProperty().get().note()).isEqualTo("dated 2019");
        noteAnswers.add(Optional.empty()); // cancelled
        vm.editNote();
        assertThat(saved(vm, project.q1).get(first.documentId()).note()).isEqualTo("dated 2019");
    }

    @Test
    void readingTogglesAndAgreementComparesSessions() {
        LabelingViewModel vm = started();
        vm.toggleReading();
        assertThat(vm.readingProperty().get()).isTrue();
        vm.toggleReading();
        assertThat(vm.readingProperty().get()).isFalse();
        for (int i = 0; i < 6; i++) {
            vm.grade(i % 2 == 0 ? 3 : 0);
        }
        LabelingSession ana = new LabelingRepository(project.store).sessions().get(0);
        LabelingService.SessionPlan ben = service.start("ben's pass", GradeScale.GRADED_0_3, "ben", true,
                List.of(project.q1), 3);
        List<Judgment> anas = new LabelingRepository(project.store).sessionJudgments(ana.id());
        for (Judgment j : anas) {
            service.grade(ben.session(), j.queryId(), j.documentId(), j.documentId() % 3 == 0 ? 1 : j.grade(), null);
        }
        vm.agreement().refresh();
        assertThat(vm.agreement().queries()).extracting(AgreementViewModel.SummaryRow::query)
                .containsExactly("q1", "q2");
        assertThat(vm.agreement().queries().get(0).items()).isEqualTo(6);
        assertThat(vm.agreement().queries().get(1).kappa()).isEqualTo("—");
        assertThat(vm.agreement().overallTextProperty().get()).contains("6 items · 2 annotators");
        assertThat(vm.agreement().conflicts()).isNotEmpty();
        AgreementViewModel.ConflictRow top = vm.agreement().conflicts().get(0);
        assertThat(vm.agreement().selectedConflictProperty().get()).isEqualTo(top);
        assertThat(vm.agreement().conflictGradesProperty().get()).contains("ana: ").contains("ben: ");
        assertThat(vm.agreement().conflictTextProperty().get()).isEqualTo(top.documentText());
    }

    @Test
    void agreementNeedsNoSessionAndCoversTheProjectsGradedQueries() {
        List<io.rerankworkbench.store.StoredCandidate> docs = project.store.candidates(project.q1);
        for (String who : List.of("ana", "ben")) {
            LabelingService.SessionPlan pass = service.start(who + "'s pass", GradeScale.GRADED_0_3, who, true,
                    List.of(project.q1), 7);
            for (int i = 0; i < docs.size(); i++) {
                int grade = who.equals("ben") && i == 0 ? 0 : 3 - i % 4;
                service.grade(pass.session(), project.q1, docs.get(i).documentId(), grade, null);
            }
        }
        LabelingViewModel vm = viewModel();
        assertThat(vm.phaseProperty().get()).isEqualTo(LabelingViewModel.Phase.SETUP);

        vm.agreement().refresh();

        AgreementViewModel a = vm.agreement();
        assertThat(a.emptyTextProperty().get()).isEmpty();
        assertThat(a.queries()).as("only graded queries").extracting(AgreementViewModel.SummaryRow::query)
                .containsExactly("q1");
        assertThat(a.overallTextProperty().get()).startsWith("6 items · 2 annotators · κ ");
        assertThat(a.scopeTextProperty().get()).startsWith("The project's graded query");
        assertThat(a.conflicts()).singleElement().satisfies(c -> assertThat(c.grades())
                .isEqualTo("ana: 3 highly relevant, ben: 0 not relevant"));

        vm.setup().scaleChoiceProperty().set(ScaleChoice.GRADED_0_3);
        vm.start();
        vm.agreement().refresh();
        assertThat(a.queries()).as("a session narrows it to its queries").extracting(
                AgreementViewModel.SummaryRow::query).containsExactly("q1", "q2");
        assertThat(a.scopeTextProperty().get()).startsWith("The session's 2 queries");
    }

    @Test
    void agreementSaysWhatItNeedsUntilTwoAnnotatorsGradedTheSameDocuments() {
        LabelingViewModel vm = viewModel();
        AgreementViewModel a = vm.agreement();
        a.refresh();
        assertThat(a.emptyTextProperty().get()).startsWith("Nothing graded yet.")
                .contains("two or more annotators on the same documents");

        long paris = project.store.candidates(project.q1).get(0).documentId();
        long lyon = project.store.candidates(project.q1).get(1).documentId();
        project.store.addJudgment(project.q1, paris, 2, "ana", null, null);
        a.refresh();
        assertThat(a.emptyTextProperty().get()).startsWith("Only ana has graded so far.");

        project.store.addJudgment(project.q1, lyon, 1, "ben", null, null);
        a.refresh();
        assertThat(a.emptyTextProperty().get()).startsWith("ana, ben have graded, but never the same document.");

        // Imported judgments, no session: grades are named by their number.
        project.store.addJudgment(project.q1, paris, 4, "ben", null, null);
        a.refresh();
        assertThat(a.emptyTextProperty().get()).isEmpty();
        assertThat(a.conflicts()).singleElement().satisfies(c -> assertThat(c.grades()).isEqualTo("ana: 2, ben: 4"));
    }

    @Test
    void whenSavedWaitsForEveryQueuedGrade() {
        List<Runnable> queue = new java.util.ArrayList<>();
        java.util.concurrent.Executor queued = queue::add;
        LabelingViewModel vm = new LabelingViewModel(new io.rerankworkbench.app.ExecutorTaskRunner(
                Map.of(io.rerankworkbench.app.Lane.IO, queued, io.rerankworkbench.app.Lane.INFERENCE, queued),
                Runnable::run), service, List.of(project.q1, project.q2), dialogs, (candidate, current) -> Optional.empty());
        Runnable drain = () -> {
            while (!queue.isEmpty()) {
                queue.remove(0).run();
            }
        };
        drain.run();
        vm.setup().scaleChoiceProperty().set(ScaleChoice.GRADED_0_3);
        vm.start();
        drain.run();
        CandidateRow first = vm.focusedProperty().get();
        vm.grade(2);
        CandidateRow second = vm.focusedProperty().get();
        vm.grade(1);
        List<String> events = new java.util.ArrayList<>();
        vm.whenSaved(() -> events.add("saved " + saved(vm, project.q1).size()));
        assertThat(events).as("grades are still queued").isEmpty();

        drain.run();

        assertThat(events).containsExactly("saved 2");
        assertThat(saved(vm, project.q1).get(first.documentId()).grade()).isEqualTo(2);
        assertThat(saved(vm, project.q1).get(second.documentId()).grade()).isEqualTo(1);
        vm.whenSaved(() -> events.add("idle"));
        assertThat(events).containsExactly("saved 2", "idle");
    }
}
