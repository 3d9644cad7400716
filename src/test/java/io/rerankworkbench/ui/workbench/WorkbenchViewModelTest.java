package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.core.SplitMode;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.rerank.local.ModelConfig;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.local.Pooling;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
        return new WorkbenchViewModel(tasks, new io.rerankworkbench.app.RankerCatalog(rankers, null),
                dialogs, new io.rerankworkbench.app.ProjectService(tmp.resolve("config")));
    }

    private WorkbenchViewModel readyViewModel() {
        WorkbenchViewModel vm = viewModel(new CurrentThreadTaskRunner(), spec -> ranker);
        vm.selectModel("all-MiniLM-L6-v2");
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
        vm.loadModel(); // the default model

        assertThat(vm.rankerNameProperty().get()).isEqualTo("all-MiniLM-L6-v2");
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
        vm.selectModel("all-MiniLM-L6-v2");

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
        assertThat(copied).isEqualTo("rank\toriginal_rank\trank_change\tdoc_id\tscore\tlabel\ttruncated\ttext\n"
                + "1\t2\t1\t2\t3.000000\t\ttrue\tParis is the capital of France.\n");
    }

    @Test
    void cancelStopsTheRunAndKeepsNoPartialResults() {
        List<Runnable> queue = new ArrayList<>();
        Executor queued = queue::add;
        WorkbenchViewModel vm = viewModel(new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queued, Lane.IO, queued),
                Runnable::run), spec -> ranker);
        vm.selectModel("all-MiniLM-L6-v2");
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
        // The rerank was kept as run 1 of the new query q1; the export lists that run, whatever was typed since.
        assertThat(lines).containsExactly(
                "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,"
                        + "variant,variant_text",
                "q1,'=capital of France,1,test overlap,word-overlap,1,2,3.000000,2,,true,Paris is the capital of France.,,",
                "q1,'=capital of France,1,test overlap,word-overlap,2,3,1.000000,3,,false,France borders Spain.,,",
                "q1,'=capital of France,1,test overlap,word-overlap,3,1,0.000000,1,,false,Bananas are yellow.,,");
        assertThat(vm.statusTextProperty().get())
                .isEqualTo("Exported ranked lists: 1 query, 3 rows to " + target + ". q1: Run 1, as shown.");
    }

    /**
     * The run on screen is what Ctrl+E exports, numbered as the run picker numbers it; other queries get their latest
     * run by the same ranker and model, else their latest run, and the menu item and the status line say so.
     */
    @Test
    void exportFollowsTheRunOnScreenAndNumbersRunsAsThePickerDoes() throws IOException {
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskRunner(),
                new io.rerankworkbench.app.RankerCatalog(twoModels(), null), dialogs,
                new io.rerankworkbench.app.ProjectService(tmp.resolve("config")));
        // q1: Run 1 alpha, Run 2 beta, Run 3 beta. q2: Run 1 alpha, Run 2 beta. q3: Run 1 beta only.
        String[][] plan = {{"capital of france", "alpha", "beta", "beta"}, {"rest a steak", "alpha", "beta"},
                {"bananas", "beta"}};
        for (String[] query : plan) {
            vm.queries().selectedProperty().set(null);
            vm.queryProperty().set(query[0]);
            vm.candidatesTextProperty().set("steak rest\ncapital france\nbananas are yellow");
            for (int i = 1; i < query.length; i++) {
                vm.selectModel(query[i]);
                vm.rerank();
            }
        }
        assertThat(vm.transfers().rankedListsLabelProperty().get())
                .isEqualTo("_Ranked lists (CSV): Run 1 of q3, elsewhere the latest word-overlap "
                        + "(test cross-encoder overlap) run…");

        vm.queries().selectedProperty().set(vm.queries().allQueries().get(0));
        vm.selectedRunProperty().set(vm.runs().get(0));
        assertThat(RunLabels.describe(vm.selectedRunProperty().get())).startsWith("Run 1 · word-overlap (test overlap)");
        assertThat(vm.transfers().rankedListsLabelProperty().get())
                .isEqualTo("_Ranked lists (CSV): Run 1 of q1, elsewhere the latest word-overlap (test overlap) run…");
        assertThat(vm.transfers().trecRunLabelProperty().get())
                .isEqualTo("_TREC run: Run 1 of q1, elsewhere the latest word-overlap (test overlap) run…");

        Path target = tmp.resolve("shown.csv");
        dialogs.answerSaveWith(target);
        vm.requestExport();

        List<String> lines = Files.readAllLines(target, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 9);
        assertThat(lines.subList(1, 10)).extracting(l -> String.join(",", List.of(l.split(",")).subList(0, 4)))
                .containsExactly(
                        "q1,capital of france,1,test overlap", "q1,capital of france,1,test overlap",
                        "q1,capital of france,1,test overlap",
                        "q2,rest a steak,1,test overlap", "q2,rest a steak,1,test overlap",
                        "q2,rest a steak,1,test overlap",
                        "q3,bananas,1,test cross-encoder overlap", "q3,bananas,1,test cross-encoder overlap",
                        "q3,bananas,1,test cross-encoder overlap");
        assertThat(vm.statusTextProperty().get()).isEqualTo("Exported ranked lists: 3 queries, 9 rows to " + target
                + ". q1: Run 1, as shown. Elsewhere the latest word-overlap (test overlap) run (q2). No word-overlap "
                + "(test overlap) run, so the latest: q3 (Run 1, word-overlap (test cross-encoder overlap)).");

        // Showing another run changes what is exported, numbered as the picker shows it.
        vm.selectedRunProperty().set(vm.runs().get(1));
        assertThat(RunLabels.describe(vm.selectedRunProperty().get())).startsWith("Run 2 · ");
        Path trec = tmp.resolve("shown.trec");
        dialogs.answerSaveWith(trec);
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.TREC, false);
        assertThat(Files.readAllLines(trec)).extracting(l -> l.split(" ")[0] + " " + l.split(" ")[5]).containsOnly(
                "q1 test_cross-encoder_overlap/word-overlap", "q2 test_cross-encoder_overlap/word-overlap",
                "q3 test_cross-encoder_overlap/word-overlap");
        assertThat(vm.statusTextProperty().get()).contains("q1: Run 2, as shown.",
                "Elsewhere the latest word-overlap (test cross-encoder overlap) run (q2, q3).");

        // Every run: each with its number.
        Path all = tmp.resolve("all.csv");
        dialogs.answerSaveWith(all);
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.CSV, true);
        assertThat(Files.readAllLines(all).stream().skip(1).toList()).extracting(l -> l.split(",")[0] + ":" + l.split(",")[2])
                .containsExactly("q1:1", "q1:1", "q1:1", "q1:2", "q1:2", "q1:2", "q1:3", "q1:3", "q1:3",
                        "q2:1", "q2:1", "q2:1", "q2:2", "q2:2", "q2:2", "q3:1", "q3:1", "q3:1");
    }

    @Test
    void aboutNamesTheBundledModelsAsThePickerDoes() {
        readyViewModel().showAbout();
        assertThat(dialogs.infos).singleElement().asString()
                .contains(ModelFiles.allMiniLmL6V2().name() + " (", ModelFiles.bgeSmallEnV15Quantized().name() + " (");
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

    // --- model selection -------------------------------------------------------------------------------------

    private static final ModelFiles ALPHA = ModelFiles.bundled("alpha", "/alpha.onnx", "/alpha.json",
            new ModelConfig(128, Pooling.MEAN, "", "", 2), 1000);
    private static final ModelFiles BETA = ModelFiles.bundled("beta", "/beta.onnx", "/beta.json",
            new ModelConfig(256, Pooling.CLS, "", "", 4), 2000);

    /** Two models, each with its own ranker; {@code queue} holds the inference lane's work until a test runs it. */
    private final Map<String, WordOverlapReranker> byModel = new HashMap<>(Map.of(
            "alpha", new WordOverlapReranker(5), "beta", new WordOverlapReranker(5).withProbabilities()));
    private final List<Runnable> queue = new ArrayList<>();

    private RankerService twoModels() {
        return new RankerService(List.of(ALPHA, BETA), new ModelLibraryStore(tmp), files -> {
            WordOverlapReranker r = byModel.get(files.name());
            if (r == null) {
                throw new ModelLoadException(files.name() + ": no such test model");
            }
            return r;
        });
    }

    private WorkbenchViewModel queuedViewModel(RankerService rankers) {
        Executor queued = queue::add;
        return new WorkbenchViewModel(new ExecutorTaskRunner(Map.of(Lane.INFERENCE, queued, Lane.IO, queued),
                Runnable::run), rankers, dialogs);
    }

    private void runQueued() {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    @Test
    void thePickerListsEveryModelDefaultFirstAndSwitchingLoadsTheChosenOne() throws IOException {
        RankerService rankers = twoModels();
        rankers.setDefault("beta");
        WorkbenchViewModel vm = queuedViewModel(rankers);
        assertThat(vm.models().names()).containsExactly("beta", "alpha");
        assertThat(vm.models().defaultNameProperty().get()).isEqualTo("beta");

        vm.loadModel();
        runQueued();
        assertThat(vm.rankerNameProperty().get()).isEqualTo("beta");
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);

        vm.selectModel("ALPHA");
        assertThat(vm.rankerNameProperty().get()).isEqualTo("alpha");
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.LOADING);
        assertThat(vm.modelMessageProperty().get()).isEqualTo("Loading alpha…");
        vm.queryProperty().set("capital");
        vm.candidatesTextProperty().set("capital city");
        assertThat(vm.rerankBlockedReasonProperty().get()).isEqualTo("The model alpha is still loading.");
        runQueued();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);
        assertThat(vm.modelMessageProperty().get()).startsWith("word-overlap (test overlap) ready");

        vm.selectModel("alpha"); // already selected: nothing to do
        assertThat(queue).isEmpty();
    }

    @Test
    void onlyTheLatestSelectionCountsWhenLoadsFinishOutOfOrder() {
        WorkbenchViewModel vm = queuedViewModel(twoModels());
        vm.selectModel("alpha");
        vm.selectModel("beta");
        assertThat(queue).hasSize(2);

        queue.remove(1).run(); // beta finishes first
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);
        queue.remove(0).run(); // alpha's late outcome must not replace beta
        assertThat(vm.rankerNameProperty().get()).isEqualTo("beta");
        assertThat(vm.modelMessageProperty().get()).contains("test cross-encoder overlap");

        vm.queryProperty().set("capital");
        vm.candidatesTextProperty().set("capital city");
        vm.rerank();
        runQueued();
        assertThat(vm.lastRankingProperty().get().ranker()).isEqualTo("test cross-encoder overlap");
    }

    @Test
    void aFailedModelCanBeSelectedAgainToRetry() {
        byModel.remove("beta");
        WorkbenchViewModel vm = queuedViewModel(twoModels());
        vm.selectModel("beta");
        runQueued();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.FAILED);
        assertThat(vm.modelMessageProperty().get()).isEqualTo("beta: no such test model");

        byModel.put("beta", new WordOverlapReranker(5));
        vm.selectModel("beta");
        runQueued();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);
    }

    @Test
    void aLibraryChangeRefreshesThePickerAndReplacesARemovedSelection() throws IOException {
        RankerService rankers = twoModels();
        WorkbenchViewModel vm = queuedViewModel(rankers);
        Path folder = Files.createDirectories(tmp.resolve("my-model"));
        Files.writeString(folder.resolve("model.onnx"), "not read by the test loader");
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 64}");
        byModel.put("my-model", new WordOverlapReranker(5));

        rankers.addFolder(folder);
        rankers.setDefault("my-model");
        vm.modelLibraryChanged();
        assertThat(vm.models().names()).containsExactly("my-model", "alpha", "beta");
        assertThat(vm.models().defaultNameProperty().get()).isEqualTo("my-model");

        vm.selectModel("my-model");
        runQueued();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);

        rankers.remove("my-model");
        vm.modelLibraryChanged();
        assertThat(vm.models().names()).containsExactly("alpha", "beta");
        assertThat(vm.rankerNameProperty().get()).as("the default replaces a removed model").isEqualTo("alpha");
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.LOADING);
        runQueued();
        assertThat(vm.modelStatusProperty().get()).isEqualTo(ModelStatus.READY);
    }

    @Test
    void manageModelsRunsTheInstalledOpener() {
        WorkbenchViewModel vm = readyViewModel();
        vm.manageModels(); // nothing installed: nothing happens
        int[] opened = {0};
        vm.setModelsWindow(() -> opened[0]++);
        vm.manageModels();
        assertThat(opened[0]).isEqualTo(1);
    }

    // --- long documents, chunks and probabilities ------------------------------------------------------------

    @Test
    void theLongDocumentsChoiceIsPassedToTheRankerAndChunksAreShown() {
        WorkbenchViewModel vm = readyViewModel();
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set(CANDIDATES);
        vm.rerank();
        assertThat(ranker.lastOptions()).isEqualTo(RerankOptions.DEFAULT);
        assertThat(vm.results().rows()).extracting(ResultRow::bestChunk).containsOnlyNulls();

        vm.longDocumentsProperty().set(LongDocuments.CHUNK);
        vm.rerank();
        assertThat(ranker.lastOptions())
                .isEqualTo(new RerankOptions(LongDocuments.CHUNK, RerankOptions.DEFAULT_CHUNK_OVERLAP));
        assertThat(vm.statusTextProperty().get()).endsWith("· long documents chunked");
        ResultRow paris = vm.results().rows().get(0);
        assertThat(paris.text()).isEqualTo("Paris is the capital of France.");
        assertThat(paris.truncated()).isFalse();
        assertThat(paris.bestChunk()).isEqualTo(new TextSpan(0, "Paris is the capital of".length()));

        ResultsViewModel results = vm.results();
        results.selectedProperty().set(paris);
        assertThat(results.detailHeaderProperty().get()).endsWith("· best chunk: characters 1–23");
        assertThat(results.detailHighlightProperty().get()).isEqualTo(paris.bestChunk());
        results.selectedProperty().set(vm.results().rows().get(1));
        assertThat(results.detailHighlightProperty().get()).isNull();
        assertThat(results.detailHeaderProperty().get()).doesNotContain("chunk");
    }

    @Test
    void aCrossEncodersProbabilityIsShownAndABiEncoderHasNone() {
        WorkbenchViewModel bi = readyViewModel();
        bi.queryProperty().set("capital of France");
        bi.candidatesTextProperty().set(CANDIDATES);
        bi.rerank();
        assertThat(bi.results().rows()).extracting(ResultRow::probabilityLabel).containsOnly("");

        ranker = new WordOverlapReranker(10).withProbabilities();
        WorkbenchViewModel cross = readyViewModel();
        cross.queryProperty().set("capital of France");
        cross.candidatesTextProperty().set(CANDIDATES);
        cross.rerank();
        assertThat(cross.results().rows()).extracting(ResultRow::probabilityLabel)
                .containsExactly("0.750", "0.500", "0.000");
        cross.results().selectedProperty().set(cross.results().rows().get(0));
        assertThat(cross.results().detailHeaderProperty().get()).contains("· score 3.000000 · probability 0.750");
    }

    /** File → Export → Project bundle of every query is the whole project: the bundle carries the corpus. */
    @Test
    void aBundleOfEveryQueryCarriesTheCorpus() throws IOException {
        io.rerankworkbench.app.ProjectService projects = new io.rerankworkbench.app.ProjectService(tmp.resolve("config"));
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> ranker);
        WorkbenchViewModel vm = new WorkbenchViewModel(new CurrentThreadTaskRunner(),
                new io.rerankworkbench.app.RankerCatalog(rankers, null), dialogs, projects);
        vm.selectModel("all-MiniLM-L6-v2");
        vm.queryProperty().set("capital of France");
        vm.candidatesTextProperty().set(CANDIDATES);
        vm.rerank();
        new io.rerankworkbench.store.CorpusRepository(projects.store()).add(List.of(
                new io.rerankworkbench.store.CorpusRepository.NewDocument("nice", null, "Nice is by the sea.")),
                io.rerankworkbench.store.ImportProgress.NONE);

        Path bundle = tmp.resolve("project.rwb.json");
        dialogs.answerSaveWith(bundle);
        vm.transfers().requestExport(io.rerankworkbench.io.exports.ExportFormat.BUNDLE, false);

        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bundle.toFile());
        assertThat(root.get("version").intValue()).isEqualTo(2);
        assertThat(root.get("corpus")).hasSize(1);
        assertThat(root.get("documents")).extracting(d -> d.get("id").textValue()).contains("nice");
    }
}
