package io.rerankworkbench.bench;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.ui.common.HeatmapData;
import io.rerankworkbench.ui.common.HeatmapView;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Times the heatmap control drawing a 64 × 512 map (query words × document words) in a window, on the JavaFX thread:
 * <ol>
 *   <li>a full redraw of the viewport (a scroll from the first to the last column repaints cells, outlines and both
 *       label strips);</li>
 *   <li>the same redraw followed by a snapshot of the view, minus a snapshot alone: what rasterising the redraw
 *       adds (the window does that on the render thread);</li>
 *   <li>a hover move to the next cell (outline and labels only);</li>
 *   <li>new values for the same words (another layer or head): colouring 32,768 cells and a redraw;</li>
 *   <li>a new map (new words): also measuring 576 labels.</li>
 * </ol>
 * Each is the median of 50 after 20 warm-up rounds. Not a test; docs/benchmarks.md ("Heatmap drawing") has the
 * commands that run it. Arguments: {@code monocle} (headless, software rendering, as the UI tests run) or {@code display} (the
 * {@code DISPLAY}'s own pipeline, e.g. under Xvfb); then the window's width and height (default 1280 × 800).
 */
public final class HeatmapDrawBench {

    private static final int ROWS = 64;
    private static final int COLUMNS = 512;
    private static final int WARM_UP = 20;
    private static final int ROUNDS = 50;

    private HeatmapDrawBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "monocle";
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 1280;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 800;
        BenchToolkit.start(mode);
        try {
            String report = onFx(() -> run(mode, width, height));
            System.out.print(report);
        } finally {
            Platform.exit();
        }
    }

    private static String run(String mode, int width, int height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()); // as the app does
        HeatmapView view = new HeatmapView(map(1, "word"));
        Stage stage = new Stage();
        Scene scene = new Scene(new StackPane(view), width, height);
        stage.setScene(scene);
        stage.show();
        Parent root = scene.getRoot();
        root.applyCss();
        root.layout();
        Bounds first = view.cellBounds(0, 0);
        int visibleColumns = (int) Math.ceil((view.getWidth() - first.getMinX()) / first.getWidth());
        int visibleRows = (int) Math.ceil((view.getHeight() - first.getMinY()) / first.getHeight());

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d x %d map in a %d x %d window (%s, prism.order=%s); cells %.0f x %.0f px, "
                        + "about %d rows x %d columns visible; %s %s, %d cores%n", ROWS, COLUMNS, width, height, mode,
                System.getProperty("prism.order", "default"), first.getWidth(), first.getHeight(),
                Math.min(ROWS, visibleRows), Math.min(COLUMNS, visibleColumns), System.getProperty("os.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));

        out.append(line("full redraw of the viewport (scroll first <-> last column)",
                time(i -> view.scrollToColumn(i % 2 == 0 ? COLUMNS - 1 : 0))));
        double[] snapshotAlone = time(i -> view.snapshot(null, null));
        double[] redrawAndSnapshot = time(i -> {
            view.scrollToColumn(i % 2 == 0 ? COLUMNS - 1 : 0);
            view.snapshot(null, null);
        });
        out.append(line("snapshot of the view alone", snapshotAlone));
        out.append(line("full redraw + snapshot", redrawAndSnapshot));
        out.append(String.format(Locale.ROOT, "  %-58s median %6.2f ms%n", "=> rasterising the redraw (difference)",
                median(redrawAndSnapshot) - median(snapshotAlone)));

        view.scrollToColumn(0);
        Bounds cell = view.cellBounds(2, 2);
        out.append(line("hover moves to the next cell", time(i -> {
            double x = cell.getCenterX() + (i % 2) * cell.getWidth();
            MouseEvent move = new MouseEvent(MouseEvent.MOUSE_MOVED, x, cell.getCenterY(), x, cell.getCenterY(),
                    MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null);
            view.fireEvent(move);
        })));

        HeatmapData[] layers = {map(2, "word"), map(3, "word")};
        out.append(line("new values, same words (layer/head change) + layout", time(i -> {
            view.setData(layers[i % 2]);
            root.layout();
        })));
        HeatmapData[] maps = {map(4, "alpha"), map(5, "beta")}; // alternating: the label cache never hits
        out.append(line("new map, new words (measures 576 labels) + layout", time(i -> {
            view.setData(maps[i % 2]);
            root.layout();
        })));
        stage.hide();
        return out.toString();
    }

    private static HeatmapData map(long seed, String prefix) {
        Random random = new Random(seed);
        double[][] values = new double[ROWS][COLUMNS];
        for (double[] row : values) {
            for (int c = 0; c < COLUMNS; c++) {
                row[c] = random.nextGaussian();
            }
        }
        List<String> rows = IntStream.range(0, ROWS).mapToObj(i -> prefix + "-query" + i).toList();
        List<String> columns = IntStream.range(0, COLUMNS).mapToObj(i -> prefix + i).toList();
        return HeatmapData.covering(rows, columns, values, ColorScale.Kind.DIVERGING, "contribution");
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
        return String.format(Locale.ROOT, "  %-58s median %6.2f ms, p90 %6.2f ms, max %6.2f ms%n", what,
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
