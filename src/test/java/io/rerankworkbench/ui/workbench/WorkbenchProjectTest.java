package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window's view model working on a project: runs kept, queries panel, reopening, rerank all. */
class WorkbenchProjectTest {

    @TempDir
    Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private ProjectService projects;

    private WorkbenchViewModel window() {
        return window(tmp.resolve("config"));
    }

    private WorkbenchViewModel window(Path configFolder) {
        projects = new ProjectService(configFolder);
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> new WordOverlapReranker(50));
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskRunner(), new RankerCatalog(rankers, null),
                dialogs, projects);
        vm.selectModel("all-MiniLM-L6-v2");
        return vm;
    }

    @AfterEach
    void close() throws IOException {
        if (projects != null) {
            projects.close();
        }
    }

    @Test
    void everyRerankIsKeptAsARunAndTheResultsSwitchBetweenThem() {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("capital of france");
        vm.candidatesTextProperty().set("Bananas are yellow.\nParis is the capital of France.");
        vm.rerank();
        vm.rerank();

        assertThat(vm.queries().allQueries()).singleElement().satisfies(q -> {
            assertThat(q.query().externalId()).isEqualTo("q1");
            assertThat(q.candidates()).isEqualTo(2);
            assertThat(q.runs()).isEqualTo(2);
        });
        assertThat(vm.runs()).hasSize(2);
        assertThat(vm.selectedRunProperty().get()).isEqualTo(vm.runs().get(1));
        assertThat(vm.editableProperty().get()).as("a query with runs is fixed").isFalse();
        assertThat(vm.editorHintProperty().get()).contains("Duplicate it");

        vm.selectedRunProperty().set(vm.runs().get(0));
        assertThat(vm.results().rows()).extracting(ResultRow::text)
                .containsExactly("Paris is the capital of France.", "Bananas are yellow.");
        assertThat(vm.lastRankingProperty().get()).isEqualTo(vm.runs().get(0).ranking());
    }

    @Test
    void aSavedProjectReopensWithItsQueriesAndRuns() {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("capital of france");
        vm.candidatesTextProperty().set("Paris is the capital of France.\nBananas are yellow.");
        vm.rerank();
        Path file = tmp.resolve("saved.rwb");
        vm.project().saveAs(file);
        assertThat(vm.project().titleProperty().get()).startsWith("saved.rwb — ");
        vm.project().newProject();
        assertThat(vm.queries().allQueries()).isEmpty();
        assertThat(vm.project().recentProjects()).containsExactly(file.toAbsolutePath().normalize());

        vm.project().open(file);
        assertThat(vm.queries().allQueries()).extracting(q -> q.query().text()).containsExactly("capital of france");
        assertThat(vm.queryProperty().get()).isEqualTo("capital of france");
        assertThat(vm.runs()).singleElement().extracting(r -> r.ranking().results().size()).isEqualTo(2);
    }

    @Test
    void aProjectFileGivenAtStartUpOpensInsteadOfTheFirstStartSample() throws IOException {
        WorkbenchViewModel earlier = window(tmp.resolve("colleague"));
        earlier.queryProperty().set("capital of france");
        earlier.candidatesTextProperty().set("Paris is the capital of France.\nBananas are yellow.");
        earlier.rerank();
        Path file = tmp.resolve("double-clicked.rwb");
        earlier.project().saveAs(file);
        projects.close();

        WorkbenchViewModel vm = window(tmp.resolve("new-user"));
        assertThat(projects.firstStart()).isTrue();
        vm.startUp(file);

        assertThat(projects.store().file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(vm.queries().allQueries()).extracting(q -> q.query().text()).containsExactly("capital of france");
        assertThat(vm.runs()).hasSize(1);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Opened double-clicked.rwb.");
        assertThat(vm.project().recentProjects()).containsExactly(file.toAbsolutePath().normalize());
        assertThat(projects.firstStart()).as("later starts reopen it rather than a sample").isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aProjectFileThatCannotBeOpenedAtStartUpIsReportedAndTheUsualStartUpFollows() throws IOException {
        Path notAProject = Files.writeString(tmp.resolve("notes.rwb"), "plain text, not a project\n");
        WorkbenchViewModel vm = window();
        vm.startUp(notAProject);

        assertThat(dialogs.errors).singleElement().asString().startsWith("Could not open notes.rwb: ")
                .contains("notes.rwb");
        assertThat(projects.isOpen()).isTrue();
        assertThat(projects.store().file()).isNotEqualTo(notAProject.toAbsolutePath().normalize());
        assertThat(vm.statusTextProperty().get()).as("the first start's sample").startsWith("Welcome!");
        assertThat(vm.queries().allQueries()).isNotEmpty();
        assertThat(Files.readString(notAProject)).isEqualTo("plain text, not a project\n");
    }

    @Test
    void anUntitledProjectWithQueriesAsksBeforeItIsReplacedAndDiscardDeletesIt() throws IOException {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("q");
        vm.candidatesTextProperty().set("a\nb");
        vm.rerank();
        Path untitled = projects.store().file();
        assertThat(projects.isUntitled()).isTrue();

        dialogs.choiceAnswers.add(2); // Cancel
        vm.project().newProject();
        assertThat(projects.store().file()).isEqualTo(untitled);

        dialogs.choiceAnswers.add(1); // Discard it
        vm.project().newProject();
        assertThat(projects.store().file()).isNotEqualTo(untitled);
        assertThat(Files.exists(untitled)).isFalse();
        assertThat(dialogs.choices).hasSize(2);
    }

    @Test
    void deleteIsUndoneWithTheRunsAndTheQueriesCanBeDuplicatedAndRenamed() {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("capital of france");
        vm.candidatesTextProperty().set("Paris is the capital of France.\nBananas are yellow.");
        vm.rerank();
        QueriesViewModel queries = vm.queries();

        queries.duplicateSelected();
        assertThat(queries.allQueries()).extracting(q -> q.query().externalId()).containsExactly("q1", "q1-copy");
        assertThat(queries.selectedProperty().get().query().externalId()).isEqualTo("q1-copy");
        assertThat(queries.selectedProperty().get().runs()).as("a copy has candidates only").isZero();
        assertThat(vm.editableProperty().get()).isTrue();

        dialogs.textAnswers.add("france-capital");
        queries.renameSelected();
        assertThat(queries.allQueries()).extracting(q -> q.query().externalId())
                .containsExactly("q1", "france-capital");

        queries.selectedProperty().set(queries.allQueries().get(0));
        queries.deleteSelected();
        assertThat(queries.allQueries()).extracting(q -> q.query().externalId()).containsExactly("france-capital");
        assertThat(queries.undoLabelProperty().get()).isEqualTo("Undo delete of q1");

        queries.undoDelete();
        assertThat(queries.allQueries()).extracting(q -> q.query().externalId())
                .containsExactlyInAnyOrder("q1", "france-capital");
        QuerySummary restored = queries.selectedProperty().get();
        assertThat(restored.query().externalId()).isEqualTo("q1");
        assertThat(restored.runs()).isEqualTo(1);
        assertThat(vm.runs()).singleElement().extracting(r -> r.ranking().results().get(0).candidate().text())
                .isEqualTo("Paris is the capital of France.");
        assertThat(queries.undoLabelProperty().get()).isEmpty();
    }

    @Test
    void theFilterMatchesIdsAndTexts() {
        WorkbenchViewModel vm = window();
        for (String q : List.of("capital of france", "rest a steak", "capital of spain")) {
            vm.queries().selectedProperty().set(null);
            vm.queryProperty().set(q);
            vm.candidatesTextProperty().set("one\ntwo");
            vm.rerank();
        }
        assertThat(vm.queries().allQueries()).hasSize(3);
        vm.queries().filterProperty().set("CAPITAL");
        assertThat(vm.queries().visibleQueries()).extracting(q -> q.query().text())
                .containsExactly("capital of france", "capital of spain");
        vm.queries().filterProperty().set("q2");
        assertThat(vm.queries().visibleQueries()).extracting(q -> q.query().text()).containsExactly("rest a steak");
    }

    @Test
    void rerankAllKeepsARunForEveryQueryWithCandidates() {
        WorkbenchViewModel vm = window();
        for (String q : List.of("capital of france", "rest a steak")) {
            vm.queries().selectedProperty().set(null);
            vm.queryProperty().set(q);
            vm.candidatesTextProperty().set("steak rest\ncapital france");
            vm.rerank();
        }
        vm.queries().add(); // an empty query is left out
        vm.rerankAll();

        ProjectStore store = projects.store();
        assertThat(store.querySummaries()).extracting(QuerySummary::runs).containsExactly(2, 2, 0);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Reranked 2 queries with word-overlap; every run is kept.");
        List<StoredRun> runs = store.runs(store.querySummaries().get(1).query().id());
        assertThat(runs.get(1).ranking().results().get(0).candidate().text()).isEqualTo("steak rest");
    }

    @Test
    void theResultsShowEachDocumentsNewestGradeAfterLabeling() {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("capital of france");
        vm.candidatesTextProperty().set("Paris is the capital of France.\nBananas are yellow.");
        vm.rerank();
        assertThat(vm.results().rows()).extracting(ResultRow::grade).containsOnlyNulls();

        ProjectStore store = projects.store();
        long query = vm.queries().selectedProperty().get().query().id();
        long paris = store.candidates(query).get(0).documentId();
        store.addJudgment(query, paris, 1, "ana", null, null);
        store.addJudgment(query, paris, 3, "ben", null, null);
        vm.queries().reload(null); // what closing the labeling window does

        assertThat(vm.results().rows()).extracting(ResultRow::docId, ResultRow::grade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", 3), org.assertj.core.groups.Tuple.tuple("2", null));
        assertThat(vm.queries().selectedProperty().get().judgedDocuments()).isEqualTo(1);
    }

    @Test
    void aBeirFolderImportsItsJudgedDocumentsAsCandidatesWithTheirGrades() throws IOException {
        WorkbenchViewModel vm = window();
        Path beir = Files.createDirectories(tmp.resolve("scifact-mini"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Paris", "text": "Paris is the capital of France."}
                {"_id": "d2", "title": "Lyon", "text": "Lyon is a city in France."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"q7\", \"text\": \"capital of france\"}\n");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq7\td1\t2\nq7\td2\t0\n");
        dialogs.answerFolderWith(beir);

        vm.transfers().requestFolderImport();

        assertThat(vm.queries().allQueries()).singleElement().satisfies(q -> {
            assertThat(q.query().externalId()).isEqualTo("q7");
            assertThat(q.candidates()).isEqualTo(2);
            assertThat(q.judgedDocuments()).isEqualTo(2);
        });
        assertThat(vm.statusTextProperty().get()).startsWith("Imported 1 query");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anImportThatSkippingCannotMendOffersNoSkipAndProblemsAreCountedInWords() throws IOException {
        WorkbenchViewModel vm = window();
        Path bad = Files.writeString(tmp.resolve("bad.csv"),
                "query_id,query,doc_id,text\nq1,a,d1,fine\nq1,a,d2,\"never closed\nq1,a,d3,t\n");
        vm.transfers().importFiles(List.of(bad));

        assertThat(dialogs.choices).as("no Skip bad rows: it would fail again").isEmpty();
        assertThat(dialogs.errors).singleElement().asString()
                .contains("bad.csv:3: a quoted value is not closed").contains("Fix the file and import it again.");
        assertThat(vm.statusTextProperty().get()).isEqualTo("Nothing imported from bad.csv: 1 problem.");

        Path rows = Files.writeString(tmp.resolve("rows.csv"),
                "query_id,query,doc_id,text,rank\nq1,a,d1,fine,1\nq1,a,d2,bad,x\nq1,a,d3,bad,y\n");
        vm.transfers().importFiles(List.of(rows));
        assertThat(dialogs.choiceOptions).singleElement().asList().contains("Skip bad rows and import the rest");
        assertThat(vm.statusTextProperty().get()).isEqualTo("Nothing imported from rows.csv: 2 problems.");
    }

    @Test
    void anImportSelectsItsFirstQueryAndWarnsAboutRowsWithExtraColumns() throws IOException {
        WorkbenchViewModel vm = window();
        vm.transfers().importFiles(List.of(Files.writeString(tmp.resolve("first.tsv"), "query_id\tquery\tdoc_id\ttext\n"
                + "q01\tsteak rest\td1\tRest the steak.\nq02\tcapital\td2\tParis.\n")));
        assertThat(vm.queries().selectedProperty().get().query().externalId()).isEqualTo("q01");
        assertThat(dialogs.infos).isEmpty();

        Path more = Files.writeString(tmp.resolve("more.csv"), "query_id,query,doc_id,text\n"
                + "q07,bananas,d3,Bananas are yellow.\nq07,bananas,d4,Plantains, too\nq05,x,d5,y\n");
        vm.transfers().importFiles(List.of(more));

        assertThat(vm.queries().allQueries()).hasSize(4);
        assertThat(vm.queries().selectedProperty().get().query().externalId()).as("the first imported query")
                .isEqualTo("q07");
        assertThat(vm.queryProperty().get()).isEqualTo("bananas");
        assertThat(dialogs.infos).singleElement().asString().startsWith("Imported with warnings: Imported 2 queries")
                .contains("more.csv: 1 row has more columns than the header (4): line 3;");
        assertThat(vm.statusTextProperty().get()).endsWith("; 0 rows skipped. 1 warning.");
    }

    @Test
    void importRerankLabelQuitAndReopenFindsEverything() throws IOException {
        WorkbenchViewModel vm = window();
        Path tsv = Files.writeString(tmp.resolve("set.tsv"), "query_id\tquery\tdoc_id\ttext\n"
                + "q1\tsteak rest\td1\tRest the steak five minutes.\n"
                + "q1\tsteak rest\td2\tBananas are yellow.\n"
                + "q1\tsteak rest\td3\tA steak needs rest.\n");
        vm.transfers().importFiles(List.of(tsv));
        assertThat(vm.queries().allQueries()).hasSize(1);
        vm.rerankAll();
        ProjectStore store = projects.store();
        long q1 = vm.queries().allQueries().get(0).query().id();

        io.rerankworkbench.ui.labeling.LabelingViewModel labeling = new io.rerankworkbench.ui.labeling.LabelingViewModel(
                new CurrentThreadTaskRunner(), new io.rerankworkbench.app.LabelingService(store,
                new io.rerankworkbench.app.AnnotatorSettings(tmp.resolve("config"))), List.of(q1), dialogs,
                (candidate, current) -> java.util.Optional.empty());
        labeling.setup().annotatorProperty().set("ana");
        assertThat(labeling.setup().blindProperty().get()).as("blind by default").isTrue();
        labeling.start();
        labeling.grade(1);
        labeling.grade(0);
        labeling.grade(1);

        Path file = tmp.resolve("work.rwb");
        vm.project().saveAs(file);
        projects.close(); // quit
        WorkbenchViewModel reopened = window();
        reopened.project().open(file);

        assertThat(reopened.queries().allQueries()).singleElement().satisfies(q -> {
            assertThat(q.candidates()).isEqualTo(3);
            assertThat(q.runs()).isEqualTo(1);
            assertThat(q.judgedDocuments()).isEqualTo(3);
        });
        assertThat(reopened.runs()).singleElement().satisfies(run ->
                assertThat(run.ranking().results()).extracting(r -> r.candidate().docId()).containsOnly("d1", "d2", "d3"));
        assertThat(reopened.results().rows()).extracting(ResultRow::grade).doesNotContainNull();
        assertThat(projects.store().judgments(reopened.queries().allQueries().get(0).query().id()))
                .extracting(j -> j.annotator()).containsOnly("ana");
    }
}
