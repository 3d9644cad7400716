package io.rerankworkbench.ui.common;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.core.ColorScale;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heatmap control in a real (headless) window: the colour under a cell is its value's colour on the scale and on
 * the legend, new data redraws, hover, clicks and keys report the right cells, and big maps stay a handful of nodes.
 */
@ExtendWith(ApplicationExtension.class)
class HeatmapViewTest {

    private static final List<String> QUERY = List.of("capital", "of", "france");
    private static final List<String> DOCUMENT = List.of("paris", "is", "the", "capital", "and", "largest", "city");

    private HeatmapView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        view = new HeatmapView(attention());
        scene = new Scene(new StackPane(view), 900, 600);
        stage.setScene(scene);
        stage.show();
    }

    /** 3 × 7, values 0…0.2 spread over the cells, one cell without a value. */
    private static HeatmapData attention() {
        double[][] values = new double[3][7];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 7; c++) {
                values[r][c] = (r * 7 + c) / 100.0;
            }
        }
        values[2][6] = Double.NaN;
        return new HeatmapData(QUERY, DOCUMENT, values, ColorScale.sequential(0, 0.2), "attention", null,
                List.of("paris (0–5)", "is (6–8)", "the (9–12)", "capital (13–20)", "and (21–24)", "largest (25–32)",
                        "city (33–37)"));
    }

    private static HeatmapData random(int rows, int columns, ColorScale.Kind kind, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = kind == ColorScale.Kind.DIVERGING ? random.nextGaussian() : random.nextDouble();
            }
        }
        List<String> rowLabels = IntStream.range(0, rows).mapToObj(i -> "q" + i).toList();
        List<String> columnLabels = IntStream.range(0, columns).mapToObj(i -> "word" + i).toList();
        return HeatmapData.covering(rowLabels, columnLabels, values, kind, "contribution");
    }

    private <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private WritableImage shot() throws Exception {
        return fx(() -> scene.snapshot(null));
    }

    /** The {@code 0xRRGGBB} of the scene's pixel at a point in {@code node}'s coordinates. */
    private static int pixel(WritableImage shot, Node node, Point2D local) {
        Point2D p = node.localToScene(local);
        return shot.getPixelReader().getArgb((int) Math.floor(p.getX()), (int) Math.floor(p.getY())) & 0xFFFFFF;
    }

    private static Point2D centre(Bounds b) {
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private int cellPixel(WritableImage shot, int row, int column) throws Exception {
        return pixel(shot, view, centre(fx(() -> view.cellBounds(row, column))));
    }

    private static void assertClose(int actual, int expected, int tolerance, String what) {
        for (int shift : new int[]{16, 8, 0}) {
            int a = (actual >> shift) & 0xFF;
            int e = (expected >> shift) & 0xFF;
            assertThat(Math.abs(a - e)).as("%s: %06X vs %06X", what, actual, expected).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void aCellIsDrawnInItsValuesColourWhichIsTheLegendsColourAtThatValue() throws Exception {
        WritableImage shot = shot();
        HeatmapData data = view.getData();
        ColorLegend legend = view.legend();
        int checked = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 7; c++) {
                double v = data.value(r, c);
                if (Double.isNaN(v)) {
                    continue;
                }
                int expected = data.scale().rgb(v);
                assertThat(cellPixel(shot, r, c)).as("cell %d,%d = %s", r, c, v).isEqualTo(expected);
                Point2D onBar = fx(() -> legend.pointAt(data.scale().fraction(v)));
                assertClose(pixel(shot, legend, onBar), expected, 2, "legend at " + v);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(20);
        // The legend's ends are the scale's ends (viridis' dark purple and yellow).
        assertThat(pixel(shot, legend, fx(() -> legend.pointAt(0)))).isEqualTo(0x440154);
        assertThat(pixel(shot, legend, fx(() -> legend.pointAt(1)))).isEqualTo(0xFDE725);
    }

    @Test
    void newDataRedrawsAndCellsWithoutAValueAreGrey() throws Exception {
        WritableImage before = shot();
        assertThat(cellPixel(before, 2, 6)).isEqualTo(ColorScale.NO_VALUE);
        int first = cellPixel(before, 0, 0);
        assertThat(first).isEqualTo(0x440154);

        double[][] values = new double[3][7];
        values[0][0] = 1;
        values[1][3] = Double.NaN;
        HeatmapData diverging = new HeatmapData(QUERY, DOCUMENT, values, ColorScale.diverging(1), "contribution");
        fx(() -> view.setData(diverging));
        WritableImage after = shot();
        assertThat(cellPixel(after, 0, 0)).isEqualTo(0x67001F).isNotEqualTo(first);
        assertThat(cellPixel(after, 0, 1)).as("0 on a diverging scale").isEqualTo(0xF7F7F7);
        assertThat(cellPixel(after, 1, 3)).isEqualTo(ColorScale.NO_VALUE);
        assertThat(cellPixel(after, 2, 6)).as("it has a value now").isEqualTo(0xF7F7F7);
    }

    @Test
    void hoveringACellReportsItAndShowsBothLabelsAndTheExactValue(FxRobot robot) throws Exception {
        Bounds cell = fx(() -> view.localToScreen(view.cellBounds(1, 3)));
        robot.moveTo(new Point2D(cell.getCenterX(), cell.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.getHoveredCell()).isEqualTo(new HeatmapView.Cell(1, 3));
        String text = view.hoverTextProperty().get();
        assertThat(text).startsWith("of → capital: " + String.format(Locale.ROOT, "%.6g", 0.10) + " attention")
                .contains("capital (13–20)");
        Label label = robot.lookup(".heatmap-hover").queryAs(Label.class);
        assertThat(label.isVisible()).isTrue();
        assertThat(label.getText()).isEqualTo(text);

        Bounds outside = fx(() -> view.localToScreen(view.getLayoutBounds()));
        robot.moveTo(new Point2D(outside.getMaxX() - 5, outside.getMaxY() - 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getHoveredCell()).isNull();
        assertThat(label.isVisible()).isFalse();
    }

    @Test
    void clickingAColumnLabelHighlightsTheColumnAndReportsIt(FxRobot robot) throws Exception {
        List<Integer> columns = new ArrayList<>();
        List<HeatmapView.Cell> cells = new ArrayList<>();
        fx(() -> {
            view.onColumnClickedProperty().set(columns::add);
            view.onCellClickedProperty().set(cells::add);
        });
        WritableImage before = shot();
        Bounds header = fx(() -> view.localToScreen(view.columnLabelBounds(5)));
        robot.clickOn(new Point2D(header.getCenterX(), header.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(columns).containsExactly(5);
        assertThat(view.highlightedColumnProperty().get()).isEqualTo(5);
        // The highlighted column is outlined: its cell's edge changes colour, its centre does not.
        WritableImage after = shot();
        Bounds b = fx(() -> view.cellBounds(0, 5));
        Point2D edge = new Point2D(b.getMinX() + 1.5, b.getCenterY());
        assertThat(pixel(after, view, edge)).isNotEqualTo(pixel(before, view, edge));
        assertThat(cellPixel(after, 0, 5)).isEqualTo(cellPixel(before, 0, 5));

        robot.clickOn(new Point2D(header.getCenterX(), header.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.highlightedColumnProperty().get()).as("a second click clears it").isEqualTo(-1);

        Bounds cell = fx(() -> view.localToScreen(view.cellBounds(2, 1)));
        robot.clickOn(new Point2D(cell.getCenterX(), cell.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cells).containsExactly(new HeatmapView.Cell(2, 1));
        assertThat(view.getSelectedCell()).isEqualTo(new HeatmapView.Cell(2, 1));
        assertThat(view.isFocused()).isTrue();
    }

    @Test
    void theArrowKeysMoveTheSelectedCellAndScrollItIntoView(FxRobot robot) throws Exception {
        fx(() -> view.setData(random(64, 512, ColorScale.Kind.SEQUENTIAL, 3)));
        Bounds cell = fx(() -> view.localToScreen(view.cellBounds(0, 0)));
        robot.clickOn(new Point2D(cell.getCenterX(), cell.getCenterY()));
        robot.type(KeyCode.RIGHT, 2).type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getSelectedCell()).isEqualTo(new HeatmapView.Cell(1, 2));
        assertThat(view.getAccessibleText()).startsWith("q1 → word2: ");

        robot.push(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getSelectedCell()).isEqualTo(new HeatmapView.Cell(1, 511));
        Bounds last = fx(() -> view.cellBounds(1, 511));
        assertThat(last.getMaxX()).as("scrolled into view").isLessThanOrEqualTo(view.getWidth());
        assertThat(last.getMinX()).isGreaterThan(0);
    }

    @Test
    void theWheelScrollsTheCellsAndTheirLabelsTogether(FxRobot robot) throws Exception {
        fx(() -> {
            view.setData(random(1000, 20, ColorScale.Kind.DIVERGING, 5));
            view.scrollToRow(500); // the last row in view
        });
        WaitForAsyncUtils.waitForFxEvents();
        double before = fx(() -> view.cellBounds(0, 0).getMinY());
        double[] lines = {0};
        fx(() -> view.addEventFilter(ScrollEvent.SCROLL, e -> lines[0] += e.getTextDeltaY()));
        Bounds cell = fx(() -> view.localToScreen(view.cellBounds(495, 2)));
        robot.moveTo(new Point2D(cell.getCenterX(), cell.getCenterY())).scroll(3, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Math.abs(lines[0])).as("three notches arrived").isEqualTo(3);
        double after = fx(() -> view.cellBounds(0, 0).getMinY());
        // A line is a row; a positive delta shows what lies above.
        assertThat(after - before).isEqualTo(lines[0] * 18);
        assertThat(fx(() -> view.rowLabelBounds(0).getMinY())).as("labels move with the cells").isEqualTo(after);

        fx(() -> view.setData(random(1, 300, ColorScale.Kind.DIVERGING, 5)));
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> view.scrollToColumn(150));
        double left = fx(() -> view.cellBounds(0, 0).getMinX());
        cell = fx(() -> view.localToScreen(view.cellBounds(0, 150)));
        robot.moveTo(new Point2D(cell.getCenterX(), cell.getCenterY())).scroll(2, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        double cellWidth = fx(() -> view.cellBounds(0, 0).getWidth());
        assertThat(Math.abs(fx(() -> view.cellBounds(0, 0).getMinX()) - left))
                .as("a single row scrolls sideways under the wheel").isEqualTo(2 * cellWidth);
    }

    @Test
    void aBigMapIsAFewNodesAndItsLastColumnDrawsWhenScrolledTo() throws Exception {
        int small = fx(() -> countNodes(view));
        HeatmapData big = random(64, 512, ColorScale.Kind.DIVERGING, 7);
        fx(() -> view.setData(big));
        WritableImage shot = shot();
        int nodes = fx(() -> countNodes(view));
        assertThat(nodes).as("no node per cell").isEqualTo(small).isLessThan(40);
        // The cells are 512 × 16 px wide; no canvas is wider than the view (the stage may be another test's size).
        for (Canvas canvas : fx(() -> canvases(view))) {
            assertThat(canvas.getWidth()).as("canvases are viewport-sized").isLessThanOrEqualTo(view.getWidth());
            assertThat(canvas.getHeight()).isLessThanOrEqualTo(view.getHeight());
        }
        assertThat(view.getWidth()).isLessThan(512 * 16);
        assertThat(cellPixel(shot, 0, 0)).isEqualTo(big.scale().rgb(big.value(0, 0)));

        fx(() -> view.scrollToColumn(511));
        shot = shot();
        Bounds last = fx(() -> view.cellBounds(0, 511));
        assertThat(last.getMaxX()).isLessThanOrEqualTo(view.getWidth());
        for (int r = 0; r < 5; r++) {
            assertThat(cellPixel(shot, r, 511)).as("row %d", r).isEqualTo(big.scale().rgb(big.value(r, 511)));
        }

        HeatmapData tall = random(1000, 20, ColorScale.Kind.SEQUENTIAL, 9);
        fx(() -> {
            view.setData(tall);
            view.scrollToRow(999);
        });
        shot = shot();
        assertThat(cellPixel(shot, 999, 19)).isEqualTo(tall.scale().rgb(tall.value(999, 19)));
        assertThat(fx(() -> countNodes(view))).isEqualTo(small);
    }

    @Test
    void anotherLayerOfTheSameWordsKeepsTheScrollAndAnotherMapStartsAtItsCorner() throws Exception {
        HeatmapData layer1 = random(64, 512, ColorScale.Kind.SEQUENTIAL, 11);
        fx(() -> {
            view.setData(layer1);
            view.scrollToColumn(300);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double scrolled = fx(() -> view.cellBounds(0, 0).getMinX());
        assertThat(fx(() -> view.cellBounds(0, 300).getMaxX())).isLessThanOrEqualTo(view.getWidth());

        HeatmapData layer2 = new HeatmapData(layer1.rowLabels(), layer1.columnLabels(),
                random(64, 512, ColorScale.Kind.SEQUENTIAL, 12).values(), layer1.scale(), "attention");
        fx(() -> view.setData(layer2));
        WritableImage shot = shot();
        assertThat(fx(() -> view.cellBounds(0, 0).getMinX())).isEqualTo(scrolled);
        assertThat(cellPixel(shot, 0, 300)).isEqualTo(layer2.scale().rgb(layer2.value(0, 300)));

        HeatmapData other = new HeatmapData(IntStream.range(0, 64).mapToObj(i -> "other" + i).toList(),
                layer1.columnLabels(), layer2.values(), layer1.scale(), "attention");
        fx(() -> view.setData(other));
        shot();
        assertThat(fx(() -> view.cellBounds(0, 0).getMinX())).isEqualTo(fx(() -> view.rowLabelBounds(0).getMaxX()));
    }

    @Test
    void clickingARowLabelHighlightsTheRow(FxRobot robot) throws Exception {
        List<Integer> rows = new ArrayList<>();
        fx(() -> view.onRowClickedProperty().set(rows::add));
        Bounds label = fx(() -> view.localToScreen(view.rowLabelBounds(2)));
        robot.clickOn(new Point2D(label.getCenterX(), label.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rows).containsExactly(2);
        assertThat(view.highlightedRowProperty().get()).isEqualTo(2);
        assertThat(view.highlightedColumnProperty().get()).isEqualTo(-1);
    }

    private static int countNodes(Node node) {
        int n = 1;
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                n += countNodes(child);
            }
        }
        return n;
    }

    private static List<Canvas> canvases(Node node) {
        List<Canvas> out = new ArrayList<>();
        if (node instanceof Canvas c) {
            out.add(c);
        } else if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> out.addAll(canvases(child)));
        }
        return out;
    }
}
