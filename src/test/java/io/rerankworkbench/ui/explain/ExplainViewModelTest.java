package io.rerankworkbench.ui.explain;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ExplainService;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.explain.Block;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Pick;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.Fixtures;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.ResultSelection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Explain view model over real models (the bundled all-MiniLM-L6-v2 and the tiny cross-encoder fixture), with
 * background work run in place: it follows the selection, computes only while shown, cuts new picks from what the
 * model gave, and explains a bi-encoder's score exactly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExplainViewModelTest {

    private static RankerService rankers;
    private static RankerCatalog catalog;

    private final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeAll
    static void models() {
        rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2(),
                ModelFiles.folder(Fixtures.model("tiny-cross-encoder"))), ModelLibraryStore.inMemory(),
                RankerService.localLoader(EngineSettings.DEFAULT, Runnable::run));
        catalog = new RankerCatalog(rankers, null);
    }

    @AfterAll
    static void close() {
        rankers.close();
    }

    private ExplainViewModel vm() {
        return new ExplainViewModel(new CurrentThreadTaskRunner(), new ExplainService(null), catalog, dialogs,
                () -> "all-MiniLM-L6-v2");
    }

    private static ResultSelection select(String model, String query, String... documents) throws Exception {
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            candidates.add(new Candidate(i + 1, "d" + (i + 1), documents[i]));
        }
        Ranking ranking = catalog.open(model).rerank(new Query("q1", query), candidates, ProgressListener.NONE,
                CancellationToken.NONE);
        return ResultSelection.of(7, 1, ranking, ranking.results().get(0));
    }

    @Test
    void nothingIsComputedUntilTheViewIsShownThenTheMapAppears() throws Exception {
        ExplainViewModel vm = vm();
        vm.selectionProperty().set(select("all-MiniLM-L6-v2", "capital of France",
                "Paris is the capital of France.", "Bananas are yellow."));
        assertThat(vm.mapProperty().get()).isNull();

        vm.activeProperty().set(true);

        assertThat(vm.mapProperty().get()).as(vm.messageProperty().get()).isNotNull();
        assertThat(vm.headingProperty().get()).contains("Doc d1").contains("run 1 of q1");
    }

    @Test
    void aMeanPooledBiEncodersContributionsAddUpToTheRunsScore() throws Exception {
        ExplainViewModel vm = vm();
        vm.activeProperty().set(true);
        ResultSelection s = select("all-MiniLM-L6-v2", "capital of France", "Paris is the capital of France.",
                "Bananas are yellow.");
        vm.selectionProperty().set(s);

        ExplanationMap map = vm.mapProperty().get();
        assertThat(vm.methodProperty().get()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
        assertThat(map.method()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
        assertThat(map.total()).isCloseTo(s.score(), within(1e-5));
        assertThat(vm.summaryProperty().get()).contains("cells add up to").contains("= the run's score");
        assertThat(vm.methods()).containsExactly(ExplainMethod.CONTRIBUTIONS, ExplainMethod.ATTENTION,
                ExplainMethod.OCCLUSION);
    }

    @Test
    void aCrossEncodersAttentionFollowsTheLayerAndHeadPickers() throws Exception {
        ExplainViewModel vm = vm();
        vm.activeProperty().set(true);
        vm.selectionProperty().set(select("tiny-cross-encoder", "capital of france",
                "paris is the capital of france", "bananas are yellow"));

        ExplanationMap mean = vm.mapProperty().get();
        assertThat(mean.method()).isEqualTo(ExplainMethod.ATTENTION);
        assertThat(vm.blocks()).containsExactlyElementsOf(Block.CROSS);
        assertThat(vm.layerCountProperty().get()).isEqualTo(2);
        assertThat(vm.headCountProperty().get()).isEqualTo(2);
        assertThat(mean.layer()).isEqualTo(Pick.MEAN);

        vm.layerProperty().set(1);
        vm.headProperty().set(0);
        ExplanationMap picked = vm.mapProperty().get();
        assertThat(picked.layer()).isEqualTo(1);
        assertThat(picked.head()).isEqualTo(0);
        assertThat(picked.values()[0]).isNotEqualTo(mean.values()[0]);

        vm.blockProperty().set(Block.DOCUMENT_TO_QUERY);
        assertThat(vm.mapProperty().get().block()).isEqualTo(Block.DOCUMENT_TO_QUERY);
    }

    @Test
    void occlusionWithALocalModelRunsWithoutAskingAndIsCachedPerSelection() throws Exception {
        ExplainViewModel vm = vm();
        vm.activeProperty().set(true);
        ResultSelection s = select("all-MiniLM-L6-v2", "capital of France", "Paris is the capital of France.",
                "Bananas are yellow.");
        vm.selectionProperty().set(s);

        vm.methodProperty().set(ExplainMethod.OCCLUSION);

        ExplanationMap map = vm.mapProperty().get();
        assertThat(map.method()).isEqualTo(ExplainMethod.OCCLUSION);
        assertThat(map.columns()).extracting(u -> u.label())
                .containsExactly("Paris", "is", "the", "capital", "of", "France");
        assertThat(dialogs.choices).isEmpty();
        // The full document re-scores as the run scored it; each drop is the score lost without the word.
        assertThat(map.baseline()).isCloseTo(s.score(), within(1e-5));
        double withoutParis = catalog.open("all-MiniLM-L6-v2").rerank(new Query("q1", "capital of France"),
                List.of(new Candidate(1, "v", "is the capital of France.")), ProgressListener.NONE,
                CancellationToken.NONE).results().get(0).score();
        assertThat(map.values()[0][0]).isCloseTo(s.score() - withoutParis, within(1e-5));
    }

    @Test
    void clearingTheSelectionClearsTheMap() throws Exception {
        ExplainViewModel vm = vm();
        vm.activeProperty().set(true);
        vm.selectionProperty().set(select("all-MiniLM-L6-v2", "capital", "Paris is the capital.", "Bananas."));
        assertThat(vm.mapProperty().get()).isNotNull();

        vm.selectionProperty().set(null);

        assertThat(vm.mapProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).contains("Select a result");
    }
}
