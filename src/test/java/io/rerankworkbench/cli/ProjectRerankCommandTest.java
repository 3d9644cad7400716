package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.testing.CohereScoringDispatcher;
import io.rerankworkbench.testing.WordOverlapReranker;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code project rerank}: one line per ranker, runs kept in the project, failures reported with exit 1 or 2. */
class ProjectRerankCommandTest {

    private static final String KEY = "fake-key-project-rerank-7e3f";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final CohereScoringDispatcher scoring = new CohereScoringDispatcher(CohereScoringDispatcher::parisScore);
    private final RemoteHttp http = RemoteHttp.create();
    private AppContext context;
    private Path project;

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(scoring);
        server.start();
        project = dir.resolve("my.rwb");
        try (ProjectStore store = ProjectStore.create(project)) {
            long q1 = store.addQuery("q1", "capital of France").id();
            store.addCandidates(q1, List.of(new NewCandidate(1, "d1", "Bananas are yellow."),
                    new NewCandidate(2, "d2", "Paris is the capital of France.")), ImportProgress.NONE);
            long q2 = store.addQuery("q2", "steak").id();
            store.addCandidates(q2, List.of(new NewCandidate(1, "d1", "Rest the steak.")), ImportProgress.NONE);
            store.addQuery("q3", "nothing to rank");
        }
        // Two local models (word-overlap stand-ins named after the model) and one that does not load.
        List<ModelFiles> models = List.of(ModelFiles.allMiniLmL6V2(), ModelFiles.bgeSmallEnV15Quantized(),
                ModelFiles.bundled("broken", "/broken.onnx", "/broken.json", ModelFiles.allMiniLmL6V2().config(), 1));
        RankerService rankers = new RankerService(models, ModelLibraryStore.inMemory(), files -> {
            if (files.name().equals("broken")) {
                throw new ModelLoadException("resource not found: /broken.onnx");
            }
            return new WordOverlapReranker(50).named(files.name());
        });
        Path config = dir.resolve("config");
        EndpointService endpoints = new EndpointService(config, Map.of(), http);
        endpoints.save(new EndpointDraft("mock", "cohere-v2", server.url("/").toString().replaceAll("/$", ""),
                "rerank-v3.5", 100, 1, 30, KeySource.ENV, "MOCK_KEY", null, false), null);
        context = new AppContext(rankers, config, Map.of("MOCK_KEY", KEY));
    }

    @AfterEach
    void tearDown() {
        context.close();
        server.close();
        http.close();
    }

    private Result run(String... args) {
        return CliRun.run(ContextSource.borrowing(context), args);
    }

    private List<String> models(String queryId) throws Exception {
        try (ProjectStore store = ProjectStore.open(project)) {
            long row = store.listQueries().stream().filter(q -> q.externalId().equals(queryId)).findFirst()
                    .orElseThrow().id();
            return store.runs(row).stream().map(StoredRun::ranking).map(r -> r.model()).toList();
        }
    }

    @Test
    void eachRankerKeepsARunForEveryQueryWithCandidatesAndGetsOneLine() throws Exception {
        Result r = run("project", "rerank", project.toString(), "--ranker", "all-minilm-l6-v2", "--ranker",
                "bge-small-en-v1.5-q", "--ranker", "mock");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("all-MiniLM-L6-v2: 2 runs kept", "bge-small-en-v1.5-q: 2 runs kept",
                "mock (cohere-v2 · rerank-v3.5): 2 runs kept");
        assertThat(r.err()).isEmpty();
        assertThat(models("q1")).containsExactlyInAnyOrder("all-MiniLM-L6-v2", "bge-small-en-v1.5-q", "rerank-v3.5");
        assertThat(models("q2")).hasSize(3);
        assertThat(models("q3")).isEmpty();
        assertThat(scoring.requests).hasValue(2);
    }

    @Test
    void theChosenQueriesOnlyAndAWarningForOneWithoutCandidates() throws Exception {
        Result r = run("project", "rerank", project.toString(), "--ranker", "all-MiniLM-L6-v2", "--queries", "q2,q3");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("all-MiniLM-L6-v2: 1 run kept");
        assertThat(r.errLines()).containsExactly("rerank-workbench: warning: query q3 has no candidates; left out");
        assertThat(models("q1")).isEmpty();
        assertThat(models("q2")).containsExactly("all-MiniLM-L6-v2");
    }

    @Test
    void aFailingRankerGetsItsReasonTheOthersTheirRunsAndTheExitCodeIs1() throws Exception {
        scoring.rejectedKey = KEY;

        Result r = run("project", "rerank", project.toString(), "--ranker", "mock", "--ranker", "broken",
                "--ranker", "all-MiniLM-L6-v2");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines()).containsExactly(
                "mock (cohere-v2 · rerank-v3.5): failed: API key rejected by Cohere v2 (HTTP 401): invalid api token",
                "broken: failed: could not load the model: resource not found: /broken.onnx",
                "all-MiniLM-L6-v2: 2 runs kept");
        assertThat(r.errLines()).containsExactly("rerank-workbench: error: 2 of 3 rankers did not keep a run for "
                + "every query; the runs that finished are kept in my.rwb");
        assertThat(r.out() + r.err()).doesNotContain(KEY);
        assertThat(models("q1")).containsExactly("all-MiniLM-L6-v2");
    }

    @Test
    void mistakesAreRefusedWithExit2BeforeAnythingRuns() throws Exception {
        Result unknown = run("project", "rerank", project.toString(), "--ranker", "minilm");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly("rerank-workbench: error: unknown ranker \"minilm\"; available: "
                + "all-MiniLM-L6-v2, bge-small-en-v1.5-q, broken, mock (cohere-v2 · rerank-v3.5)");

        Result query = run("project", "rerank", project.toString(), "--ranker", "mock", "--queries", "q1,q9,q8");
        assertThat(query.code()).isEqualTo(2);
        assertThat(query.errLines()).containsExactly("rerank-workbench: error: my.rwb has no queries q9, q8");

        Result empty = run("project", "rerank", project.toString(), "--ranker", "mock", "--queries", "q3");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.errLines()).last().isEqualTo(
                "rerank-workbench: error: my.rwb: none of the chosen queries has candidates to rerank");

        // --model and --endpoint are --ranker by other names: the same checks, the same message.
        Result alias = run("project", "rerank", project.toString(), "--endpoint", "mock", "--queries", "q3");
        assertThat(alias.errLines()).last().isEqualTo(empty.errLines().get(empty.errLines().size() - 1));
        Result both = run("project", "rerank", project.toString(), "--model", "mock", "--endpoint", "MOCK");
        assertThat(both.errLines()).containsExactly(
                "rerank-workbench: error: the ranker mock (cohere-v2 · rerank-v3.5) is named twice");

        Result twice = run("project", "rerank", project.toString(), "--ranker", "mock", "--ranker", "MOCK");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.errLines()).containsExactly(
                "rerank-workbench: error: the ranker mock (cohere-v2 · rerank-v3.5) is named twice");

        Result missing = run("project", "rerank", dir.resolve("nope.rwb").toString(), "--ranker", "mock");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("nope.rwb").contains("no such file");
        assertThat(Files.exists(dir.resolve("nope.rwb"))).isFalse();

        Result noRanker = run("project", "rerank", project.toString());
        assertThat(noRanker.code()).isEqualTo(2);
        assertThat(noRanker.errLines()).singleElement().asString().contains("--ranker");

        assertThat(scoring.requests).hasValue(0);
        assertThat(models("q1")).isEmpty();
    }

    @Test
    void aVariantIsKeptListedAndRerankedAsItsOwnRunJudgedByTheQuerysGrades() throws Exception {
        Result add = run("project", "variants", project.toString(), "--query", "q1", "--add", "French capital city");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("Kept variant 1 of q1: French capital city\nq1: capital of France\n"
                + "  1  0 runs  -  French capital city\n");
        Result again = run("project", "variants", project.toString(), "--query", "q1", "--add", "capital of France");
        assertThat(again.code()).isEqualTo(2);

        Result r = run("project", "rerank", project.toString(), "--ranker", "all-MiniLM-L6-v2", "--queries", "q1",
                "--variant", "1");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("all-MiniLM-L6-v2: variant 1 of q1 (French capital city) kept as its run 1\n");
        Result listed = run("project", "variants", project.toString(), "--query", "q1");
        assertThat(listed.out()).containsPattern("  1  1 run  test overlap · all-MiniLM-L6-v2 · "
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  French capital city\n");
        try (ProjectStore store = ProjectStore.open(project)) {
            long q1 = store.listQueries().get(0).id();
            assertThat(store.runs(q1)).as("the query's own runs are not touched").isEmpty();
            var variants = new io.rerankworkbench.store.VariantRepository(store);
            StoredRun run = variants.runs(variants.list(q1).get(0).id()).get(0);
            assertThat(run.ranking().query().text()).isEqualTo("French capital city");
            assertThat(run.ranking().results()).hasSize(2);
        }
        Result noVariant = run("project", "rerank", project.toString(), "--ranker", "all-MiniLM-L6-v2", "--queries",
                "q1", "--variant", "2");
        assertThat(noVariant.code()).isEqualTo(2);
        assertThat(noVariant.err()).contains("query q1 has no variant 2");
        Result two = run("project", "rerank", project.toString(), "--ranker", "all-MiniLM-L6-v2", "--queries", "q1,q2",
                "--variant", "1");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("--variant reranks one variant of one query with one ranker");
    }
}
