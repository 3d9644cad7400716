package io.rerankworkbench.ui.workbench;

import atlantafx.base.theme.PrimerLight;
import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.ui.common.FxmlScenes;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;


/** Builds the main window's scene around a view model; shared by the app and the UI tests. */
public final class WorkbenchWindow {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;

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
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var icon = WorkbenchWindow.class.getResource("/io/rerankworkbench/ui/icons/icon-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
    }
}
