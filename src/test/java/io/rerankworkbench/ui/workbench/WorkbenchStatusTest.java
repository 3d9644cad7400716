package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.ScoreScale;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the window says about the query on screen: placeholders, progress, the score bars' scale. */
class WorkbenchStatusTest {

    @TempDir
    Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private ProjectService projects;

    private WorkbenchViewModel window() {
        projects = new ProjectService(tmp.resolve("config"));
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> new WordOverlapReranker(50));
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskRunner(), new RankerCatalog(rankers, null),
                dialogs, projects);
        vm.selectModel("all-MiniLM-L6-v2");
        return vm;
    }

    @AfterEach
    void close() throws IOException {
        if (projects != null) {
            projects.close();
        }
    }

    @Test
    void progressOfARunDoesNotFollowTheUserToAnotherQuery() {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("capital of france");
        vm.candidatesTextProperty().set("Paris is the capital of France.\nBananas are yellow.");
        vm.rerank();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.progressTextProperty().get()).isEqualTo("2 of 2 documents");

        vm.queries().add();
        assertThat(vm.queries().selectedProperty().get().query().externalId()).isEqualTo("q2");
        assertThat(vm.progressProperty().get()).as("a new empty query has no progress").isZero();
        assertThat(vm.progressTextProperty().get()).isEmpty();

        vm.queries().selectedProperty().set(vm.queries().allQueries().get(0));
        assertThat(vm.progressTextProperty().get()).as("nor does the query that ran, once left").isEmpty();
    }

    @Test
    void theEmptyTableSaysWhatToDoForTheQueryShown() {
        WorkbenchViewModel vm = window();
        assertThat(vm.resultsPlaceholderProperty().get()).startsWith("Results appear here. Type a query");

        vm.queryProperty().set("capital of france");
        vm.candidatesTextProperty().set("Paris is the capital of France.\nBananas are yellow.");
        vm.rerank();
        assertThat(vm.resultsPlaceholderProperty().get()).as("a run is shown").isEmpty();

        vm.queries().duplicateSelected();
        assertThat(vm.resultsPlaceholderProperty().get())
                .isEqualTo("No runs of q1-copy yet. Press Rerank (Ctrl+Enter) to score its 2 candidates with "
                        + "all-MiniLM-L6-v2.");

        vm.queries().add();
        assertThat(vm.resultsPlaceholderProperty().get()).startsWith("Query q2 has no candidates yet.");
    }

    @Test
    void theScoreBarsFollowTheChosenScaleAndSayWhatItIs() {
        WorkbenchViewModel vm = window();
        vm.queryProperty().set("capital of france city");
        vm.candidatesTextProperty().set("Paris is the capital of France, a city.\nFrance is large.\nBananas.");
        vm.rerank();
        ResultsViewModel results = vm.results();
        // Word overlap scores 4, 1 and 0: on the run's range the best is full, the worst empty.
        assertThat(results.rows()).extracting(ResultRow::barFraction).containsExactly(1.0, 0.25, 0.0);
        assertThat(results.barLegendProperty().get()).isEqualTo("run 0–4");

        results.selectedProperty().set(results.rows().get(1));
        results.barScaleProperty().set(ScoreScale.Mode.MODEL);
        // The fake ranker is neither bi-encoder nor probabilistic and scores beyond 1: no fixed range to draw on.
        assertThat(results.barLegendProperty().get()).isEqualTo("run 0–4");
        assertThat(results.selectedProperty().get()).as("the selection survives a change of scale")
                .isEqualTo(results.rows().get(1));
        assertThat(results.legend(ScoreScale.Mode.RUN)).isEqualTo("run 0–4");
        assertThat(results.rows().get(1).barFraction()).isCloseTo(0.25, within(1e-12));
    }
}
