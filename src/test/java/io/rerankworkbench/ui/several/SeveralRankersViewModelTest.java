package io.rerankworkbench.ui.several;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.RerankFlow;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.testing.CohereScoringDispatcher;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.several.SeveralRankersViewModel.Scope;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The several-rankers dialog's behaviour without the toolkit: tasks and the flow run on the test thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeveralRankersViewModelTest {

    private static final String MINILM = "all-MiniLM-L6-v2";
    private static final String BGE = "bge-small-en-v1.5-q";
    private static final String KEY = "fake-key-several-vm-31f0";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final CohereScoringDispatcher scoring = new CohereScoringDispatcher(CohereScoringDispatcher::parisScore);
    private final RemoteHttp http = RemoteHttp.create();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final AtomicInteger refreshed = new AtomicInteger();
    private ProjectService projects;
    private RerankFlow flow;
    private String mock;
    private String paid;

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(scoring);
        server.start();
        projects = new ProjectService(dir.resolve("config"), dir.resolve("projects"));
        ProjectStore store = projects.newUntitled();
        query(store, "q1", "capital of France", "Bananas are yellow.", "Paris is the capital of France.");
        query(store, "q2", "steak", "Rest the steak.", "Lyon is in France.", "Steak and chips.");
        store.addQuery("q3", "no candidates");
        RankerService local = new RankerService(List.of(ModelFiles.allMiniLmL6V2(),
                ModelFiles.bgeSmallEnV15Quantized()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(50).named(files.name()));
        EndpointService endpoints = new EndpointService(dir.resolve("config"), Map.of("MOCK_KEY", KEY), http);
        mock = endpoints.save(new EndpointDraft("Mock", "cohere-v2", server.url("/").toString().replaceAll("/$", ""),
                "rerank-v3.5", 100, 1, 30, KeySource.ENV, "MOCK_KEY", null, false), null).label();
        // Cohere's own address: billed, and with no key set it fails before sending anything.
        paid = endpoints.save(new EndpointDraft("Cohere prod", "cohere-v2", "", "rerank-v3.5", 1000, 1, 30,
                KeySource.ENV, "NO_SUCH_KEY_VARIABLE", null, false), null).label();
        flow = new RerankFlow(projects, new RankerCatalog(local, endpoints));
    }

    @AfterEach
    void tearDown() throws Exception {
        projects.close();
        server.close();
        http.close();
    }

    private static void query(ProjectStore store, String id, String text, String... docs) {
        long row = store.addQuery(id, text).id();
        List<NewCandidate> rows = new ArrayList<>();
        for (String d : docs) {
            rows.add(new NewCandidate(rows.size() + 1, "d" + (rows.size() + 1), d));
        }
        store.addCandidates(row, rows, ImportProgress.NONE);
    }

    private SeveralRankersViewModel dialog(TaskRunner tasks, String... chosen) {
        List<QuerySummary> all = projects.store().querySummaries();
        List<QuerySummary> picked = all.stream().filter(q -> List.of(chosen).contains(q.query().externalId()))
                .toList();
        return new SeveralRankersViewModel(tasks, flow, dialogs,
                new SeveralRankersViewModel.Request(picked, all, RerankOptions.DEFAULT), refreshed::incrementAndGet);
    }

    private List<String> models(String queryId) {
        ProjectStore store = projects.store();
        long row = store.listQueries().stream().filter(q -> q.externalId().equals(queryId)).findFirst().orElseThrow()
                .id();
        return store.runs(row).stream().map(StoredRun::ranking).map(r -> r.model()).toList();
    }

    private static RankerRow row(SeveralRankersViewModel vm, String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void offersLocalModelsAndEndpointsWithTheScopeAndThePaidOnesEstimate() {
        SeveralRankersViewModel vm = dialog(new CurrentThreadTaskRunner(), "q2");

        assertThat(vm.rows()).extracting(RankerRow::name).containsExactly(MINILM, BGE, mock, paid);
        assertThat(vm.rows()).extracting(RankerRow::kind).containsExactly("local model", "local model", "endpoint",
                "paid endpoint");
        assertThat(vm.scopeProperty().get()).isEqualTo(Scope.CHOSEN);
        assertThat(vm.chosenLabel()).isEqualTo("Query q2 (3 candidates)");
        assertThat(vm.allLabel()).isEqualTo("All 2 queries with candidates (5 candidates)");
        assertThat(row(vm, paid).statusProperty().get())
                .isEqualTo("would send 1 request · 3 documents · ≈1 search unit");
        vm.scopeProperty().set(Scope.ALL);
        assertThat(row(vm, paid).statusProperty().get())
                .isEqualTo("would send 2 requests · 5 documents · ≈2 search units");
        assertThat(row(vm, mock).statusProperty().get()).isEmpty();
        assertThat(vm.costNoteProperty().get()).contains("confirm");
        assertThat(vm.startAllowedProperty().get()).as("no ranker chosen").isFalse();
        vm.choose(MINILM, true);
        assertThat(vm.startAllowedProperty().get()).isTrue();
        assertThat(scoring.requests).hasValue(0);
    }

    @Test
    void startKeepsOneRunPerChosenRankerAndQueryAndRefreshesTheMainWindow() {
        SeveralRankersViewModel vm = dialog(new CurrentThreadTaskRunner(), "q1");
        vm.scopeProperty().set(Scope.ALL);
        vm.choose(MINILM, true);
        vm.choose(BGE, true);
        vm.choose(mock, true);

        vm.start();

        assertThat(dialogs.choices).as("nothing paid, nothing to confirm").isEmpty();
        assertThat(models("q1")).containsExactlyInAnyOrder(MINILM, BGE, "rerank-v3.5");
        assertThat(models("q2")).containsExactlyInAnyOrder(MINILM, BGE, "rerank-v3.5");
        assertThat(models("q3")).isEmpty();
        for (String name : List.of(MINILM, BGE, mock)) {
            assertThat(row(vm, name).stateProperty().get()).isEqualTo(RankerRow.State.DONE);
            assertThat(row(vm, name).statusProperty().get()).isEqualTo("done: 2 runs kept");
            assertThat(row(vm, name).progressProperty().get()).isEqualTo(1.0);
        }
        assertThat(row(vm, paid).stateProperty().get()).isEqualTo(RankerRow.State.IDLE);
        assertThat(vm.statusProperty().get()).isEqualTo("Finished. 6 runs kept.");
        assertThat(refreshed).hasValue(1);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.startAllowedProperty().get()).as("another round may start").isTrue();
    }

    @Test
    void aPaidEndpointIsSentNothingUntilTheUserConfirmsTheEstimate() {
        SeveralRankersViewModel vm = dialog(new CurrentThreadTaskRunner(), "q1");
        vm.choose(MINILM, true);
        vm.choose(paid, true);

        dialogs.choiceAnswers.add(1); // Cancel
        vm.start();

        assertThat(dialogs.choices).singleElement().asString().startsWith("Send to paid rerank APIs?")
                .contains(paid + " — Estimate: 1 request · 2 documents · ≈1 search unit")
                .contains("Each reranks 1 query (2 documents).");
        assertThat(dialogs.choiceOptions.get(0)).containsExactly("Send", "Cancel");
        assertThat(vm.statusProperty().get()).isEqualTo("Not started; nothing was sent.");
        assertThat(models("q1")).as("not even the local model ran").isEmpty();
        assertThat(refreshed).hasValue(0);
        assertThat(vm.busyProperty().get()).isFalse();

        dialogs.choiceAnswers.add(0); // Send: the key is missing, so the endpoint fails alone, before sending
        vm.start();

        assertThat(row(vm, paid).stateProperty().get()).isEqualTo(RankerRow.State.FAILED);
        assertThat(row(vm, paid).statusProperty().get()).startsWith("failed: ").contains("NO_SUCH_KEY_VARIABLE");
        assertThat(row(vm, MINILM).statusProperty().get()).isEqualTo("done: 1 run kept");
        assertThat(models("q1")).containsExactly(MINILM);
        assertThat(vm.statusProperty().get()).isEqualTo("Finished. 1 run kept; 1 of 2 rankers failed — see its row.");
    }

    @Test
    void aRefusedKeyFailsItsRowOnlyAndSaysWhy() {
        scoring.rejectedKey = KEY;
        SeveralRankersViewModel vm = dialog(new CurrentThreadTaskRunner());
        assertThat(vm.scopeProperty().get()).as("nothing highlighted: all queries").isEqualTo(Scope.ALL);
        assertThat(vm.chosenAvailable()).isFalse();
        vm.choose(mock, true);
        vm.choose(BGE, true);

        vm.start();

        assertThat(row(vm, mock).statusProperty().get())
                .isEqualTo("failed: API key rejected by Cohere v2 (HTTP 401): invalid api token");
        assertThat(row(vm, BGE).statusProperty().get()).isEqualTo("done: 2 runs kept");
        assertThat(models("q1")).containsExactly(BGE);
        assertThat(models("q2")).containsExactly(BGE);
    }

    @Test
    void cancelStopsTheQueuedRankersAndKeepsWhatFinished() {
        List<Runnable> queued = new ArrayList<>();
        Executor queue = queued::add;
        TaskRunner tasks = new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queue, Lane.IO, queue), Runnable::run);
        SeveralRankersViewModel vm = dialog(tasks, "q1");
        queued.remove(0).run(); // list the rankers
        queued.remove(0).run(); // estimate the paid one
        vm.scopeProperty().set(Scope.ALL);
        queued.remove(0).run();
        vm.choose(MINILM, true);
        vm.choose(BGE, true);

        vm.start();
        assertThat(vm.busyProperty().get()).isTrue();
        queued.remove(0).run(); // the plan
        assertThat(row(vm, MINILM).statusProperty().get()).isEqualTo("running: query 1 of 2");
        assertThat(row(vm, BGE).statusProperty().get()).isEqualTo("queued");
        assertThat(vm.runningProperty().get()).isTrue();
        queued.remove(0).run(); // MiniLM over both queries
        assertThat(row(vm, MINILM).statusProperty().get()).isEqualTo("done: 2 runs kept");

        vm.cancel();
        assertThat(vm.statusProperty().get()).isEqualTo("Cancelling…");
        queued.remove(0).run(); // bge: stops before its first query

        assertThat(queued).isEmpty();
        assertThat(row(vm, BGE).stateProperty().get()).isEqualTo(RankerRow.State.CANCELLED);
        assertThat(row(vm, BGE).statusProperty().get()).isEqualTo("cancelled after 0 of 2 queries");
        assertThat(vm.statusProperty().get()).isEqualTo("Cancelled. 2 runs kept.");
        assertThat(models("q1")).containsExactly(MINILM);
        assertThat(refreshed).hasValue(1);
    }
}
