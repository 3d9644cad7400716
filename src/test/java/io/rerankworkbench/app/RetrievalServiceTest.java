package io.rerankworkbench.app;

import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.io.imports.CorpusImport;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.retrieve.Fusion;
import io.rerankworkbench.retrieve.index.Bm25Settings;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrievalServiceTest {

    private static RankerService models;

    @TempDir
    Path dir;

    private ProjectStore store;
    private RetrievalService retrieval;
    private long paris;
    private long steak;

    private static final String CORPUS = """
            {"_id": "d1", "title": "Paris", "text": "Paris is the capital and largest city of France."}
            {"_id": "d2", "title": "Lyon", "text": "Lyon is a large city in France, known for its food."}
            {"_id": "d3", "title": "Bananas", "text": "Bananas are yellow fruits rich in potassium."}
            {"_id": "d4", "title": "Resting meat", "text": "Rest a steak for five minutes after cooking it."}
            {"_id": "d5", "title": "Searing", "text": "Searing a steak in a hot pan browns the outside."}
            {"_id": "d6", "title": "Berlin", "text": "Berlin is the capital of Germany."}
            """;

    @BeforeAll
    static void loadModels() {
        models = new RankerService(List.of(ModelFiles.allMiniLmL6V2Quantized(),
                ModelFiles.folder(Path.of("src/test/resources/models/tiny-cross-encoder"))),
                ModelLibraryStore.inMemory(), RankerService.localLoader(EngineSettings.DEFAULT, null));
    }

    @AfterAll
    static void closeModels() {
        models.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        store = ProjectStore.create(dir.resolve("p.rwb"));
        retrieval = new RetrievalService(models, (engine, query, depth, cancel) -> List.of(
                new RetrievalService.EngineHit("e1", "Paris", "Paris is the capital and largest city of France.", 9.5),
                new RetrievalService.EngineHit("e2", null, "Somewhere else entirely.", 3.25)));
        paris = store.addQuery("q1", "capital of France").id();
        steak = store.addQuery("q2", "how long to rest a steak").id();
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    private void importCorpus() throws IOException {
        Path f = dir.resolve("corpus.jsonl");
        Files.writeString(f, CORPUS);
        CorpusImport.Result read = retrieval.readCorpus(f, CorpusImport.Columns.DEFAULT, ImportOptions.defaults());
        assertThat(read.ok()).isTrue();
        assertThat(retrieval.addToCorpus(store, read.documents(), ImportProgress.NONE).added()).isEqualTo(6);
    }

    private RetrievalService.Report retrieve(RetrievalService.Method method, int depth, List<String> phases) {
        return retrieval.retrieve(store, new RetrievalService.Request(method, depth, List.of()),
                (what, done, total) -> phases.add(what), CancellationToken.NONE);
    }

    private static List<String> ids(StoredRun run) {
        return run.ranking().results().stream().map(r -> r.candidate().docId()).toList();
    }

    @Test
    void bm25FillsEveryQuerysCandidatesAndKeepsTheRankingAsARun() throws IOException {
        importCorpus();
        List<String> phases = new ArrayList<>();
        RetrievalService.Report report = retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 3, phases);

        assertThat(phases).contains("Indexing the corpus", "Retrieving");
        assertThat(report.retrievedQueries()).isEqualTo(2);
        assertThat(report.summary()).startsWith("BM25: 2 queries, up to 3 candidates each in ");
        List<StoredCandidate> candidates = store.candidates(paris);
        assertThat(candidates.get(0).candidate().docId()).isEqualTo("d1");
        assertThat(candidates).hasSizeLessThanOrEqualTo(3);
        assertThat(candidates.get(0).title()).isEqualTo("Paris");
        StoredRun run = store.runs(paris).get(0);
        assertThat(run.ranking().ranker()).isEqualTo("bm25");
        assertThat(run.ranking().model()).isEqualTo("BM25");
        assertThat(ids(run)).isEqualTo(candidates.stream().map(c -> c.candidate().docId()).toList());
        assertThat(candidates.get(0).firstStageScore()).isEqualTo(run.ranking().results().get(0).score());
        assertThat(run.paramsJson()).contains("\"k1\":0.9", "\"b\":0.4", "\"depth\":3");
        assertThat(ids(store.runs(steak).get(0))).first().isIn("d4", "d5");
        assertThat(Files.isDirectory(RetrievalService.indexFolder(store.file()).resolve("bm25"))).isTrue();

        // Discarding the project (an untitled one, say) takes its indexes with it.
        store.close();
        ProjectStore.deleteProjectFiles(dir.resolve("p.rwb"));
        assertThat(RetrievalService.indexFolder(dir.resolve("p.rwb"))).doesNotExist();
        store = ProjectStore.create(dir.resolve("p.rwb"));
    }

    @Test
    void theIndexIsReusedUntilTheCorpusChangesAndThenRebuilt() throws IOException {
        importCorpus();
        List<String> phases = new ArrayList<>();
        retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 3, phases);
        assertThat(retrieval.corpusStatus(store)).isEqualTo(new RetrievalService.CorpusStatus(6, true));

        phases.clear();
        retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 3, phases);
        assertThat(phases).doesNotContain("Indexing the corpus");

        new CorpusRepository(store).add(List.of(new CorpusRepository.NewDocument("d7", "Marseille",
                "Marseille is the oldest city of France.")), ImportProgress.NONE);
        assertThat(retrieval.corpusStatus(store).bm25Current()).isFalse();
        phases.clear();
        retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 10, phases);
        assertThat(phases).contains("Indexing the corpus");
        assertThat(ids(store.runs(paris).get(2))).contains("d7");
    }

    @Test
    void aQueryWithRunsKeepsItsCandidatesAndGainsTheRetrievedOnes() throws IOException {
        importCorpus();
        retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 1, new ArrayList<>());
        assertThat(store.candidates(paris)).extracting(c -> c.candidate().docId()).containsExactly("d1");

        RetrievalService.Report again = retrieve(new RetrievalService.Bm25(new Bm25Settings(1.2f, 0.75f,
                Bm25Settings.Analysis.STANDARD)), 3, new ArrayList<>());

        assertThat(again.model()).isEqualTo("BM25 k1=1.2 b=0.75 standard");
        assertThat(again.queries()).allSatisfy(q -> assertThat(q.replaced()).isFalse());
        assertThat(store.candidates(paris).get(0).candidate().docId()).isEqualTo("d1");
        assertThat(store.candidates(paris)).hasSize(3);
        assertThat(store.runs(paris)).hasSize(2);
    }

    @Test
    void denseRetrievalEmbedsTheCorpusOnceAndKeepsTheEmbeddings() throws IOException {
        importCorpus();
        List<String> phases = new ArrayList<>();
        RetrievalService.Report report = retrieve(new RetrievalService.Dense("all-MiniLM-L6-v2-q"), 2, phases);

        assertThat(report.kind()).isEqualTo("dense retrieval");
        assertThat(ids(store.runs(paris).get(0))).first().isEqualTo("d1");
        assertThat(ids(store.runs(steak).get(0))).first().isEqualTo("d4");
        assertThat(store.runs(paris).get(0).ranking().results()).allSatisfy(r ->
                assertThat(r.score()).isBetween(-1.0, 1.0));
        CorpusRepository corpus = new CorpusRepository(store);
        // Reopening the project finds every embedding kept: nothing is embedded again.
        store.close();
        store = ProjectStore.open(dir.resolve("p.rwb"));
        List<Long> progress = new ArrayList<>();
        retrieval.retrieve(store, new RetrievalService.Request(new RetrievalService.Dense("all-MiniLM-L6-v2-q"), 2,
                List.of()), (what, done, total) -> {
                    if (what.equals("Embedding the corpus")) {
                        progress.add(done);
                    }
                }, CancellationToken.NONE);
        assertThat(progress).first().isEqualTo(6L);
        assertThat(corpus).isNotNull();
    }

    @Test
    void fusionCombinesTheNewestRunsOfTheNamedRankers() throws IOException {
        importCorpus();
        retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 4, new ArrayList<>());
        retrieve(new RetrievalService.Dense("all-MiniLM-L6-v2-q"), 4, new ArrayList<>());
        RetrievalService.Report fused = retrieve(RetrievalService.Fused.rrf(List.of("BM25",
                "dense retrieval:all-MiniLM-L6-v2-q"), 60), 4, new ArrayList<>());

        assertThat(fused.model()).isEqualTo("RRF k=60 (BM25 + dense retrieval:all-MiniLM-L6-v2-q)");
        StoredRun run = store.runs(paris).get(store.runs(paris).size() - 1);
        assertThat(run.ranking().ranker()).isEqualTo("fusion");
        assertThat(ids(run)).first().isEqualTo("d1");
        // d1 is first in both lists: 1/61 + 1/61.
        assertThat(run.ranking().results().get(0).score()).isCloseTo(2.0 / 61, org.assertj.core.api.Assertions.within(1e-12));

        RetrievalService.Report weighted = retrieve(new RetrievalService.Fused(List.of("BM25",
                "dense retrieval:all-MiniLM-L6-v2-q"), 60, new double[] {0.5, 0.5}, Fusion.Normalization.MIN_MAX),
                4, new ArrayList<>());
        assertThat(weighted.model()).isEqualTo("weighted min-max 0.5/0.5 (BM25 + dense retrieval:all-MiniLM-L6-v2-q)");
        assertThat(weighted.retrievedQueries()).isEqualTo(2);
    }

    @Test
    void fusionOfARankerAQueryHasNoRunOfIsReportedForThatQuery() throws IOException {
        importCorpus();
        retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 4, new ArrayList<>());
        RetrievalService.Report r = retrieve(RetrievalService.Fused.rrf(List.of("BM25", "all-MiniLM-L6-v2-q"), 60),
                4, new ArrayList<>());
        assertThat(r.retrievedQueries()).isZero();
        assertThat(r.queries().get(0).problem()).isEqualTo("q1 has no completed run of all-MiniLM-L6-v2-q to fuse");
    }

    @Test
    void searchEngineHitsBecomeCandidatesAndARun() {
        RetrievalService.Report r = retrieve(new RetrievalService.Engine("solr-prod"), 10, new ArrayList<>());
        assertThat(r.retrievedQueries()).isEqualTo(2);
        assertThat(store.candidates(paris)).extracting(c -> c.candidate().docId(), StoredCandidate::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", "Paris"),
                        org.assertj.core.groups.Tuple.tuple("e2", null));
        StoredRun run = store.runs(paris).get(0);
        assertThat(run.ranking().ranker()).isEqualTo("search engine");
        assertThat(run.ranking().model()).isEqualTo("solr-prod");
        assertThat(run.ranking().results()).extracting(ScoredCandidate::score).containsExactly(9.5, 3.25);
        // Both queries share the engine's documents rather than copying them.
        assertThat(store.candidates(steak).get(0).documentId()).isEqualTo(store.candidates(paris).get(0).documentId());
    }

    @Test
    void clearMessagesWhenThereIsNothingToRetrieveFromOrTheModelCannotEmbed() throws IOException {
        assertThatThrownBy(() -> retrieve(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 10, new ArrayList<>()))
                .isInstanceOf(RetrievalException.class).hasMessageStartingWith("The project has no corpus");
        importCorpus();
        assertThatThrownBy(() -> retrieve(new RetrievalService.Dense("tiny-cross-encoder"), 10, new ArrayList<>()))
                .isInstanceOf(RetrievalException.class)
                .hasMessageStartingWith("tiny-cross-encoder is a cross-encoder");
        assertThatThrownBy(() -> retrieve(new RetrievalService.Dense("no-such-model"), 10, new ArrayList<>()))
                .isInstanceOf(RetrievalException.class).hasMessageStartingWith("Cannot use no-such-model");
        assertThatThrownBy(() -> new RetrievalService.Request(new RetrievalService.Engine("x"), 0, List.of()))
                .hasMessageContaining("between 1 and 10000");
    }

    @Test
    void onlyTheSelectedQueriesAreRetrieved() throws IOException {
        importCorpus();
        store.addCandidates(steak, List.of(new NewCandidate(1, "x", "kept as it was")), ImportProgress.NONE);
        retrieval.retrieve(store, new RetrievalService.Request(new RetrievalService.Bm25(Bm25Settings.DEFAULTS), 2,
                List.of(paris)), RetrievalService.Progress.NONE, CancellationToken.NONE);
        assertThat(store.runs(paris)).hasSize(1);
        assertThat(store.runs(steak)).isEmpty();
        assertThat(store.candidates(steak)).extracting(c -> c.candidate().docId()).containsExactly("x");
    }
}
