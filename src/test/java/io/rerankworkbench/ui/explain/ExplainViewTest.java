package io.rerankworkbench.ui.explain;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.MapImage;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.ColorLegend;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.common.HeatmapView;
import io.rerankworkbench.ui.workbench.ModelStatus;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Explain tab in the real main window, headless, with the bundled all-MiniLM-L6-v2: a selected row and E show
 * the map; a cell is drawn in its value's colour on the legend; another layer and head draw other values; the PNG
 * export has the expected size.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainViewTest {

    private static AppContext context;

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private WorkbenchViewModel vm;
    private Scene scene;

    @Start
    void start(Stage stage) {
        if (context == null) {
            context = new AppContext();
        }
        WorkbenchWindow.installTheme();
        vm = new WorkbenchViewModel(new FxTaskRunner(context.lanes()), context.rankers(), dialogs);
        scene = WorkbenchWindow.createScene(vm, 1280, 800);
        WorkbenchWindow.dress(stage, scene);
        stage.show();
        vm.selectModel(context.rankers().defaultModelName());
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int pixel(WritableImage shot, Node node, Point2D local) {
        Point2D p = node.localToScene(local);
        return shot.getPixelReader().getArgb((int) Math.floor(p.getX()), (int) Math.floor(p.getY())) & 0xFFFFFF;
    }

    private static void assertClose(int actual, int expected, int tolerance, String what) {
        for (int shift : new int[]{16, 8, 0}) {
            int a = (actual >> shift) & 0xFF;
            int e = (expected >> shift) & 0xFF;
            assertThat(Math.abs(a - e)).as("%s: %06X vs %06X", what, actual, expected).isLessThanOrEqualTo(tolerance);
        }
    }

    /** Reranks a small candidate set, selects the first result and presses E in the table. */
    private HeatmapView explainFirstResult(FxRobot robot) throws Exception {
        return explainFirstResult(robot, "Rest a steak for five minutes per inch of thickness.");
    }

    private HeatmapView explainFirstResult(FxRobot robot, String best) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY);
        fx(() -> {
            vm.queryProperty().set("how long to rest a steak");
            vm.candidatesTextProperty().set(best + "\nBananas are yellow.\nA cast iron pan holds heat well.");
        });
        fx(vm::rerank);
        waitFor(() -> vm.results().rows().size() == 3);
        TableView<?> table = robot.lookup("#resultsTable").queryAs(TableView.class);
        fx(() -> {
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        robot.type(KeyCode.E);
        waitFor(() -> vm.explain().mapProperty().get() != null && !vm.explain().busyProperty().get());
        return robot.lookup(n -> n instanceof HeatmapView && n.isVisible()).queryAs(HeatmapView.class);
    }

    @Test
    void aSelectedRowAndEShowTheMapWithEachCellInItsLegendColour(FxRobot robot) throws Exception {
        HeatmapView heatmap = explainFirstResult(robot);
        ExplanationMap map = vm.explain().mapProperty().get();
        assertThat(map.method()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
        assertThat(map.total()).isCloseTo(vm.results().rows().get(0).score(), org.assertj.core.api.Assertions.within(1e-5));
        waitFor(() -> heatmap.getData() != null);

        WritableImage shot = fx(() -> scene.snapshot(null));
        ColorScale scale = heatmap.getData().scale();
        ColorLegend legend = heatmap.legend();
        int checked = 0;
        for (int r = 1; r < Math.min(4, map.rowCount()); r++) {
            for (int c = 1; c < Math.min(6, map.columnCount()); c++) {
                int row = r;
                int column = c;
                Bounds cell = fx(() -> heatmap.cellBounds(row, column));
                if (cell == null || cell.getWidth() < 4) {
                    continue;
                }
                double v = map.value(r, c);
                int drawn = pixel(shot, heatmap, new Point2D(cell.getCenterX(), cell.getCenterY()));
                assertClose(drawn, scale.rgb(v), 1, "cell " + r + "," + c);
                Point2D onBar = fx(() -> legend.pointAt(scale.fraction(v)));
                Bounds bar = fx(legend::barBounds);
                int legendColour = pixel(shot, legend, new Point2D(onBar.getX(), bar.getCenterY()));
                assertClose(legendColour, drawn, 3, "legend at the value of cell " + r + "," + c);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anotherLayerAndHeadDrawOtherValues(FxRobot robot) throws Exception {
        HeatmapView heatmap = explainFirstResult(robot);
        fx(() -> vm.explain().methodProperty().set(ExplainMethod.ATTENTION));
        waitFor(() -> vm.explain().mapProperty().get() != null && !vm.explain().busyProperty().get()
                && vm.explain().mapProperty().get().method() == ExplainMethod.ATTENTION);
        ExplanationMap mean = vm.explain().mapProperty().get();
        double[][] meanDrawn = fx(() -> heatmap.getData().values());

        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> layers = robot.lookup("#layerChoice").queryAs(ChoiceBox.class);
        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> heads = robot.lookup("#headChoice").queryAs(ChoiceBox.class);
        assertThat(layers.getItems()).hasSize(1 + 6);
        assertThat(heads.getItems()).hasSize(1 + 12);
        fx(() -> {
            layers.setValue(2);
            heads.setValue(4);
        });
        waitFor(() -> !vm.explain().busyProperty().get() && vm.explain().mapProperty().get() != null
                && vm.explain().mapProperty().get().head() == 4);

        ExplanationMap picked = vm.explain().mapProperty().get();
        assertThat(picked.layer()).isEqualTo(2);
        assertThat(picked.title()).contains("layer 3").contains("head 5");
        double[][] pickedDrawn = fx(() -> heatmap.getData().values());
        assertThat(pickedDrawn[0]).isNotEqualTo(meanDrawn[0]);
        assertThat(pickedDrawn[0]).containsExactly(picked.values()[0]);
        assertThat(mean.values()[0]).containsExactly(meanDrawn[0]);
    }

    @Test
    void whereTheModelStoppedReadingIsMarkedOnTheMap(FxRobot robot) throws Exception {
        String longDocument = "Rest a steak for five minutes per inch of thickness. "
                + "It keeps the juices in the meat while the fibres relax after the pan. ".repeat(30);
        HeatmapView heatmap = explainFirstResult(robot, longDocument.strip());
        ExplanationMap map = vm.explain().mapProperty().get();
        assertThat(map.truncated()).isTrue();
        waitFor(() -> heatmap.getData() != null);

        List<String> labels = fx(() -> heatmap.getData().columnLabels());
        int lastWord = labels.size() - 1;
        while (map.columns().get(lastWord).segment() != io.rerankworkbench.explain.Segment.DOCUMENT) {
            lastWord--;
        }
        assertThat(labels.get(lastWord)).endsWith("✂");
        assertThat(labels.stream().filter(l -> l.endsWith("✂"))).hasSize(1);
        assertThat(map.notes()).anyMatch(n -> n.contains("cut off"));
    }

    @Test
    void thePngExportIsTheMapAtTwiceItsSize(FxRobot robot) throws Exception {
        explainFirstResult(robot);
        ExplanationMap map = vm.explain().mapProperty().get();
        Path file = tmp.resolve("map.png");
        dialogs.answerSaveWith(file);

        fx(() -> vm.explain().export(io.rerankworkbench.app.ExplainService.Format.PNG));
        waitFor(() -> Files.exists(file) && vm.explain().messageProperty().get().startsWith("Saved"));

        BufferedImage image = ImageIO.read(file.toFile());
        Dimension expected = MapImage.size(map, 2.0);
        assertThat(image.getWidth()).isEqualTo(expected.width);
        assertThat(image.getHeight()).isEqualTo(expected.height);
        assertThat(dialogs.errors).isEmpty();
    }
}
