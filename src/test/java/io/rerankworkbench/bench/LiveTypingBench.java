package io.rerankworkbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.VariantService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.ui.common.FxDebounce;
import io.rerankworkbench.ui.live.LiveQueryViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.app.ProjectService;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Live mode over 1,000 candidates with the bundled bi-encoder (all-MiniLM-L6-v2 through ONNX Runtime).
 *
 * <ol>
 *   <li>Re-score latency: the candidates' embeddings are computed once (as the first live edit does), then 1,000
 *   successive prefixes of rephrasings are re-scored one by one, as live mode calls the engine — one query embedding,
 *   1,000 dot products and the sort. Median and p95.</li>
 *   <li>Typing in the live view model on the JavaFX thread (the real 150 ms debounce, the inference lane, results
 *   delivered to the FX thread): phrasings are typed one character every 90 ms with a 400 ms pause after each word.
 *   Reported: scorings per keystroke, the time from the last keystroke to the new ranking on the FX thread (median,
 *   p95), and the longest any 5 ms ping to the FX thread waited — the longest the window could not answer.</li>
 * </ol>
 * Not a test; docs/benchmarks.md ("Live query"). Arguments: {@code monocle} or {@code display}, CANDIDATES (1000),
 * and {@code window} to run the third part alone.
 */
public final class LiveTypingBench {

    private static final String[] PHRASINGS = {
        "how long should a grilled steak rest before slicing",
        "best substitute for buttermilk in fluffy pancakes",
        "why does my sourdough loaf come out dense and gummy",
        "can you freeze cooked rice safely",
        "easy way to peel hard boiled eggs",
        "keep guacamole green overnight in the fridge",
        "safe internal temperature for roast chicken thighs",
        "what does it mean to temper chocolate",
    };

    private LiveTypingBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "monocle";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        boolean windowOnly = args.length > 2 && args[2].equals("window");
        List<String> texts = texts(n);
        Path dir = Files.createTempDirectory("live-bench");
        ProjectStore store = ProjectStore.create(dir.resolve("live.rwb"));
        long queryId = store.addQuery("q1", "how long to rest a steak").id();
        List<NewCandidate> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new NewCandidate(i + 1, "d" + i, texts.get(i)));
        }
        store.addCandidates(queryId, rows, ImportProgress.NONE);
        List<Candidate> candidates = store.candidates(queryId).stream().map(c -> c.candidate()).toList();
        RankerService library = new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT);
        VariantService service = new VariantService(() -> store, new RankerCatalog(library, null));
        Reranker model = library.open("all-MiniLM-L6-v2");

        long t0 = System.nanoTime();
        service.score(model, "q1", "how long to rest a steak", candidates, RerankOptions.DEFAULT,
                ProgressListener.NONE, CancellationToken.NONE);
        System.out.printf(Locale.ROOT, "first live edit (embeds %,d candidates once): %.1f s%n", n,
                (System.nanoTime() - t0) / 1e9);

        // 1. The engine call of each re-score.
        List<String> prefixes = new ArrayList<>();
        for (int round = 0; prefixes.size() < 1000; round++) {
            for (String p : PHRASINGS) {
                for (int end = 3; end <= p.length() && prefixes.size() < 1000; end++) {
                    prefixes.add(p.substring(0, end) + (round == 0 ? "" : " " + round));
                }
            }
        }
        for (int i = 0; i < (windowOnly ? 0 : 50); i++) { // JIT warm-up
            service.score(model, "q1", prefixes.get(i) + " warm", candidates, RerankOptions.DEFAULT,
                    ProgressListener.NONE, CancellationToken.NONE);
        }
        double[] ms = new double[windowOnly ? 0 : prefixes.size()];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            service.score(model, "q1", prefixes.get(i), candidates, RerankOptions.DEFAULT, ProgressListener.NONE,
                    CancellationToken.NONE);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        System.out.printf(Locale.ROOT, "re-score of %,d candidates, %,d prefixes: median %.1f ms, p95 %.1f ms, "
                + "max %.1f ms%n", n, ms.length, percentile(ms, 50), percentile(ms, 95), percentile(ms, 100));

        // 2. Typing in the live view model.
        BenchToolkit.start(mode);
        ExecutorService inference = Executors.newSingleThreadExecutor();
        ExecutorService ioLane = Executors.newSingleThreadExecutor();
        ExecutorTaskRunner tasks = new ExecutorTaskRunner(Map.of(Lane.INFERENCE, inference, Lane.IO, ioLane),
                Platform::runLater);
        StringProperty text = new SimpleStringProperty("");
        List<Long> shownAt = new CopyOnWriteArrayList<>();
        List<String> shownTexts = new CopyOnWriteArrayList<>();
        LiveQueryViewModel live = BenchToolkit.onFx(() -> {
            LiveQueryViewModel vm = new LiveQueryViewModel(tasks, service, new FxDebounce(LiveQueryViewModel.PAUSE),
                    text, () -> RerankOptions.DEFAULT);
            vm.setRanker("all-MiniLM-L6-v2", model);
            text.set("how long to rest a steak");
            vm.setBase(new LiveQueryViewModel.Base(queryId, "q1", "how long to rest a steak",
                    "how long to rest a steak", candidates, true, true, null));
            vm.shownProperty().addListener((obs, old, s) -> {
                if (s != null) {
                    shownAt.add(System.nanoTime());
                    shownTexts.add(s.text());
                }
            });
            return vm;
        });
        BenchToolkit.Pinger pinger = new BenchToolkit.Pinger();
        pinger.start();
        Thread.sleep(500);
        pinger.reset();
        int keystrokes = 0;
        List<Double> pauseToTable = new ArrayList<>();
        Random random = new Random(7);
        for (String phrasing : windowOnly ? new String[0] : PHRASINGS) {
            for (int end = 1; end <= phrasing.length(); end++) {
                String typed = phrasing.substring(0, end);
                BenchToolkit.onFx(() -> {
                    text.set(typed);
                    return null;
                });
                keystrokes++;
                long typedAt = System.nanoTime();
                boolean wordEnd = end == phrasing.length() || phrasing.charAt(end) == ' ';
                if (wordEnd) {
                    int before = shownAt.size();
                    Thread.sleep(400);
                    if (shownAt.size() > before && shownTexts.get(shownTexts.size() - 1).equals(typed.strip())) {
                        pauseToTable.add((shownAt.get(shownAt.size() - 1) - typedAt) / 1e6);
                    }
                } else {
                    Thread.sleep(60 + random.nextInt(60)); // 60-120 ms between keys: faster than the pause
                }
            }
        }
        long longest = pinger.longest();
        pinger.stop();
        double[] pause = pauseToTable.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "typing %d phrasings (%d keystrokes): %d live rankings shown, last keystroke "
                        + "to new ranking median %.0f ms, p95 %.0f ms (150 ms of it the pause); longest FX wait "
                        + "%.1f ms%n", PHRASINGS.length, keystrokes, shownAt.size(), percentile(pause, 50),
                percentile(pause, 95), longest / 1e6);

        // 3. The same typing in the main window: the project opened, the 1,000-row table redrawn for each ranking.
        store.close();
        ProjectService projects = new ProjectService(
                dir.resolve("config"));
        WorkbenchViewModel window = BenchToolkit.onFx(() -> {
            WorkbenchViewModel vm = new WorkbenchViewModel(new FxTaskRunner(Map.of(Lane.INFERENCE,
                    inference, Lane.IO, ioLane)), new RankerCatalog(library, null),
                    new RecordingDialogs(), projects);
            WorkbenchWindow.installTheme();
            javafx.stage.Stage stage = new javafx.stage.Stage();
            WorkbenchWindow.dress(stage,
                    WorkbenchWindow.createScene(vm, 1280, 800));
            stage.show();
            vm.selectModel("all-MiniLM-L6-v2");
            vm.project().open(dir.resolve("live.rwb"));
            return vm;
        });
        while (BenchToolkit.onFx(() -> window.models().rankerProperty().get() == null
                || window.candidateCountProperty().get() < n)) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        List<Long> windowShown = new CopyOnWriteArrayList<>();
        BenchToolkit.onFx(() -> {
            window.live().shownProperty().addListener((obs, old, s) -> {
                if (s != null) {
                    windowShown.add(System.nanoTime());
                }
            });
            return null;
        });
        pinger.start();
        Thread.sleep(500);
        pinger.reset();
        int windowKeys = 0;
        for (String phrasing : PHRASINGS) {
            for (int end = 1; end <= phrasing.length(); end++) {
                String typed = phrasing.substring(0, end);
                BenchToolkit.onFx(() -> {
                    window.queryProperty().set(typed);
                    return null;
                });
                windowKeys++;
                boolean wordEnd = end == phrasing.length() || phrasing.charAt(end) == ' ';
                Thread.sleep(wordEnd ? 400 : 60 + random.nextInt(60));
            }
        }
        long windowLongest = pinger.longest();
        pinger.stop();
        int tableRows = BenchToolkit.onFx(() -> window.results().rows().size());
        System.out.printf(Locale.ROOT, "the main window, %d keystrokes: %d live rankings of %,d rows shown; longest "
                + "FX wait %.1f ms, %d waits over 50 ms%n", windowKeys, windowShown.size(), tableRows,
                windowLongest / 1e6, pinger.over50());
        inference.shutdown();
        ioLane.shutdown();
        BenchToolkit.onFx(() -> {
            projects.close();
            return null;
        });
        library.close();
        Platform.exit();
    }

    /** {@code n} candidate texts from the home-cooking sample corpus, each a document with another's first sentence. */
    private static List<String> texts(int n) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> docs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("sample-projects/home-cooking-beir/corpus.jsonl"))) {
            JsonNode d = json.readTree(line);
            docs.add((d.path("title").asText("") + " " + d.path("text").asText("")).strip());
        }
        Random random = new Random(11);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String doc = docs.get(i % docs.size());
            String other = docs.get(random.nextInt(docs.size()));
            int stop = other.indexOf(". ");
            out.add(doc + " " + (stop > 0 ? other.substring(0, stop + 1) : other));
        }
        return out;
    }

    private static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
