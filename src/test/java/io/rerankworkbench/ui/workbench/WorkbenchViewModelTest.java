package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.ExportService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.core.SplitMode;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window's behaviour, without the JavaFX toolkit: tasks run on the test thread. */
class WorkbenchViewModelTest {

    private static final String CANDIDATES = """
            Bananas are yellow.
            Paris is the capital of France.

            France borders Spain.
            """;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private WordOverlapReranker ranker = new WordOverlapReranker(5);

    @TempDir
    Path tmp;

    private WorkbenchViewModel viewModel(TaskRunner tasks, Function<ModelFiles, Reranker> loader) {
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()),
                ModelLibraryStore.inMemory(), loader);
        return new WorkbenchViewModel(tasks, rankers, new ExportService(), dialogs);
    }

    private WorkbenchViewModel readyViewModel() {
        WorkbenchViewModel vm = viewModel(new CurrentThreadTaskRunner(), spec -> ranker);
        vm.loadModel();
        return vm;
    }

    @Test
    void rerankIsBlockedUntilTheModelIsLoaded() {
        List<Runnable> queue = new ArrayList<>();
        Executor queued = queue::add;
        WorkbenchViewModel vm = viewModel(new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queued, Lane.IO, queued),
                Runnable::run), spec -> ranker);
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set(CANDIDATES);
        vm.loadModel();

        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.LOADING);
        assertThat(vm.rerankAllowedProperty().get()).isFalse();
        assertThat(vm.rerankBlockedReasonProperty().get()).contains("still loading");

        queue.remove(0).run();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);
        assertThat(vm.modelMessageProperty().get()).contains("word-overlap").contains("ready");
        assertThat(vm.rerankAllowedProperty().get()).isTrue();
        assertThat(vm.rerankBlockedReasonProperty().get()).isEmpty();
    }

    @Test
    void aModelThatFailsToLoadExplainsWhyAndBlocksRerank() {
        WorkbenchViewModel vm = viewModel(new CurrentThreadTaskRunner(), spec -> {
            throw new ModelLoadException("resource not found: /all-minilm-l6-v2.onnx");
        });
        vm.queryProperty().set("q");
        vm.candidatesTextProperty().set("a");
        vm.loadModel();

        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.FAILED);
        assertThat(vm.modelMessageProperty().get()).isEqualTo("resource not found: /all-minilm-l6-v2.onnx");
        assertThat(vm.rerankAllowedProperty().get()).isFalse();
        assertThat(vm.rerankBlockedReasonProperty().get())
                .isEqualTo("The model could not be loaded: resource not found: /all-minilm-l6-v2.onnx");
        vm.rerank();
        assertThat(vm.results().rows()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void emptyQueryOrNoCandidatesSayWhatIsMissing() {
        WorkbenchViewModel vm = readyViewModel();
        assertThat(vm.rerankBlockedReasonProperty().get()).isEqualTo("Type a query to rerank.");
        vm.queryProperty().set("   ");
        assertThat(vm.rerankAllowedProperty().get()).isFalse();
        vm.queryProperty().set("capital");
        assertThat(vm.rerankBlockedReasonProperty().get()).isEqualTo("Paste at least one candidate document.");
        vm.candidatesTextProperty().set("\n  \n");
        assertThat(vm.candidateCountProperty().get()).isZero();
        assertThat(vm.rerankAllowedProperty().get()).isFalse();
        vm.candidatesTextProperty().set("one");
        assertThat(vm.rerankAllowedProperty().get()).isTrue();
    }

    @Test
    void candidateCountFollowsTheSplitMode() {
        WorkbenchViewModel vm = readyViewModel();
        vm.candidatesTextProperty().set("a\nb\n\nc\nd");
        assertThat(vm.candidateCountProperty().get()).isEqualTo(4);
        vm.splitModeProperty().set(SplitMode.PARAGRAPHS);
        assertThat(vm.candidateCountProperty().get()).isEqualTo(2);
    }

    @Test
    void rerankFillsRowsInRankOrderWithRankChangesAndBars() {
        WorkbenchViewModel vm = readyViewModel();
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set(CANDIDATES);
        vm.rerank();

        List<ResultRow> rows = vm.results().rows();
        assertThat(rows).extracting(ResultRow::text).containsExactly(
                "Paris is the capital of France.", "France borders Spain.", "Bananas are yellow.");
        assertThat(rows).extracting(ResultRow::rank).containsExactly(1, 2, 3);
        assertThat(rows).extracting(ResultRow::originalRank).containsExactly(2, 3, 1);
        assertThat(rows).extracting(ResultRow::rankChangeLabel).containsExactly("▲ 1", "▲ 1", "▼ 2");
        assertThat(rows).extracting(ResultRow::barFraction).containsExactly(1.0, 1.0 / 3, 0.0);
        assertThat(rows.get(0).truncated()).isTrue(); // 6 words, limit 5
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.statusTextProperty().get()).startsWith("word-overlap (test overlap) · 3 documents · ")
                .contains("docs/s").endsWith("1 truncated");
        assertThat(vm.exportAllowedProperty().get()).isTrue();
    }

    @Test
    void selectingARowShowsItsFullTextAndTruncation() {
        WorkbenchViewModel vm = readyViewModel();
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set(CANDIDATES);
        vm.rerank();
        ResultsViewModel results = vm.results();
        results.selectedProperty().set(results.rows().get(0));
        assertThat(results.detailTextProperty().get()).isEqualTo("Paris is the capital of France.");
        assertThat(results.detailHeaderProperty().get())
                .startsWith("Rank 1 · was 2 (▲ 1) · doc 2 · score 3.000000")
                .contains("the last 1 tokens were beyond the model's 5-token limit");
        String copied = results.copyText(List.of(results.rows().get(0)));
        assertThat(copied).isEqualTo("rank\toriginal_rank\trank_change\tdoc_id\tscore\ttruncated\ttext\n"
                + "1\t2\t1\t2\t3.000000\ttrue\tParis is the capital of France.\n");
    }

    @Test
    void cancelStopsTheRunAndKeepsNoPartialResults() {
        List<Runnable> queue = new ArrayList<>();
        Executor queued = queue::add;
        WorkbenchViewModel vm = viewModel(new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queued, Lane.IO, queued),
                Runnable::run), spec -> ranker);
        vm.loadModel();
        queue.remove(0).run();
        ranker.afterFirstBatch(vm::cancel);
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set("a\nb\nc\nd\ne\nf");
        vm.rerank();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.rerankAllowedProperty().get()).isFalse();
        assertThat(vm.rerankBlockedReasonProperty().get()).isEqualTo("A rerank is running.");

        queue.remove(0).run();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.results().rows()).isEmpty();
        assertThat(vm.statusTextProperty().get()).contains("cancelled");
        assertThat(vm.exportAllowedProperty().get()).isFalse();
        assertThat(vm.rerankAllowedProperty().get()).isTrue();
    }

    @Test
    void exportWritesTheLastRankingAsCsv() throws IOException {
        Path target = tmp.resolve("out.csv");
        dialogs.answerSaveWith(target);
        WorkbenchViewModel vm = readyViewModel();
        vm.queryProperty().set("=capital of France");
        vm.candidatesTextProperty().set(CANDIDATES);
        vm.rerank();
        vm.queryProperty().set("something else typed after the run");
        vm.requestExport();

        List<String> lines = Files.readAllLines(target, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "query,rank,original_rank,doc_id,score,truncated,text",
                "'=capital of France,1,2,2,3.000000,true,Paris is the capital of France.",
                "'=capital of France,2,3,3,1.000000,false,France borders Spain.",
                "'=capital of France,3,1,1,0.000000,false,Bananas are yellow.");
        assertThat(vm.statusTextProperty().get()).isEqualTo("Exported 3 rows to " + target);
    }

    @Test
    void exportFailureIsReportedInWords() {
        Path target = tmp.resolve("no-such-folder").resolve("out.csv");
        dialogs.answerSaveWith(target);
        WorkbenchViewModel vm = readyViewModel();
        vm.queryProperty().set("capital");
        vm.candidatesTextProperty().set("capital city");
        vm.rerank();
        vm.requestExport();
        assertThat(dialogs.errors).singleElement().asString()
                .startsWith("Export failed: Could not write " + target)
                .contains("folder does not exist");
        assertThat(Files.exists(target)).isFalse();
    }
}
