package io.rerankworkbench.ui.live;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The phrasings list: the query's own text first, choosing a variant hands its runs over, deleting one. */
class VariantsViewModelTest {

    @TempDir
    Path tmp;

    private ProjectStore store;
    private long queryId;
    private StoredVariant variant;
    private VariantsViewModel variants;
    private final List<String> shown = new ArrayList<>();
    private int changed;

    @BeforeEach
    void setUp() throws Exception {
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        queryId = store.addQuery("q1", "fresh basil").id();
        store.addCandidates(queryId, List.of(new NewCandidate(1, "d1", "Keep basil in water."),
                new NewCandidate(2, "d2", "Dry oregano keeps.")), ImportProgress.NONE);
        VariantRepository repository = new VariantRepository(store);
        variant = repository.add(queryId, "basil storage");
        List<Candidate> candidates = store.candidates(queryId).stream().map(c -> c.candidate()).toList();
        Ranking ranking = new WordOverlapReranker(10).rerank(new Query("q1", "basil storage"), candidates,
                io.rerankworkbench.rerank.ProgressListener.NONE, io.rerankworkbench.rerank.CancellationToken.NONE);
        repository.recordRun(variant.id(), ranking, null, null, Instant.now(), Instant.now(), RunStatus.COMPLETED);
        RankerService library = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> new WordOverlapReranker(10));
        variants = new VariantsViewModel(new CurrentThreadTaskRunner(),
                new VariantService(() -> store, new RankerCatalog(library, null)));
        variants.setHandlers((v, runs) -> shown.add(v.text() + ":" + runs.stream().map(StoredRun::number).toList()),
                () -> shown.add("own"));
        variants.setChanged(() -> changed++);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void theQuerysOwnTextComesFirstAndChoosingAVariantShowsItsRuns() {
        variants.show(queryId, "fresh basil", 2, "all-MiniLM-L6-v2", new VariantRepository(store).summaries(queryId),
                null);
        assertThat(variants.phrasings()).extracting(VariantsViewModel.Phrasing::name)
                .containsExactly("Query", "Variant 1");
        assertThat(variants.phrasings().get(0).details()).isEqualTo("2 runs · all-MiniLM-L6-v2");
        assertThat(variants.phrasings().get(1).details()).startsWith("1 run · word-overlap · ");
        assertThat(variants.selectedVariant()).isNull();
        assertThat(shown).isEmpty(); // listing does not ask the window to show anything

        variants.selectedProperty().set(variants.phrasings().get(1));
        assertThat(shown).containsExactly("basil storage:[1]");
        assertThat(variants.selectedVariant().id()).isEqualTo(variant.id());

        variants.selectedProperty().set(variants.phrasings().get(0));
        assertThat(shown).containsExactly("basil storage:[1]", "own");
    }

    @Test
    void aReloadKeepsTheChosenVariantAndDeletingOneAsksForAReload() {
        variants.show(queryId, "fresh basil", 0, null, new VariantRepository(store).summaries(queryId),
                variant.id());
        assertThat(variants.selectedVariant().id()).isEqualTo(variant.id());
        assertThat(shown).isEmpty();

        variants.delete(variants.phrasings().get(1));
        assertThat(new VariantRepository(store).list(queryId)).isEmpty();
        assertThat(changed).isEqualTo(1);
        variants.delete(variants.phrasings().get(0)); // the query's own text cannot be deleted
        assertThat(changed).isEqualTo(1);
    }
}
