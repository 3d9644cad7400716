package io.rerankworkbench.ui.live;

import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.Debounce;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live mode without a window: a hand-fired debounce and hand-run lanes show what is scored when, which result is
 * shown, how movement is measured and what keeping writes.
 */
class LiveQueryViewModelTest {

    @TempDir
    Path tmp;

    private ProjectStore store;
    private long queryId;
    private List<Candidate> candidates;
    private final List<Runnable> lane = new ArrayList<>();
    private final ManualDebounce debounce = new ManualDebounce();
    private final StringProperty text = new SimpleStringProperty("");
    private final List<String> scoredTexts = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private LiveQueryViewModel live;
    private StandIn biEncoder;

    @BeforeEach
    void setUp() throws Exception {
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        queryId = store.addQuery("q1", "fresh basil").id();
        store.addCandidates(queryId, List.of(
                new NewCandidate(1, "d1", "Dry oregano keeps for a year."),
                new NewCandidate(2, "d2", "Keep basil stems in a glass of water."),
                new NewCandidate(3, "d3", "Freeze basil leaves in olive oil."),
                new NewCandidate(4, "d4", "Fresh basil wilts in the fridge.")), ImportProgress.NONE);
        candidates = store.candidates(queryId).stream().map(c -> c.candidate()).toList();
        biEncoder = new StandIn("local bi-encoder");
        RankerService library = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                files -> biEncoder);
        VariantService service = new VariantService(() -> store, new RankerCatalog(library, null));
        Executor queued = lane::add;
        live = new LiveQueryViewModel(new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queued, Lane.IO, queued),
                Runnable::run), service, debounce, text, () -> RerankOptions.DEFAULT);
        live.setMessages(messages::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private void showQuery(Ranking kept) {
        text.set("fresh basil");
        live.setBase(new LiveQueryViewModel.Base(queryId, "q1", "fresh basil", "fresh basil", candidates, true, true,
                kept));
    }

    private void runLane() {
        while (!lane.isEmpty()) {
            lane.remove(0).run();
        }
    }

    @Test
    void aBiEncoderTurnsLiveOnAndScoresOnlyTheLastTextOfABurst() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        showQuery(null);
        assertThat(live.liveProperty().get()).isTrue();

        text.set("fresh basil s");
        text.set("fresh basil st");
        text.set("fresh basil stems");
        assertThat(debounce.restarts).isEqualTo(3);
        assertThat(lane).isEmpty(); // nothing runs while typing goes on

        debounce.fire();
        runLane();
        assertThat(scoredTexts).containsExactly("fresh basil stems");
        assertThat(live.shownProperty().get().text()).isEqualTo("fresh basil stems");
        assertThat(live.shownProperty().get().run().ranking().results().get(0).candidate().docId()).isEqualTo("d2");
        assertThat(live.statusProperty().get()).startsWith("Live · 4 documents re-scored in");
    }

    @Test
    void anOlderComputationNeverOverwritesANewerText() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        showQuery(null);
        text.set("basil stems water");
        debounce.fire();
        assertThat(lane).hasSize(1); // "basil stems water" is being scored

        text.set("freeze basil oil"); // typed while it runs
        debounce.fire(); // the pause ends before the first scoring did: it waits for it
        assertThat(lane).hasSize(1);
        lane.remove(0).run();
        assertThat(live.shownProperty().get()).isNull(); // the older text's scores are not shown
        assertThat(lane).hasSize(1); // the newest text is scored next
        lane.remove(0).run();

        assertThat(scoredTexts).containsExactly("basil stems water", "freeze basil oil");
        assertThat(live.shownProperty().get().text()).isEqualTo("freeze basil oil");
        assertThat(live.shownProperty().get().run().ranking().results().get(0).candidate().docId()).isEqualTo("d3");
    }

    @Test
    void movementIsAgainstTheRankingShownBeforeTheEdit() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        Ranking kept = biEncoder.rerank(new Query("q1", "dry oregano"), candidates, ProgressListener.NONE,
                CancellationToken.NONE); // d1 first
        showQuery(kept);

        text.set("basil stems water");
        debounce.fire();
        runLane();
        LiveQueryViewModel.Shown first = live.shownProperty().get();
        assertThat(first.previousRanks()).isEqualTo(ranks(kept));

        text.set("freeze basil oil");
        debounce.fire();
        runLane();
        LiveQueryViewModel.Shown second = live.shownProperty().get();
        assertThat(second.previousRanks()).isEqualTo(ranks(first.run().ranking()));
        assertThat(second.previousRanks().get("d2")).isEqualTo(1); // first after the previous edit, not the kept run
    }

    @Test
    void withoutAKeptRunMovementIsAgainstTheGivenOrder() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        showQuery(null);
        text.set("fresh basil fridge");
        debounce.fire();
        runLane();
        assertThat(live.shownProperty().get().previousRanks()).containsEntry("d1", 1).containsEntry("d4", 4);
    }

    @Test
    void revertingShowsTheKeptRankingAgainAndTurningLiveOffPutsAFixedTextBack() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        showQuery(null);
        text.set("basil stems");
        debounce.fire();
        runLane();
        assertThat(live.shownProperty().get()).isNotNull();

        live.revert();
        assertThat(text.get()).isEqualTo("fresh basil");
        assertThat(live.shownProperty().get()).isNull();
        assertThat(live.editedProperty().get()).isFalse();

        text.set("basil in oil");
        live.liveProperty().set(false);
        assertThat(text.get()).isEqualTo("fresh basil");
        assertThat(live.shownProperty().get()).isNull();
    }

    @Test
    void aCrossEncoderScoresOnEnterAndSaysWhatItWillTake() {
        StandIn cross = new StandIn("local cross-encoder");
        live.setRanker("all-MiniLM-L6-v2", cross);
        assertThat(live.liveProperty().get()).isFalse(); // off by default: each change reads every pair again
        live.liveProperty().set(true);
        showQuery(null);
        text.set("basil stems");
        assertThat(debounce.restarts).isZero();
        assertThat(lane).isEmpty();
        assertThat(live.statusProperty().get()).startsWith("Press Enter to re-score").contains("reads all 4 pairs");
        assertThat(live.keepBlockedReasonProperty().get()).isEqualTo("Press Enter to score this phrasing first.");

        live.scoreNow();
        runLane();
        assertThat(scoredTexts).containsExactly("basil stems");
        assertThat(live.shownProperty().get().text()).isEqualTo("basil stems");
    }

    @Test
    void keepingStoresThePhrasingAsAVariantWithTheLiveRankingAsItsRun() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        List<VariantService.Kept> kept = new ArrayList<>();
        live.setKept(kept::add);
        showQuery(null);
        assertThat(live.keepBlockedReasonProperty().get()).isEqualTo("Edit the query text to try another phrasing.");
        text.set("  basil stems in water ");
        assertThat(live.keepBlockedReasonProperty().get()).isEqualTo("Scoring the newest text…");
        assertThat(new VariantRepository(store).list(queryId)).isEmpty(); // nothing written while exploring
        debounce.fire();
        runLane();
        assertThat(live.keepBlockedReasonProperty().get()).isEmpty();

        live.keep();
        runLane();

        List<StoredVariant> variants = new VariantRepository(store).list(queryId);
        assertThat(variants).extracting(StoredVariant::text).containsExactly("basil stems in water");
        List<StoredRun> runs = new VariantRepository(store).runs(variants.get(0).id());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).ranking().query().text()).isEqualTo("basil stems in water");
        assertThat(runs.get(0).ranking().results()).extracting(c -> c.candidate().docId())
                .isEqualTo(live.shownProperty().get().run().ranking().results().stream()
                        .map(c -> c.candidate().docId()).toList());
        assertThat(store.runs(queryId)).isEmpty(); // the query's own runs are untouched
        assertThat(kept).singleElement().satisfies(k -> assertThat(k.newVariant()).isTrue());
        assertThat(messages).last().asString().startsWith("Kept “basil stems in water” as variant 1 of query q1");
    }

    @Test
    void keepIsRefusedForTheQuerysOwnTextAndForEditedCandidates() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        live.setBase(new LiveQueryViewModel.Base(queryId, "q1", "fresh basil", "basil stems", candidates, true, true,
                null)); // a variant is shown
        text.set("basil stems");
        text.set("fresh basil");
        debounce.fire();
        runLane();
        assertThat(live.keepBlockedReasonProperty().get()).isEqualTo(
                "This is the query's own text: Rerank keeps a run of it.");

        live.setBase(new LiveQueryViewModel.Base(queryId, "q1", "fresh basil", "fresh basil", candidates, false,
                false, null));
        text.set("basil oil");
        debounce.fire();
        runLane();
        assertThat(live.keepBlockedReasonProperty().get()).isEqualTo(
                "The candidates were edited: rerank to save them first.");
    }

    @Test
    void aNewQueryOnScreenDropsTheLiveRanking() {
        live.setRanker("all-MiniLM-L6-v2", biEncoder);
        showQuery(null);
        text.set("basil stems");
        debounce.fire();
        assertThat(lane).hasSize(1);
        live.setBase(null); // another query is being loaded
        text.set("dry oregano");
        runLane();
        assertThat(live.shownProperty().get()).isNull();
        assertThat(debounce.restarts).isEqualTo(1);
    }

    private static Map<String, Integer> ranks(Ranking ranking) {
        Map<String, Integer> ranks = new HashMap<>();
        for (ScoredCandidate c : ranking.results()) {
            ranks.put(c.candidate().docId(), c.rank());
        }
        return ranks;
    }

    /** A debounce the test fires. */
    private static final class ManualDebounce implements Debounce {
        int restarts;
        Runnable action;

        @Override
        public void restart(Runnable action) {
            restarts++;
            this.action = action;
        }

        @Override
        public void stop() {
            action = null;
        }

        void fire() {
            Runnable a = action;
            action = null;
            if (a != null) {
                a.run();
            }
        }
    }

    /** Word overlap under another kind, recording the texts it scored. */
    private final class StandIn implements Reranker {
        private final WordOverlapReranker overlap = new WordOverlapReranker(100);
        private final String kind;

        StandIn(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public String model() {
            return "all-MiniLM-L6-v2";
        }

        @Override
        public Ranking rerank(Query query, List<Candidate> candidates, RerankOptions options,
                              ProgressListener progress, CancellationToken cancel) {
            scoredTexts.add(query.text());
            Ranking r = overlap.rerank(query, candidates, options, progress, cancel);
            return new Ranking(r.query(), r.results(), kind, model(), r.elapsed());
        }

        @Override
        public void close() {
        }
    }
}
