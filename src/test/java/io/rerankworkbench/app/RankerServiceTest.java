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
import org.junit.jupiter.api.Test;

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
}
