package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code retrieve}, {@code project corpus} and {@code project retrieve} on the home-cooking BEIR sample. */
class RetrieveCommandTest {

    private static final Path BEIR = Path.of("sample-projects/home-cooking-beir");
    private static RankerService rankers;

    @TempDir
    Path dir;

    private AppContext context;
    private Path project;

    @BeforeAll
    static void models() {
        rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2Quantized()), ModelLibraryStore.inMemory(),
                RankerService.localLoader(EngineSettings.DEFAULT, null));
    }

    @AfterAll
    static void closeModels() {
        rankers.close();
    }

    @BeforeEach
    void setUp() {
        context = new AppContext(new RankerService(List.of(ModelFiles.allMiniLmL6V2Quantized()),
                ModelLibraryStore.inMemory(), files -> rankers.open(files.name())), dir.resolve("config"), Map.of());
        project = dir.resolve("cooking.rwb");
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    private Result run(String... args) {
        return CliRun.run(ContextSource.borrowing(context), args);
    }

    @Test
    void aBeirDatasetIsImportedRetrievedWithBm25AndKeptAsRuns() throws Exception {
        assertThat(run("project", "import", "--into", project.toString(), BEIR.toString()).code()).isZero();
        Result corpus = run("project", "corpus", project.toString(), "--add", BEIR.toString());
        assertThat(corpus.code()).as(corpus.err()).isZero();
        assertThat(corpus.out()).isEqualTo("cooking.rwb: 256 documents added to the corpus\n"
                + "cooking.rwb: 256 documents in the corpus; BM25 index to be built at the next retrieval\n");

        Result r = run("project", "retrieve", project.toString(), "--method", "bm25", "--top-k", "20");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("BM25: 7 queries, up to 20 candidates each in ");
        try (ProjectStore store = ProjectStore.open(project)) {
            var q01 = store.listQueries().get(0);
            assertThat(q01.externalId()).isEqualTo("q01");
            assertThat(store.candidates(q01.id())).hasSize(20);
            StoredRun run = store.runs(q01.id()).get(0);
            assertThat(run.ranking().ranker()).isEqualTo("bm25");
            // "how long to rest a steak": the steak-resting passage first, as BM25 with stemming finds it.
            assertThat(run.ranking().results().get(0).candidate().docId()).isEqualTo("cook-0412");
            assertThat(store.judgments(q01.id())).as("grades stay with the query").isNotEmpty();
        }
        assertThat(run("project", "corpus", project.toString()).out()).contains("BM25 index current");
    }

    @Test
    void projectRetrieveSaysWhatIsMissing() throws Exception {
        assertThat(run("project", "import", "--into", project.toString(), BEIR.toString()).code()).isZero();
        Result noCorpus = run("project", "retrieve", project.toString());
        assertThat(noCorpus.code()).isEqualTo(2);
        assertThat(noCorpus.err()).contains("The project has no corpus to retrieve from");

        Result badQuery = run("project", "retrieve", project.toString(), "--queries", "q01,q99");
        assertThat(badQuery.code()).isEqualTo(2);
        assertThat(badQuery.err()).contains("cooking.rwb has no query q99");

        Result badK = run("project", "retrieve", project.toString(), "--top-k", "0");
        assertThat(badK.code()).isEqualTo(2);
        assertThat(badK.err()).contains("--top-k must be between 1 and 10000, was 0");

        Result fusion = run("project", "retrieve", project.toString(), "--method", "fusion", "--fuse", "BM25");
        assertThat(fusion.code()).isEqualTo(2);
        assertThat(fusion.err()).contains("needs at least two rankers");

        Result analysis = run("project", "retrieve", project.toString(), "--analysis", "french");
        assertThat(analysis.code()).isEqualTo(2);
        assertThat(analysis.err()).contains("unknown analysis \"french\"; use english or standard");
    }

    @Test
    void aCorpusWithProblemsIsNotAddedAndTheProblemsNameTheLine() throws Exception {
        assertThat(run("project", "import", "--into", project.toString(), BEIR.toString()).code()).isZero();
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"_id\": \"a\", \"text\": \"alpha\"}\n{\"_id\": \"b\"}\n");
        Result r = run("project", "corpus", project.toString(), "--add", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.jsonl:2: missing field \"text\"")
                .contains("1 problem; nothing was added to the corpus of cooking.rwb (--skip-bad-rows leaves bad "
                        + "documents out)");
        assertThat(run("project", "corpus", project.toString(), "--add", bad.toString(), "--skip-bad-rows").out())
                .startsWith("cooking.rwb: 1 document added to the corpus");
    }

    @Test
    void retrieveWritesATrecRunForEachQueryWithoutAProject() throws Exception {
        Result r = run("retrieve", "--corpus", BEIR.resolve("corpus.jsonl").toString(), "--queries",
                BEIR.resolve("queries.jsonl").toString(), "--top-k", "5");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(50);
        assertThat(lines.get(0)).matches("q01 Q0 cook-0412 1 \\S+ rerank-workbench-BM25");
        assertThat(lines).allMatch(l -> l.split(" ").length == 6);
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("rwb-retrieve")).toList())
                    .as("the scratch project is deleted").isEmpty();
        }
    }

    @Test
    void retrieveFromASavedSearchEngineNeedsOnlyItsName() throws Exception {
        try (mockwebserver3.MockWebServer engine = new mockwebserver3.MockWebServer()) {
            engine.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    return new mockwebserver3.MockResponse.Builder().code(200).addHeader("Content-Type",
                            "application/json").body("{\"hits\": {\"hits\": [{\"_id\": \"a\", \"_score\": 2.5, "
                            + "\"_source\": {\"title\": \"Alpha\", \"text\": \"alpha text\"}}, {\"_id\": \"b\", "
                            + "\"_score\": 1.0, \"_source\": {\"title\": \"Beta\", \"text\": \"beta text\"}}]}}").build();
                }
            });
            engine.start();
            context.searchEngines().save(new io.rerankworkbench.app.SearchEngineDraft("team-os", "opensearch",
                    engine.url("/").toString(), "docs", null, "_id", "title", "text", 10, "none", "", "", null, 10),
                    null);

            Result r = run("retrieve", "--engine", "team-os", "--queries", BEIR.resolve("queries.jsonl").toString(),
                    "--top-k", "2");

            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(20);
            assertThat(lines.get(0)).isEqualTo("q01 Q0 a 1 2.500000 rerank-workbench-team-os");
            assertThat(engine.getRequestCount()).isEqualTo(10);
            Result both = run("retrieve", "--engine", "team-os", "--corpus", "x.jsonl", "--queries",
                    BEIR.resolve("queries.jsonl").toString());
            assertThat(both.code()).isEqualTo(2);
            assertThat(both.err()).contains("--engine retrieves from a search engine; drop --corpus");
        }
    }

    @Test
    void retrieveFusesBm25AndDenseRetrievalWhenAskedTo() throws Exception {
        Path out = dir.resolve("fused.tsv");
        Result r = run("retrieve", "--corpus", BEIR.resolve("corpus.jsonl").toString(), "--queries",
                BEIR.resolve("queries.jsonl").toString(), "--method", "fusion", "--top-k", "10", "--format", "csv",
                "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("query_id,query,run,ranker,model,rank,doc_id,score");
        assertThat(lines.get(1)).contains(",fusion,RRF k=60 (bm25:BM25 + dense retrieval:all-MiniLM-L6-v2-q),1,");
        assertThat(lines).hasSize(1 + 10 * 10);
    }
}
