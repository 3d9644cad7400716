package io.rerankworkbench.bench;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.RetrievalFlow;
import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.retrieve.RetrieveViewModel;
import io.rerankworkbench.ui.retrieve.RetrieveWindow;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How long the Retrieve candidates dialog keeps the JavaFX thread from answering while it works: a project of QUERIES
 * queries; the dialog imports a corpus of DOCUMENTS generated documents, retrieves the top 100 of every query with
 * BM25 (building the index), again (the index current), then with dense retrieval by the int8 bi-encoder (embedding
 * the corpus through ONNX Runtime). A background thread posts a no-op to the FX thread every 5 ms and records how long
 * each waited: the longest wait of a step is the longest the window could not answer a click or paint a frame.
 * Not a test; docs/benchmarks.md ("Retrieve dialog"). Arguments: {@code monocle} or {@code display}, QUERIES (300),
 * DOCUMENTS (5000).
 */
public final class RetrieveWindowBench {

    private RetrieveWindowBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "monocle";
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int documents = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        Path dir = Files.createTempDirectory("retrieve-bench");
        Random random = new Random(3);
        String[] words = new String[5000];
        for (int i = 0; i < words.length; i++) {
            words[i] = Integer.toString(i * 7919 + 1000, 36);
        }
        Path corpus = dir.resolve("corpus.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(corpus)) {
            for (int d = 0; d < documents; d++) {
                StringBuilder text = new StringBuilder();
                for (int i = 0, n = 20 + random.nextInt(40); i < n; i++) {
                    text.append(i == 0 ? "" : " ").append(words[(int) Math.abs(random.nextGaussian() * 800) % 5000]);
                }
                w.write("{\"_id\": \"d" + d + "\", \"title\": \"\", \"text\": \"" + text + "\"}\n");
            }
        }
        ProjectStore store = ProjectStore.create(dir.resolve("retrieve.rwb"));
        for (int q = 0; q < queries; q++) {
            store.addQuery(String.format(Locale.ROOT, "q%04d", q), words[random.nextInt(800)] + " "
                    + words[random.nextInt(800)] + " " + words[random.nextInt(3000)]);
        }
        RankerService rankers = new RankerService(ModelLibraryStore.inMemory(), EngineSettings.DEFAULT);
        RetrievalFlow flow = RetrievalFlow.on(store, new RetrievalService(rankers, null), rankers, List::of);
        ExecutorService io = Executors.newSingleThreadExecutor();
        ExecutorService inference = Executors.newSingleThreadExecutor();
        BenchToolkit.start(mode);
        BenchToolkit.Pinger pinger = new BenchToolkit.Pinger();
        try {
            Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
            lanes.put(Lane.IO, io);
            lanes.put(Lane.INFERENCE, inference);
            RetrieveViewModel vm = BenchToolkit.onFx(() -> new RetrieveViewModel(new FxTaskRunner(lanes), flow,
                    new RecordingDialogs(), new RetrieveViewModel.Request(List.of(), store.querySummaries()),
                    () -> { }));
            BenchToolkit.onFx(() -> {
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                Stage stage = new Stage();
                stage.setScene(RetrieveWindow.createScene(vm, RetrieveWindow.DEFAULT_WIDTH,
                        RetrieveWindow.DEFAULT_HEIGHT));
                stage.show();
                return null;
            });
            pinger.start();
            List<String> lines = new ArrayList<>();
            lines.add(step(pinger, "import a corpus of " + documents + " documents", () -> {
                vm.importCorpus(corpus);
                return null;
            }, () -> !vm.busyProperty().get() && vm.corpusProperty().get().startsWith("Corpus:")));
            lines.add(step(pinger, "BM25, top 100 of " + queries + " queries (index built)", () -> {
                vm.start();
                return null;
            }, () -> !vm.busyProperty().get() && vm.statusProperty().get().startsWith("BM25:")));
            lines.add(step(pinger, "BM25 again (index current)", () -> {
                vm.start();
                return null;
            }, () -> !vm.busyProperty().get()));
            lines.add(step(pinger, "dense, all-MiniLM-L6-v2-q (corpus embedded)", () -> {
                vm.kindProperty().set(RetrieveViewModel.Kind.DENSE);
                vm.start();
                return null;
            }, () -> !vm.busyProperty().get() && vm.statusProperty().get().startsWith("all-MiniLM-L6-v2-q:")));
            System.out.printf(Locale.ROOT, "%s, %s %s, %d cores; longest wait of a 5 ms ping to the FX thread:%n",
                    mode, System.getProperty("os.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            lines.forEach(System.out::println);
            System.out.println("  last status: " + BenchToolkit.onFx(() -> vm.statusProperty().get()));
        } finally {
            pinger.stop();
            // Let the last refresh of the dialog's choices finish before the project closes.
            io.shutdown();
            inference.shutdown();
            io.awaitTermination(30, TimeUnit.SECONDS);
            inference.awaitTermination(30, TimeUnit.SECONDS);
            Platform.exit();
            rankers.close();
            store.close();
        }
    }

    private static String step(BenchToolkit.Pinger pinger, String name, Callable<Void> action, BooleanSupplier done)
            throws Exception {
        Thread.sleep(300);
        pinger.reset();
        long start = System.nanoTime();
        BenchToolkit.onFx(action);
        long deadline = System.currentTimeMillis() + 600_000;
        while (!BenchToolkit.onFx(done::getAsBoolean)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + ": not done after 600 s");
            }
            Thread.sleep(5);
        }
        double ready = (System.nanoTime() - start) / 1e6;
        Thread.sleep(300);
        return String.format(Locale.ROOT, "  %-55s done after %8.0f ms   longest FX wait %6.1f ms", name, ready,
                pinger.longest() / 1e6);
    }
}
