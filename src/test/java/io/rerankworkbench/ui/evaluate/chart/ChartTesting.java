package io.rerankworkbench.ui.evaluate.chart;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** FX-thread calls, hovering for a tooltip and the exported image's size, for the chart tests. */
final class ChartTesting {

    private ChartTesting() {
    }

    static <T> T fx(Callable<T> call) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    static void run(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Moves the mouse onto {@code node} and returns the text of the tooltip that shows. */
    static String hover(FxRobot robot, Node node) throws Exception {
        Bounds b = fx(() -> node.localToScreen(node.getBoundsInLocal()));
        robot.moveTo(new Point2D(b.getCenterX(), b.getCenterY()));
        robot.moveBy(1, 0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(ChartTesting::showingTooltip) != null);
        return fx(() -> showingTooltip().getText());
    }

    private static Tooltip showingTooltip() {
        return Window.getWindows().stream().filter(w -> w instanceof Tooltip && w.isShowing())
                .map(Tooltip.class::cast).findFirst().orElse(null);
    }

    /** The chart's exported image is twice its size, on white. */
    static void assertExport(EvaluateChart chart) throws Exception {
        double w = fx(chart::getWidth);
        double h = fx(chart::getHeight);
        WritableImage image = fx(chart::snapshot);
        assertThat(image.getWidth()).isEqualTo(Math.ceil(w * 2));
        assertThat(image.getHeight()).isEqualTo(Math.ceil(h * 2));
        assertThat(image.getPixelReader().getArgb(1, (int) image.getHeight() - 2)).as("white corner")
                .isEqualTo(0xFFFFFFFF);
        assertThat(fx(() -> chart.getStyleClass().contains("export"))).as("back to the theme").isFalse();
    }

    /** The {@code 0xRRGGBB} of a scene pixel at the centre of {@code node}. */
    static int centrePixel(WritableImage scene, Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return scene.getPixelReader().getArgb((int) b.getCenterX(), (int) b.getCenterY()) & 0xFFFFFF;
    }

    static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }
}
