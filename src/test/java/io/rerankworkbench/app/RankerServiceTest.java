package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelConfig;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.local.Pooling;
import io.rerankworkbench.rerank.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankerServiceTest {

    private static final ModelFiles ALPHA = ModelFiles.bundled("alpha-model", "/alpha.onnx", "/alpha.json",
            new ModelConfig(128, Pooling.MEAN, "", "", 2), 1000);
    private static final ModelFiles BETA = ModelFiles.bundled("Beta-Model", "/beta.onnx", "/beta.json",
            new ModelConfig(256, Pooling.CLS, "", "", 4), 2000);

    /** Counts loads per model name and keeps every ranker it made. */
    private static final class CountingLoader implements Function<ModelFiles, Reranker> {
        final Map<String, Integer> loads = new HashMap<>();
        final List<FakeReranker> made = new ArrayList<>();

        @Override
        public Reranker apply(ModelFiles spec) {
            loads.merge(spec.name(), 1, Integer::sum);
            FakeReranker ranker = new FakeReranker(spec.name());
            made.add(ranker);
            return ranker;
        }
    }

    private final CountingLoader loader = new CountingLoader();
    private final RankerService service = new RankerService(List.of(ALPHA, BETA), ModelLibraryStore.inMemory(), loader);

    @Test
    void catalogAccessors() {
        assertThat(service.models()).containsExactly(ALPHA, BETA);
        assertThat(service.defaultModelName()).isEqualTo("alpha-model");
        assertThat(service.modelNames()).containsExactly("alpha-model", "Beta-Model");
        assertThat(service.find("beta-model")).contains(BETA);
        assertThat(service.find("gamma")).isEmpty();
        assertThat(loader.loads).isEmpty();
    }

    @Test
    void openLoadsOnceAndCaches() {
        Reranker first = service.open("alpha-model");
        Reranker second = service.open("alpha-model");
        Reranker third = service.open("ALPHA-MODEL");

        assertThat(first).isSameAs(second).isSameAs(third);
        assertThat(first.model()).isEqualTo("alpha-model");
        assertThat(loader.loads).containsExactly(Map.entry("alpha-model", 1));
    }

    @Test
    void openByAnyCaseOfTheNameSharesTheCache() {
        Reranker byName = service.open("Beta-Model");
        Reranker bySpec = service.open("beta-model");

        assertThat(bySpec).isSameAs(byName);
        assertThat(loader.loads).containsExactly(Map.entry("Beta-Model", 1));
    }

    @Test
    void differentModelsGetDifferentRankers() {
        Reranker alpha = service.open("alpha-model");
        Reranker beta = service.open("beta-model");

        assertThat(alpha).isNotSameAs(beta);
        assertThat(beta.model()).isEqualTo("Beta-Model");
        assertThat(loader.loads).containsOnly(Map.entry("alpha-model", 1), Map.entry("Beta-Model", 1));
    }

    @Test
    void unknownNameNamesTheAvailableModels() {
        assertThatThrownBy(() -> service.open("gamma"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("unknown model \"gamma\"; available: alpha-model, Beta-Model (or give the path of a model folder)");
        assertThat(loader.loads).isEmpty();
    }

    @Test
    void closeClosesEveryLoadedRankerOnce() {
        service.open("alpha-model");
        service.open("beta-model");
        service.open("alpha-model");

        service.close();

        assertThat(loader.made).hasSize(2);
        assertThat(loader.made).allSatisfy(r -> assertThat(r.closeCalls).hasValue(1));
    }

    @Test
    void closeOnlyTouchesLoadedRankersAndIsRepeatable() {
        service.open("alpha-model");

        service.close();
        service.close();

        assertThat(loader.made).hasSize(1);
        assertThat(loader.made.get(0).closeCalls).hasValue(1);
        assertThat(loader.loads).doesNotContainKey("Beta-Model");
    }

    @Test
    void openAfterCloseLoadsAFreshRanker() {
        Reranker before = service.open("alpha-model");
        service.close();

        Reranker after = service.open("alpha-model");

        assertThat(after).isNotSameAs(before);
        assertThat(loader.loads).containsExactly(Map.entry("alpha-model", 2));
        assertThat(((FakeReranker) after).closeCalls).hasValue(0);
    }

    @Test
    void failedLoadIsNotCached() {
        int[] attempts = {0};
        RankerService flaky = new RankerService(List.of(ALPHA), ModelLibraryStore.inMemory(), spec -> {
            if (attempts[0]++ == 0) {
                throw new ModelLoadException("could not load " + spec.name());
            }
            return new FakeReranker(spec.name());
        });

        assertThatThrownBy(() -> flaky.open("alpha-model"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("could not load alpha-model");
        Reranker loaded = flaky.open("alpha-model");

        assertThat(loaded.model()).isEqualTo("alpha-model");
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void emptyCatalogIsRejected() {
        assertThatThrownBy(() -> new RankerService(List.of(), ModelLibraryStore.inMemory(), loader))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openedRankerRanksThroughTheSpi() {
        Reranker ranker = service.open("alpha-model");
        List<Candidate> candidates = List.of(
                new Candidate(1, "a", "nothing relevant"),
                new Candidate(2, "b", "the capital of france is paris"),
                new Candidate(3, "c", "paris hotels"));
        List<String> progress = new ArrayList<>();

        Ranking ranking = ranker.rerank(new Query("q1", "capital paris"), candidates,
                (done, total) -> progress.add(done + "/" + total), CancellationToken.NONE);

        assertThat(ranking.results()).extracting(c -> c.candidate().docId()).containsExactly("b", "c", "a");
        assertThat(ranking.results()).extracting(c -> c.score()).containsExactly(2.0, 1.0, 0.0);
        assertThat(ranking.ranker()).isEqualTo("fake");
        assertThat(ranking.model()).isEqualTo("alpha-model");
        assertThat(progress).containsExactly("1/3", "2/3", "3/3");
        assertThat(ranker.maxTokens()).isEmpty();
    }

    @Test
    void rerankAllCountsPairsAcrossQueries() {
        Reranker ranker = service.open("alpha-model");
        List<Candidate> candidates = List.of(new Candidate(1, "a", "x"), new Candidate(2, "b", "y"));
        List<String> progress = new ArrayList<>();

        List<Ranking> rankings = ranker.rerankAll(List.of(new Query("q1", "x"), new Query("q2", "y")), candidates,
                (done, total) -> progress.add(done + "/" + total), CancellationToken.NONE);

        assertThat(rankings).extracting(r -> r.results().get(0).candidate().docId()).containsExactly("a", "b");
        assertThat(progress).containsExactly("1/4", "2/4", "3/4", "4/4");
        assertThat(ProgressListener.NONE).isNotNull();
    }

    // --- the library as the Models view and `models list` see it --------------------------------------------

    @TempDir
    Path tmp;

    private Path folder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models").resolve(name));
        Files.write(dir.resolve("model.onnx"), new byte[100]);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 64}");
        return dir;
    }

    @Test
    void libraryDescribesEveryModelWithoutLoading() {
        List<ModelEntry> library = service.library();
        assertThat(library).extracting(ModelEntry::name).containsExactly("alpha-model", "Beta-Model");
        ModelEntry alpha = library.get(0);
        assertThat(alpha.isDefault()).isTrue();
        assertThat(alpha.bundled()).isTrue();
        assertThat(alpha.location()).isEqualTo("bundled");
        assertThat(alpha.maxLength()).isEqualTo(128);
        assertThat(alpha.layers()).isEqualTo(2);
        assertThat(alpha.sizeBytes()).isEqualTo(1000);
        assertThat(alpha.loaded()).isFalse();
        assertThat(alpha.kind()).isEmpty();
        assertThat(loader.loads).isEmpty();

        service.open("alpha-model");
        assertThat(service.library().get(0).loaded()).isTrue();
        assertThat(service.library().get(0).kind()).contains(ModelKind.BI_ENCODER);
        assertThat(service.isLoaded("ALPHA-MODEL")).isTrue();
        assertThat(service.isLoaded("beta-model")).isFalse();
        assertThat(service.canonicalName("beta-model")).contains("Beta-Model");
        assertThat(service.canonicalName("gamma")).isEmpty();
    }

    @Test
    void aBundledModelsDeclaredKindIsKnownWithoutLoadingAndTheGraphWinsOnceLoaded() {
        ModelFiles declared = ModelFiles.bundled("declared", "/d.onnx", "/d.json",
                new ModelConfig(128, Pooling.MEAN, "", "", 2), 1000, ModelKind.CROSS_ENCODER);
        RankerService rankers = new RankerService(List.of(declared, ALPHA), ModelLibraryStore.inMemory(), loader);
        assertThat(rankers.library()).extracting(e -> e.kind().orElse(null))
                .containsExactly(ModelKind.CROSS_ENCODER, null);
        assertThat(loader.loads).as("nothing loaded to tell the kind").isEmpty();

        rankers.open("declared"); // the fake ranker reports a bi-encoder: what the graph says is what counts
        assertThat(rankers.library().get(0).kind()).contains(ModelKind.BI_ENCODER);
        // The real bundled models declare theirs (BundledModelsTest checks them against their graphs).
        assertThat(new RankerService(ModelFiles.bundledModels(), ModelLibraryStore.inMemory(), loader).library())
                .allSatisfy(e -> assertThat(e.kind()).contains(ModelKind.BI_ENCODER));
    }

    @Test
    void aFailedLoadIsRecordedUntilTheModelLoads() {
        boolean[] fail = {true};
        RankerService flaky = new RankerService(List.of(ALPHA), ModelLibraryStore.inMemory(), spec -> {
            if (fail[0]) {
                throw new ModelLoadException(spec.name() + ": the graph is damaged");
            }
            return new FakeReranker(spec.name());
        });
        assertThatThrownBy(() -> flaky.load("alpha-model")).hasMessage("alpha-model: the graph is damaged");
        assertThat(flaky.library().get(0).loadFailure()).isEqualTo("alpha-model: the graph is damaged");

        fail[0] = false;
        assertThat(flaky.load("alpha-model").name()).isEqualTo("alpha-model");
        assertThat(flaky.library().get(0).loadFailure()).isNull();
        assertThat(flaky.library().get(0).loaded()).isTrue();
    }

    @Test
    void kindsLearnedByLoadingAreSavedWithTheLibrary() throws IOException {
        ModelLibraryStore store = new ModelLibraryStore(tmp.resolve("config"));
        RankerService first = new RankerService(List.of(ALPHA, BETA), store, loader);
        first.load("beta-model");
        first.addFolder(folder("mine"));

        RankerService second = new RankerService(List.of(ALPHA, BETA), store, loader);
        assertThat(second.library()).extracting(e -> e.kind().orElse(null))
                .containsExactly(null, ModelKind.BI_ENCODER, ModelKind.BI_ENCODER);
        assertThat(second.library()).extracting(ModelEntry::loaded).containsOnly(false);

        second.remove("mine");
        assertThat(store.load().kinds()).containsOnlyKeys("bundled:Beta-Model");
    }

    @Test
    void aLibraryFileWithoutKindsStillLoads() throws IOException {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Path mine = folder("mine");
        Files.writeString(config.resolve("models.json"), "{\"folders\": [\"" + mine.toString().replace("\\", "\\\\")
                + "\"], \"defaultModel\": \"mine\"}");
        RankerService reopened = new RankerService(List.of(ALPHA), new ModelLibraryStore(config), loader);
        assertThat(reopened.modelNames()).containsExactly("mine", "alpha-model");
        assertThat(reopened.library().get(1).kind()).isEmpty();
    }

    @Test
    void addingTheSameFolderTwiceIsRefusedAndNothingChanges() throws IOException {
        Path mine = folder("mine");
        service.addFolder(mine);
        assertThatThrownBy(() -> service.addFolder(mine))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage(mine + " is already in the library as \"mine\"");
        assertThat(service.modelNames()).containsExactly("alpha-model", "Beta-Model", "mine");
        assertThat(loader.loads).containsExactly(Map.entry("mine", 1));
    }

    @Test
    void removingABundledModelIsRefused() {
        assertThatThrownBy(() -> service.remove("alpha-model")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bundled");
    }

    @Test
    void checkWithSampleScoresTheSamplePairAndReleasesTheModel() throws IOException {
        Path mine = folder("mine");
        ModelCheck check = service.checkWithSample(mine);
        assertThat(check.info().name()).isEqualTo("mine");
        assertThat(check.info().location()).isEqualTo(mine.toString());
        assertThat(check.sampleQuery()).isEqualTo("what is the capital of france");
        assertThat(check.sampleDocument()).isEqualTo("Paris is the capital of France.");
        // FakeReranker: query words found in the document (is, the, capital, of, france).
        assertThat(check.sampleScore()).isEqualTo(5.0);
        assertThat(check.hasProbability()).isFalse();
        assertThat(loader.made).singleElement().satisfies(r -> assertThat(r.closeCalls).hasValue(1));
        assertThat(service.modelNames()).doesNotContain("mine");
    }
}
