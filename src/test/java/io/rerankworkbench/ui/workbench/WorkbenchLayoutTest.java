package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.WindowLayout;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window at the sizes people use it at, with the sample project open and a run on screen: no primary
 * control's text is cut short ("…") and every results column is in view without scrolling sideways.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchLayoutTest {

    /** Labels that may be cut because they carry their whole text in a tooltip (and matter less than the rest). */
    private static final Set<String> MAY_BE_CUT = Set.of("statusLabel", "modelStateLabel");

    private static AppContext context;

    @TempDir
    Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private ProjectService projects;
    private WorkbenchViewModel vm;
    private Stage stage;

    @Start
    void start(Stage primary) {
        // Each size gets a window of its own (below): the software renderer keeps a resized window's old buffers.
    }

    @AfterEach
    void closeProject(FxRobot robot) throws IOException {
        if (stage != null) {
            robot.interact(stage::close);
        }
        if (projects != null) {
            projects.close();
        }
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1024, 700", "1280, 800", "1920, 1080"})
    void everyPrimaryControlIsReadableAndEveryColumnInView(int width, int height, FxRobot robot) throws Exception {
        openWithARun(width, height, robot);
        checkLayout(width, height);
    }

    @org.junit.jupiter.api.Test
    void shrinkingTheWindowAndGrowingItBackKeepsEveryColumnInView(FxRobot robot) throws Exception {
        openWithARun(1600, 1000, robot);
        for (int[] size : new int[][]{{1024, 700}, {1600, 1000}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            waitFor(() -> Math.abs(stage.getScene().getWidth() - size[0]) < 1);
            robot.interact(() -> stage.getScene().getRoot().layout());
            WaitForAsyncUtils.waitForFxEvents();
            checkLayout(size[0], size[1]);
        }
    }

    private void openWithARun(int width, int height, FxRobot robot) throws Exception {
        if (context == null) {
            context = new AppContext();
        }
        robot.interact(() -> {
            stage = new Stage();
            projects = new ProjectService(tmp.resolve("config"));
            WorkbenchWindow.installTheme();
            vm = new WorkbenchViewModel(new FxTaskRunner(context.lanes()),
                    new RankerCatalog(context.rankers(), null), dialogs, projects);
            WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, width, height));
            // As a user whose screen is this size meets it: placed by the app, with its first-start dividers.
            WorkbenchWindow.placeAt(stage, new WindowLayout(0, 0, width, height, false, Map.of()));
            stage.show();
            vm.selectModel(context.rankers().defaultModelName());
            vm.startUp(null); // a first start: opens the sample project
        });
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY && !vm.queries().allQueries().isEmpty()
                && vm.queries().selectedProperty().get() != null && vm.rerankAllowedProperty().get());
        robot.interact(vm::rerank);
        waitFor(() -> !vm.runningProperty().get() && !vm.results().rows().isEmpty());
        robot.interact(() -> vm.results().selectedProperty().set(vm.results().rows().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void checkLayout(int width, int height) {
        Scene scene = stage.getScene();
        assertThat(scene.getWidth()).isEqualTo(width, org.assertj.core.data.Offset.offset(1.0));
        assertThat(scene.getRoot().minWidth(-1)).as("the window's content fits its width")
                .isLessThanOrEqualTo(width);

        List<String> cut = new ArrayList<>();
        collectCutTexts(scene.getRoot(), cut);
        assertThat(cut).as("controls whose text is cut at %d×%d", width, height).isEmpty();

        TableView<?> table = (TableView<?>) scene.lookup("#resultsTable");
        Bounds tableBounds = table.localToScene(table.getLayoutBounds());
        for (TableColumn<?, ?> column : table.getVisibleLeafColumns()) {
            Node header = table.lookup("#" + column.getId());
            assertThat(column.getWidth()).as("column %s has its width", column.getText())
                    .isGreaterThanOrEqualTo(column.getMinWidth() - 0.5);
            if (header != null) {
                Bounds b = header.localToScene(header.getLayoutBounds());
                assertThat(b.getMaxX()).as("column %s is in view", column.getText())
                        .isLessThanOrEqualTo(tableBounds.getMaxX() + 0.5);
            }
        }
        for (Node header : table.lookupAll(".column-header")) {
            if (header.isVisible() && header instanceof javafx.scene.layout.Region region) {
                for (Node child : region.getChildrenUnmodifiable()) {
                    if (child instanceof Labeled label && label.getText() != null && !label.getText().isEmpty()) {
                        assertThat(label.prefWidth(-1)).as("header %s fits its column", label.getText())
                                .isLessThanOrEqualTo(region.getWidth());
                    }
                }
            }
        }
        boolean sideways = table.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof ScrollBar bar
                && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible());
        assertThat(sideways).as("the results table needs no horizontal scrolling at %d×%d", width, height).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    /** Every visible Labeled whose drawn text differs from its text (an ellipsis), outside list and table cells. */
    private static void collectCutTexts(Node node, List<String> cut) {
        if (!node.isVisible() || node instanceof Cell<?> && !isComboButtonCell(node)) {
            return;
        }
        if (node instanceof Labeled labeled && (labeled.getId() == null || !MAY_BE_CUT.contains(labeled.getId()))
                && labeled.getText() != null && !labeled.getText().isEmpty()) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text text && text.isVisible() && !text.getText().equals(labeled.getText())
                        && (text.getText().endsWith("…") || text.getText().endsWith("..."))) {
                    cut.add(describe(labeled) + " shows \"" + text.getText() + "\"");
                }
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collectCutTexts(child, cut);
            }
        }
    }

    private static boolean isComboButtonCell(Node node) {
        return node.getStyleClass().contains("list-cell") && node.getParent() != null
                && node.getParent().getStyleClass().contains("combo-box");
    }

    private static String describe(Labeled labeled) {
        String id = labeled.getId();
        Node n = labeled;
        while (id == null && n.getParent() != null) {
            n = n.getParent();
            id = n.getId();
        }
        return labeled.getClass().getSimpleName() + " \"" + labeled.getText() + "\" in #" + id;
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
