package io.rerankworkbench.ui.retrieve;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.RetrievalFlow;
import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.FusionMode;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.Kind;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Retrieve dialog's state without the toolkit: what blocks Start, and a retrieval and import run through. */
class RetrieveViewModelTest {

    private static final Path CORPUS = Path.of("sample-projects/home-cooking-beir/corpus.jsonl");

    @TempDir
    Path dir;

    private ProjectStore store;
    private RetrieveViewModel vm;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private int changes;

    @BeforeEach
    void setUp() throws Exception {
        store = ProjectStore.create(dir.resolve("p.rwb"));
        store.addQuery("q1", "how long to rest a steak");
        store.addQuery("q2", "hard boiled eggs easy peel");
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2Quantized()),
                ModelLibraryStore.inMemory(), f -> {
                    throw new IllegalStateException("not loaded in this test");
                });
        RetrievalFlow flow = RetrievalFlow.on(store, new RetrievalService(rankers, null), rankers, List::of);
        List<QuerySummary> all = store.querySummaries();
        vm = new RetrieveViewModel(new CurrentThreadTaskRunner(), flow, dialogs,
                new RetrieveViewModel.Request(List.of(all.get(0)), all), () -> changes++);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void withoutACorpusStartSaysWhatIsMissing() {
        assertThat(vm.corpusProperty().get()).startsWith("The project has no corpus yet");
        assertThat(vm.startAllowedProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("BM25 searches the project's corpus: import one first.");
        vm.kindProperty().set(Kind.ENGINE);
        assertThat(vm.problemProperty().get()).isEqualTo("No search engine is saved: add one in Search engines….");
        vm.kindProperty().set(Kind.FUSION);
        assertThat(vm.problemProperty().get()).startsWith("Fusion combines kept rankings");
        assertThat(vm.scopeProperty().get()).as("one selected query: all by default").isEqualTo(Scope.ALL);
    }

    @Test
    void aCorpusImportThenBm25RetrievalFillsTheQueries() {
        vm.importCorpus(CORPUS);
        assertThat(vm.statusProperty().get()).isEqualTo("256 documents added to the corpus from corpus.jsonl.");
        assertThat(vm.corpusProperty().get()).isEqualTo("Corpus: 256 documents · BM25 index built at the first BM25 "
                + "retrieval");
        assertThat(vm.startAllowedProperty().get()).isTrue();

        vm.k1Property().set("abc");
        assertThat(vm.problemProperty().get()).isEqualTo("K1 must be a number, such as 0.9.");
        vm.k1Property().set("1.2");
        vm.bProperty().set("1.5");
        assertThat(vm.problemProperty().get()).isEqualTo("B must be between 0 and 1.");
        vm.bProperty().set("0.75");
        vm.depthProperty().set(5);
        vm.start();

        assertThat(vm.statusProperty().get()).startsWith("BM25 k1=1.2 b=0.75 english: 2 queries, up to 5 candidates "
                + "each in ");
        assertThat(changes).isEqualTo(1);
        assertThat(store.candidates(store.listQueries().get(0).id())).hasSize(5);
        assertThat(vm.corpusProperty().get()).isEqualTo("Corpus: 256 documents · BM25 index built at the first BM25 "
                + "retrieval");
        // The kept run is offered for fusion now.
        assertThat(vm.fusionRows()).extracting(RetrieveViewModel.FusionRow::ranker)
                .containsExactly("bm25:BM25 k1=1.2 b=0.75 english");

        vm.bProperty().set("0.4");
        vm.k1Property().set("0.9");
        vm.start();
        assertThat(vm.corpusProperty().get()).isEqualTo("Corpus: 256 documents · BM25 index ready");
        vm.kindProperty().set(Kind.FUSION);
        vm.fusionRows().forEach(r -> r.useProperty().set(true));
        vm.fusionModeProperty().set(FusionMode.Z_SCORE);
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.start();
        assertThat(vm.statusProperty().get()).startsWith("weighted z-score 1/1 (bm25:BM25 k1=1.2 b=0.75 english + "
                + "bm25:BM25): 2 queries");
    }

    @Test
    void aCorpusWithProblemsIsNotAddedAndTheProblemsAreShown() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        java.nio.file.Files.writeString(bad, "{\"_id\": \"a\", \"text\": \"alpha\"}\n{\"_id\": \"b\"}\n");
        dialogs.choiceAnswers.add(1);
        vm.importCorpus(bad);
        assertThat(vm.statusProperty().get()).isEqualTo("1 problem in bad.jsonl; nothing was added.");
        assertThat(dialogs.choices).singleElement().asString().contains("bad.jsonl:2: missing field \"text\"")
                .endsWith("Leave the bad rows out and import the rest?");
        assertThat(vm.corpusProperty().get()).startsWith("The project has no corpus yet");

        dialogs.choiceAnswers.add(0);
        vm.importCorpus(bad);
        assertThat(vm.statusProperty().get()).isEqualTo("1 document added to the corpus from bad.jsonl; 1 bad row "
                + "left out.");
        assertThat(vm.corpusProperty().get()).startsWith("Corpus: 1 document ·");

        Path missing = dir.resolve("nope.jsonl");
        vm.importCorpus(missing);
        assertThat(dialogs.errors).singleElement().asString().startsWith("The corpus was not imported: 1 problem in "
                + "nope.jsonl; nothing was added.");
    }
}
