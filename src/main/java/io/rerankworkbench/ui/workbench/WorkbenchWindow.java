package io.rerankworkbench.ui.workbench;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.WindowLayout;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.common.WindowPlacement;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;


/** Builds the main window's scene around a view model; shared by the app and the UI tests. */
public final class WorkbenchWindow {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    /** The split panes whose dividers are remembered, by their fx:id. */
    private static final List<String> SPLITS = List.of("mainSplit", "resultsSplit");
    /** First-start widths of the queries panel and the query editor, in pixels. */
    private static final double QUERIES_WIDTH = 250;
    private static final double EDITOR_WIDTH = 320;

    private WorkbenchWindow() {
    }

    /** Installs the theme. Call once on the FX thread before the first scene is shown. */
    public static void installTheme() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    public static Scene createScene(WorkbenchViewModel vm, double width, double height) {
        return FxmlScenes.load(WorkbenchWindow.class, "Workbench.fxml", WorkbenchView.class, () -> new WorkbenchView(vm), "workbench.css", width, height);
    }

    /** Puts the scene on the stage with the app's title, icons and minimum size. */
    public static void dress(Stage stage, Scene scene) {
        stage.titleProperty().unbind(); // a stage reused for another scene (tests) may carry an old binding
        stage.setTitle(AppInfo.NAME);
        stage.setScene(scene); // the view then binds the title to the project's name
        stage.setMinWidth(Math.min(WindowLayout.MIN_WIDTH, scene.getWidth()));
        stage.setMinHeight(Math.min(WindowLayout.MIN_HEIGHT, scene.getHeight()));
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var icon = WorkbenchWindow.class.getResource("/io/rerankworkbench/ui/icons/icon-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
    }

    /**
     * Puts the window where {@code saved} says when that is still on a screen, else at a size chosen for the primary
     * screen, with the saved divider positions; call before the stage is first shown.
     */
    public static void place(Stage stage, Optional<WindowLayout> saved) {
        // The queries and editor panes keep their widths as the window grows; the results take the rest.
        WindowPlacement.place(stage, saved, SPLITS, WorkbenchWindow::defaultDividers);
    }

    /** Places the window exactly at {@code layout}: what {@link #place} does once it has chosen (for tests). */
    static void placeAt(Stage stage, WindowLayout layout) {
        WindowPlacement.apply(stage, layout, SPLITS, WorkbenchWindow::defaultDividers);
    }

    /** On small screens the queries and editor panes start narrower, so the results keep room for every column. */
    private static Map<String, List<Double>> defaultDividers(double width) {
        double queries = width < 1200 ? 222 : QUERIES_WIDTH;
        double editor = width < 1200 ? 272 : EDITOR_WIDTH;
        return Map.of("mainSplit", List.of(queries, queries + editor));
    }

    /** The window's place and dividers now, to save for the next start. */
    public static WindowLayout layoutOf(Stage stage) {
        return WindowPlacement.layoutOf(stage, SPLITS);
    }
}
