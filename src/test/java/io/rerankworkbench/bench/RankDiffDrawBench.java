package io.rerankworkbench.bench;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.RankDiff;
import io.rerankworkbench.eval.compare.RankedList;
import io.rerankworkbench.ui.compare.RankDiffView;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Times the Compare window's side-by-side diff with 1,000 documents per side (cut-off "all"), on the JavaFX thread:
 * <ol>
 *   <li>a jump from the first rows to the last and back (every visible row and line drawn anew);</li>
 *   <li>one wheel step (40 px);</li>
 *   <li>that jump followed by a snapshot, minus a snapshot alone: what rasterising it adds (the render thread's part
 *       in the window);</li>
 *   <li>the pointer moving to the next row (highlight on both sides, every other line faded);</li>
 *   <li>a new pair of rankings: the rows ({@code RankDiff}) and every measure ({@code ListAgreements}), then a
 *       redraw.</li>
 * </ol>
 * Each is the median of 50 after 20 warm-up rounds. Not a test; docs/benchmarks.md ("Side-by-side drawing") has the
 * commands. Arguments: {@code monocle} or {@code display}, then the window's width and height (default 1280 × 800).
 */
public final class RankDiffDrawBench {

    private static final int DOCUMENTS = 1_000;
    private static final int WARM_UP = 20;
    private static final int ROUNDS = 50;

    private RankDiffDrawBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "monocle";
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 1280;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 800;
        BenchToolkit.start(mode);
        try {
            System.out.print(onFx(() -> run(mode, width, height)));
        } finally {
            Platform.exit();
        }
    }

    private record Pair(RankedList a, double[] scoresA, RankedList b, double[] scoresB) {
    }

    private static Pair pair(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            ids.add(String.format(Locale.ROOT, "doc-%04d", i));
        }
        List<String> b = new ArrayList<>(ids);
        Collections.shuffle(b, random);
        double[] sa = new double[DOCUMENTS];
        double[] sb = new double[DOCUMENTS];
        for (int i = 0; i < DOCUMENTS; i++) {
            sa[i] = 1 - i / (double) DOCUMENTS;
            sb[i] = 0.9 - i / (double) DOCUMENTS;
        }
        return new Pair(RankedList.scored(ids, sa), sa, RankedList.scored(b, sb), sb);
    }

    private static String run(String mode, int width, int height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        RankDiffView view = new RankDiffView();
        Pair first = pair(1);
        Map<String, String> snippets = new HashMap<>();
        Map<String, Integer> grades = new HashMap<>();
        Random random = new Random(7);
        for (String id : first.a().ids()) {
            snippets.put(id, "How long to rest a steak: about five minutes per inch of thickness, or half the "
                    + "cooking time " + id);
            if (random.nextInt(3) == 0) {
                grades.put(id, random.nextInt(4));
            }
        }
        view.snippetsProperty().set(snippets);
        view.gradesProperty().set(grades);
        view.kProperty().set(0);
        view.diffProperty().set(RankDiff.of(first.a(), first.scoresA(), first.b(), first.scoresB()));
        Stage stage = new Stage();
        Scene scene = new Scene(new StackPane(view), width, height);
        stage.setScene(scene);
        stage.show();
        Parent root = scene.getRoot();
        root.applyCss();
        root.layout();
        Node canvas = view.getChildrenUnmodifiable().get(0);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d x %d documents, cut-off all, in a %d x %d window (%s, "
                        + "prism.order=%s), about %d rows visible; %s %s, %d cores%n", DOCUMENTS, DOCUMENTS, width,
                height, mode, System.getProperty("prism.order", "default"), (int) (height / 30.0),
                System.getProperty("os.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        IntConsumer jump = i -> scroll(view, i % 2 == 0 ? -1e7 : 1e7);
        out.append(line("jump first rows <-> last rows (full redraw)", time(jump)));
        out.append(line("one wheel step (40 px)", time(i -> scroll(view, i % 2 == 0 ? -40 : 40))));
        double[] snapshotAlone = time(i -> view.snapshot(null, null));
        double[] jumpAndSnapshot = time(i -> {
            jump.accept(i);
            view.snapshot(null, null);
        });
        out.append(line("snapshot alone", snapshotAlone));
        out.append(line("jump + snapshot", jumpAndSnapshot));
        out.append(String.format(Locale.ROOT, "  %-52s median %6.2f ms%n", "=> rasterising the redraw (difference)",
                median(jumpAndSnapshot) - median(snapshotAlone)));
        scroll(view, 1e7);
        out.append(line("pointer to the next row (hover)", time(i -> {
            double y = 28 + 30 * (3 + i % 2) + 15;
            canvas.fireEvent(new MouseEvent(MouseEvent.MOUSE_MOVED, 100, y, 100, y, MouseButton.NONE, 0, false,
                    false, false, false, false, false, false, false, false, false, null));
        })));
        Pair[] pairs = {pair(2), pair(3)};
        out.append(line("new pair: rows + every measure + redraw", time(i -> {
            Pair p = pairs[i % 2];
            view.diffProperty().set(RankDiff.of(p.a(), p.scoresA(), p.b(), p.scoresB()));
            ListAgreements.compare(p.a(), p.b(), 0, ListAgreements.DEFAULT_P);
            root.layout();
        })));
        stage.hide();
        return out.toString();
    }

    private static void scroll(RankDiffView view, double deltaY) {
        view.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false,
                false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
    }

    private static double[] time(IntConsumer step) {
        for (int i = 0; i < WARM_UP; i++) {
            step.accept(i);
        }
        double[] ms = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t = System.nanoTime();
            step.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String line(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "  %-52s median %6.2f ms, p90 %6.2f ms, max %6.2f ms%n", what,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1]);
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.MINUTES);
    }
}
