package io.rerankworkbench.app;

import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.RerankFlow.Plan;
import io.rerankworkbench.app.RerankFlow.RankerOutcome;
import io.rerankworkbench.app.RerankFlow.RankerProgress;
import io.rerankworkbench.app.RerankFlow.Status;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.testing.CohereScoringDispatcher;
import io.rerankworkbench.testing.WordOverlapReranker;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several rankers over the same stored queries: one kept run per ranker and query, one ranker's failure (a model
 * that does not load, a rejected key) leaving the others alone, cancellation keeping what finished, and which lane
 * runs what.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RerankFlowTest {

    private static final String MINILM = "all-MiniLM-L6-v2";
    private static final String BGE = "bge-small-en-v1.5-q";
    private static final String GOOD_KEY = "fake-key-good-5d1e";
    private static final String REVOKED_KEY = "fake-key-revoked-90aa";

    /** The two bundled models, loaded once with ONNX Runtime, and one whose files are missing. */
    private static RankerService bundled;

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final RemoteHttp http = RemoteHttp.create();
    private final CohereScoringDispatcher scoring = new CohereScoringDispatcher(CohereScoringDispatcher::parisScore);
    private ProjectStore store;
    private long q1;
    private long q2;

    @BeforeAll
    static void loadModels() {
        List<ModelFiles> models = List.of(ModelFiles.allMiniLmL6V2(), ModelFiles.bgeSmallEnV15Quantized(),
                ModelFiles.bundled("broken-model", "/no-such-model.onnx", "/no-such-tokenizer.json",
                        ModelFiles.allMiniLmL6V2().config(), 1));
        bundled = new RankerService(models, ModelLibraryStore.inMemory(),
                RankerService.localLoader(EngineSettings.DEFAULT, null));
    }

    @AfterAll
    static void closeModels() {
        bundled.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(scoring);
        server.start();
        store = ProjectStore.create(dir.resolve("p.rwb"));
        q1 = query("q1", "capital of France", "Bananas are yellow.", "Paris is the capital of France.",
                "Lyon is in France.");
        q2 = query("q2", "resting a steak", "Rest the steak five minutes.", "Paris is the capital of France.");
        store.addQuery("q3", "no candidates yet");
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        server.close();
        http.close();
    }

    private long query(String id, String text, String... docs) {
        long row = store.addQuery(id, text).id();
        List<NewCandidate> rows = new ArrayList<>();
        for (String d : docs) {
            rows.add(new NewCandidate(rows.size() + 1, "d" + (rows.size() + 1), d));
        }
        store.addCandidates(row, rows, ImportProgress.NONE);
        return row;
    }

    /** The endpoints: "Good" answers, "Revoked" sends a key the server refuses with 401. */
    private EndpointService endpoints() throws Exception {
        EndpointService endpoints = new EndpointService(dir.resolve("config"),
                Map.of("COHERE_API_KEY", GOOD_KEY, "REVOKED_KEY", REVOKED_KEY), http);
        String url = server.url("/").toString().replaceAll("/$", "");
        endpoints.save(new EndpointDraft("Good", "cohere-v2", url, "rerank-v3.5", 100, 1, 30, KeySource.ENV,
                "COHERE_API_KEY", null, false), null);
        endpoints.save(new EndpointDraft("Revoked", "cohere-v2", url, "rerank-v3.5", 100, 1, 30, KeySource.ENV,
                "REVOKED_KEY", null, false), null);
        scoring.rejectedKey = REVOKED_KEY;
        return endpoints;
    }

    /** Records what the flow reports, in order. */
    private static final class Recorder implements RerankFlow.Listener {
        final List<String> events = new ArrayList<>();
        final List<RankerProgress> progress = new ArrayList<>();
        List<RankerOutcome> all;

        @Override
        public void started(String ranker) {
            events.add("started " + ranker);
        }

        @Override
        public void progressed(RankerProgress p) {
            progress.add(p);
        }

        @Override
        public void finished(RankerOutcome outcome) {
            events.add("finished " + outcome.ranker() + " " + outcome.status());
        }

        @Override
        public void allFinished(List<RankerOutcome> outcomes) {
            events.add("all finished");
            all = outcomes;
        }
    }

    private static List<String> models(List<StoredRun> runs) {
        return runs.stream().map(r -> r.ranking().model()).toList();
    }

    @Test
    void twoLocalModelsKeepOneRunEachForEveryQueryWithCandidates() {
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(bundled, null));
        Plan plan = flow.plan(List.of("all-minilm-l6-v2", BGE), null);
        assertThat(plan.queries()).extracting(RerankFlow.Target::externalId).as("q3 has no candidates")
                .containsExactly("q1", "q2");
        assertThat(plan.rankers()).extracting(RerankFlow.RankerPlan::ranker).as("names as the catalog has them")
                .containsExactly(MINILM, BGE);
        assertThat(plan.rankers()).allSatisfy(r -> assertThat(r.lane()).isEqualTo(Lane.INFERENCE));
        Recorder recorder = new Recorder();

        flow.start(new CurrentThreadTaskRunner(), plan, RerankOptions.DEFAULT, recorder);

        assertThat(recorder.events).containsExactly("started " + MINILM, "finished " + MINILM + " DONE",
                "started " + BGE, "finished " + BGE + " DONE", "all finished");
        assertThat(recorder.all).extracting(RankerOutcome::summary).containsExactly("2 runs kept", "2 runs kept");
        assertThat(recorder.all).allSatisfy(o -> assertThat(o.clean()).isTrue());
        assertThat(models(store.runs(q1))).containsExactly(MINILM, BGE);
        assertThat(models(store.runs(q2))).containsExactly(MINILM, BGE);
        assertThat(store.runs(q1)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.ranking().results().get(0).candidate().text()).isEqualTo("Paris is the capital of France.");
        });
        // Progress per ranker, in documents over both queries (3 + 2), ending complete.
        RankerProgress lastBge = recorder.progress.stream().filter(p -> p.ranker().equals(BGE)).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(lastBge).isEqualTo(new RankerProgress(BGE, 2, 2, 5, 5));
    }

    @Test
    void aRemoteRankerWhoseKeyIsRefusedFailsAloneWhileTheOthersFinish() throws Exception {
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(bundled, endpoints()));
        Plan plan = flow.plan(List.of("Revoked", MINILM, "Good"), null);
        assertThat(plan.rankers()).extracting(RerankFlow.RankerPlan::lane)
                .containsExactly(Lane.IO, Lane.INFERENCE, Lane.IO);
        assertThat(plan.paid()).as("a server on 127.0.0.1 bills nothing").isEmpty();
        Recorder recorder = new Recorder();

        flow.start(new CurrentThreadTaskRunner(), plan, RerankOptions.DEFAULT, recorder);

        RankerOutcome revoked = recorder.all.get(0);
        assertThat(revoked.status()).isEqualTo(Status.FAILED);
        assertThat(revoked.failure()).contains("API key rejected").contains("401").contains("invalid api token")
                .doesNotContain(REVOKED_KEY);
        assertThat(revoked.completed()).isZero();
        assertThat(recorder.all.get(1).summary()).isEqualTo("2 runs kept");
        assertThat(recorder.all.get(2).summary()).isEqualTo("2 runs kept");
        String good = plan.rankers().get(2).ranker();
        assertThat(models(store.runs(q1))).hasSize(2).contains(MINILM, "rerank-v3.5");
        assertThat(store.runs(q2)).hasSize(2);
        // Good: one request per query. Revoked: refused once, and not asked again for q2.
        assertThat(scoring.requests).hasValue(3);
        assertThat(recorder.events).contains("finished " + good + " DONE");
    }

    @Test
    void aModelThatDoesNotLoadFailsAloneAndSaysWhy() {
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(bundled, null));
        Recorder recorder = new Recorder();

        flow.start(new CurrentThreadTaskRunner(), flow.plan(List.of("broken-model", MINILM), List.of(q2)),
                RerankOptions.DEFAULT, recorder);

        assertThat(recorder.all.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(recorder.all.get(0).summary()).startsWith("failed: could not load the model: ")
                .contains("no-such-model.onnx");
        assertThat(recorder.all.get(1).summary()).isEqualTo("1 run kept");
        assertThat(models(store.runs(q2))).containsExactly(MINILM);
        assertThat(store.runs(q1)).as("only the chosen query").isEmpty();
    }

    /** A library of word-overlap rankers reporting the name they were opened under. */
    private static RankerService fakeLibrary(Function<String, Reranker> make, String... names) {
        List<ModelFiles> models = new ArrayList<>();
        for (String n : names) {
            models.add(ModelFiles.bundled(n, "/" + n + ".onnx", "/" + n + ".json", ModelFiles.allMiniLmL6V2().config(),
                    1));
        }
        return new RankerService(models, ModelLibraryStore.inMemory(), files -> make.apply(files.name()));
    }

    @Test
    void cancellingStopsBeforeTheNextBatchKeepsFinishedRunsAndStartsNoQueuedRanker() {
        List<Runnable> queued = new ArrayList<>();
        Executor queue = queued::add;
        TaskRunner tasks = new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queue, Lane.IO, queue), Runnable::run);
        AtomicReference<TaskHandle> handle = new AtomicReference<>();
        AtomicInteger batches = new AtomicInteger();
        long q4 = query("q4", "last one", "one", "two", "three");
        // Batches of two: cancel after the first batch of q4, the last query; its second batch is not scored.
        RankerService library = fakeLibrary(name -> new WordOverlapReranker(50).afterFirstBatch(() -> {
            if (batches.incrementAndGet() == 3) {
                handle.get().cancel();
            }
        }), "first", "second");
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(library, null));
        Recorder recorder = new Recorder();

        handle.set(flow.start(tasks, flow.plan(List.of("first", "second"), null), RerankOptions.DEFAULT, recorder));
        assertThat(queued).as("the second local ranker waits for the first").hasSize(1);
        queued.remove(0).run();

        assertThat(queued).isEmpty();
        assertThat(recorder.all).extracting(RankerOutcome::status).containsExactly(Status.CANCELLED,
                Status.CANCELLED);
        assertThat(recorder.all.get(0).summary()).isEqualTo("cancelled after 2 of 3 queries (2 runs kept)");
        assertThat(recorder.all.get(1).summary()).isEqualTo("cancelled after 0 of 3 queries");
        assertThat(recorder.events).doesNotContain("started second");
        assertThat(store.runs(q1)).extracting(r -> r.ranking().model()).containsExactly("word-overlap");
        assertThat(store.runs(q2)).hasSize(1);
        assertThat(store.runs(q4)).as("the run cancelled part-way is not kept").isEmpty();
        assertThat(handle.get().isCancelled()).isTrue();
    }

    @Test
    void localRankersRunOneAfterAnotherOnTheInferenceLaneBesideTheRemoteOnesOnTheIoLane() throws Exception {
        List<Runnable> inference = new ArrayList<>();
        List<Runnable> io = new ArrayList<>();
        TaskRunner tasks = new ExecutorTaskRunner(Map.of(Lane.INFERENCE, (Executor) inference::add,
                Lane.IO, (Executor) io::add), Runnable::run);
        RankerService library = fakeLibrary(name -> new WordOverlapReranker(50), "first", "second");
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(library, endpoints()));
        Recorder recorder = new Recorder();

        flow.start(tasks, flow.plan(List.of("first", "Good", "second", "Revoked"), null), RerankOptions.DEFAULT,
                recorder);

        // One of each lane at a time: the first local and the first remote ranker start together.
        assertThat(inference).hasSize(1);
        assertThat(io).hasSize(1);
        assertThat(recorder.events).containsExactly("started first", "started Good (cohere-v2 · rerank-v3.5)");
        io.remove(0).run();
        assertThat(io).as("the next remote ranker, after the first").hasSize(1);
        inference.remove(0).run();
        assertThat(inference).hasSize(1);
        inference.remove(0).run();
        io.remove(0).run();

        assertThat(recorder.events).containsExactly("started first", "started Good (cohere-v2 · rerank-v3.5)",
                "finished Good (cohere-v2 · rerank-v3.5) DONE", "started Revoked (cohere-v2 · rerank-v3.5)",
                "finished first DONE", "started second", "finished second DONE",
                "finished Revoked (cohere-v2 · rerank-v3.5) FAILED", "all finished");
        assertThat(recorder.all).extracting(RankerOutcome::ranker).as("in the plan's order").containsExactly(
                "first", "Good (cohere-v2 · rerank-v3.5)", "second", "Revoked (cohere-v2 · rerank-v3.5)");
    }

    @Test
    void aPaidEndpointIsPricedOverEveryQueryBeforeAnythingIsSent() throws Exception {
        EndpointService endpoints = new EndpointService(dir.resolve("config"), Map.of(), http);
        endpoints.save(new EndpointDraft("Cohere prod", "cohere-v2", "", "rerank-v3.5", 1000, 1, 30, KeySource.ENV,
                "COHERE_API_KEY", null, false), null);
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(bundled, endpoints));

        Plan plan = flow.plan(List.of(MINILM, "cohere prod"), null);

        assertThat(plan.paid()).singleElement().satisfies(r -> {
            assertThat(r.ranker()).isEqualTo("Cohere prod (cohere-v2 · rerank-v3.5)");
            // One request and one search unit per query: two queries, five documents.
            assertThat(r.estimate()).isEqualTo("Estimate: 2 requests · 5 documents · ≈2 search units");
        });
        assertThat(plan.rankers().get(0).estimate()).isEmpty();
        assertThat(scoring.requests).hasValue(0);
    }

    @Test
    void unknownOrRepeatedRankersAndUnknownQueriesAreRefusedWithTheirNames() {
        RerankFlow flow = RerankFlow.on(store, new RankerCatalog(bundled, null));
        assertThatThrownBy(() -> flow.plan(List.of("minilm"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ranker \"minilm\"; available: all-MiniLM-L6-v2, bge-small-en-v1.5-q, "
                        + "broken-model");
        assertThatThrownBy(() -> flow.plan(List.of(MINILM, "ALL-minilm-L6-v2"), null))
                .hasMessage("the ranker all-MiniLM-L6-v2 is named twice");
        assertThatThrownBy(() -> flow.plan(List.of(MINILM), List.of(q1, 999L)))
                .hasMessage("the project has no query with row id 999");
    }
}
