package io.rerankworkbench.bench;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.evaluate.EvaluateView;
import io.rerankworkbench.ui.evaluate.EvaluateViewModel;
import io.rerankworkbench.ui.evaluate.EvaluateWindow;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * How long the Evaluate window keeps the JavaFX thread from answering while it works on a large project: a project of
 * QUERIES graded queries × DOCUMENTS candidates (70 % judged) with two rankers' runs; the window opens, then steps
 * through every tab, changes the cut-off, a convention, the grade rule and the compared measure. A background thread
 * posts a no-op to the FX thread every 5 ms and records how long each waited to run: the longest wait of each step is
 * the longest the window could not answer a click or paint a frame. Each step also reports how long until its numbers
 * were on screen. Not a test; docs/benchmarks.md ("Evaluate window") has the commands. Arguments: {@code monocle} or
 * {@code display}, QUERIES (300), DOCUMENTS (100).
 */
public final class EvaluateWindowBench {

    private EvaluateWindowBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "monocle";
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int documents = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Files.createTempDirectory("evaluate-bench");
        Path file = dir.resolve("big.rwb");
        long made = System.nanoTime();
        ProjectStore store = ProjectStore.create(file);
        fill(store, queries, documents);
        System.out.printf(Locale.ROOT, "project: %d queries x %d candidates, 2 rankers, made in %.1f s%n", queries,
                documents, (System.nanoTime() - made) / 1e9);
        ExecutorService io = Executors.newSingleThreadExecutor();
        ExecutorService inference = Executors.newSingleThreadExecutor();
        BenchToolkit.start(mode);
        BenchToolkit.Pinger pinger = new BenchToolkit.Pinger();
        try {
            Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
            lanes.put(Lane.IO, io);
            lanes.put(Lane.INFERENCE, inference);
            EvaluateViewModel vm = new EvaluateViewModel(new FxTaskRunner(lanes),
                    new EvaluationService(() -> store), new RecordingDialogs());
            EvaluateView view = BenchToolkit.onFx(() -> {
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                EvaluateView v = EvaluateWindow.create(vm);
                Scene scene = new Scene(v.root(), 1280, 800);
                scene.getStylesheets().add(FxmlScenes.appStylesheet(EvaluateWindow.class));
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                return v;
            });
            pinger.start();
            List<String> lines = new ArrayList<>();
            lines.add(step(pinger, "open: read the project, evaluate, fill the tables", () -> {
                vm.open();
                return null;
            }, () -> vm.reportProperty().get() != null && !vm.busyProperty().get()));
            TabPane tabs = BenchToolkit.onFx(() -> (TabPane) view.root().lookup(".tab-pane"));
            String[] names = {"per-query bars", "nDCG@1-20", "score histograms", "grade distribution",
                    "per query", "per-query bars (again)", "grade distribution (again)", "per query (again)"};
            int[] order = {1, 2, 3, 4, 0, 1, 4, 0};
            for (int i = 0; i < names.length; i++) {
                int tab = order[i];
                lines.add(step(pinger, "tab: " + names[i], () -> {
                    tabs.getSelectionModel().select(tab);
                    return null;
                }, () -> true));
            }
            lines.add(step(pinger, "cut-off 10 -> 20", () -> {
                vm.kProperty().set(20);
                return null;
            }, () -> vm.reportProperty().get().request().k() == 20 && !vm.busyProperty().get()));
            lines.add(step(pinger, "exponential gain", () -> {
                vm.conventionsProperty().set(Conventions.TREC_EVAL.withGain(Conventions.Gain.EXPONENTIAL));
                return null;
            }, () -> vm.reportProperty().get().request().conventions().gain() == Conventions.Gain.EXPONENTIAL
                    && !vm.busyProperty().get()));
            lines.add(step(pinger, "grades: highest", () -> {
                vm.gradesProperty().set(vm.gradeChoices().get(2));
                return null;
            }, () -> vm.reportProperty().get().request().grades().equals(vm.gradeChoices().get(2))
                    && !vm.busyProperty().get()));
            lines.add(step(pinger, "again (warm): cut-off 20 -> 10", () -> {
                vm.kProperty().set(10);
                return null;
            }, () -> vm.reportProperty().get().request().k() == 10 && !vm.busyProperty().get()));
            lines.add(step(pinger, "again (warm): linear gain", () -> {
                vm.conventionsProperty().set(Conventions.TREC_EVAL);
                return null;
            }, () -> vm.reportProperty().get().request().conventions().equals(Conventions.TREC_EVAL)
                    && !vm.busyProperty().get()));
            lines.add(step(pinger, "compare on AP instead (randomization + t-test)", () -> {
                vm.metricIndexProperty().set(4);
                return null;
            }, () -> vm.pairTestProperty().get() != null && vm.pairTestProperty().get().metric().name().equals("AP")));
            System.out.printf(Locale.ROOT, "%s, %s %s, %d cores; longest wait of a 5 ms ping to the FX thread:%n",
                    mode, System.getProperty("os.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            lines.forEach(System.out::println);
        } finally {
            pinger.stop();
            Platform.exit();
            io.shutdownNow();
            inference.shutdownNow();
            store.close();
        }
    }

    private static String step(BenchToolkit.Pinger pinger, String name, Callable<Void> action, BooleanSupplier done)
            throws Exception {
        Thread.sleep(300);
        pinger.reset();
        long start = System.nanoTime();
        BenchToolkit.onFx(action);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!BenchToolkit.onFx(done::getAsBoolean)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + ": not done after 120 s");
            }
            Thread.sleep(2);
        }
        BenchToolkit.onFx(() -> null); // one more round trip: the result is laid out
        double ready = (System.nanoTime() - start) / 1e6;
        Thread.sleep(400); // the frames that follow (layout, charts drawn)
        return String.format(Locale.ROOT, "  %-50s on screen after %7.1f ms   longest FX wait %6.1f ms", name, ready,
                pinger.longest() / 1e6);
    }

    private static void fill(ProjectStore store, int queries, int documents) {
        Random rnd = new Random(7);
        for (int q = 0; q < queries; q++) {
            StoredQuery sq = store.addQuery(String.format(Locale.ROOT, "q%04d", q), "query number " + q);
            List<NewCandidate> rows = new ArrayList<>();
            for (int d = 0; d < documents; d++) {
                rows.add(new NewCandidate(d + 1, "d" + q + "-" + d, "text of document " + d));
            }
            store.addCandidates(sq.id(), rows, ImportProgress.NONE);
            List<StoredCandidate> candidates = store.candidates(sq.id());
            int[] grade = new int[documents];
            for (int d = 0; d < documents; d++) {
                grade[d] = rnd.nextInt(4);
                if (d < documents * 0.7) {
                    store.addJudgment(sq.id(), candidates.get(d).documentId(), grade[d], "ann", null, null);
                }
            }
            List<Candidate> cs = candidates.stream().map(StoredCandidate::candidate).toList();
            for (String model : List.of("model-a", "model-b")) {
                List<DocumentScore> scores = new ArrayList<>();
                for (int d = 0; d < documents; d++) {
                    scores.add(new DocumentScore(grade[d] * 0.2 + rnd.nextGaussian() * 0.3, Double.NaN, 0, null));
                }
                Ranking r = new Ranking(new Query(sq.externalId(), sq.text()), Ranking.rank(cs, scores),
                        "local bi-encoder", model, Duration.ofMillis(5));
                store.recordRun(sq.id(), r, "{}", null, Instant.now(), Instant.now(), RunStatus.COMPLETED);
            }
        }
    }
}
