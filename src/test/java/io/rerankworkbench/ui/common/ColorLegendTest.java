package io.rerankworkbench.ui.common;

import io.rerankworkbench.core.ColorScale;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The legend on its own: its bar is the scale, pixel column by pixel column, with white exactly at a diverging 0. */
@ExtendWith(ApplicationExtension.class)
class ColorLegendTest {

    private ColorLegend legend;
    private Scene scene;

    @Start
    void start(Stage stage) {
        legend = new ColorLegend(ColorScale.diverging(0.8), "score drop");
        StackPane root = new StackPane(legend);
        StackPane.setAlignment(legend, Pos.TOP_LEFT);
        legend.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        scene = new Scene(root, 500, 120);
        stage.setScene(scene);
        stage.show();
    }

    private int pixel(WritableImage shot, Point2D local) {
        Point2D p = legend.localToScene(local);
        return shot.getPixelReader().getArgb((int) p.getX(), (int) p.getY()) & 0xFFFFFF;
    }

    @Test
    void theBarShowsTheScaleWithWhiteAtZero() throws Exception {
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ColorScale scale = legend.getScale();
        Bounds bar = legend.barBounds();
        assertThat(bar.getWidth()).isEqualTo(241);
        assertThat(bar.getMinX()).as("after the value name").isGreaterThan(40);
        assertThat(pixel(shot, legend.pointAt(scale.fraction(0)))).isEqualTo(0xF7F7F7);
        assertThat(pixel(shot, legend.pointAt(0))).isEqualTo(0x053061);
        assertThat(pixel(shot, legend.pointAt(1))).isEqualTo(0x67001F);
        for (double v : new double[]{-0.8, -0.31, 0.05, 0.4, 0.79}) {
            double t = scale.fraction(v);
            int n = (int) bar.getWidth();
            // The pixel column nearest the value shows the scale's colour at that column's own fraction.
            double columnFraction = Math.round(t * (n - 1)) / (double) (n - 1);
            assertThat(pixel(shot, legend.pointAt(t))).as("%s", v).isEqualTo(scale.at(columnFraction));
        }
    }

    @Test
    void theMinimumWidthLeavesRoomForBothEndLabelsWhateverTheScale() throws Exception {
        double narrow = WaitForAsyncUtils.asyncFx(() -> legend.minWidth(-1)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> legend.setScale(ColorScale.diverging(123456.789))).get(10, TimeUnit.SECONDS);
        double wide = WaitForAsyncUtils.asyncFx(() -> legend.minWidth(-1)).get(10, TimeUnit.SECONDS);
        // Longer end labels ask for more room, so a squeezed legend never draws them over each other.
        assertThat(wide).isGreaterThan(narrow);
    }
}
