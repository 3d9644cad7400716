package io.rerankworkbench.ui.common;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * Stages owned by the main window: window-modal dialogs that fit inside it and open over its middle (a stage of its
 * own would otherwise centre on the screen), and tool windows kept within its screen.
 */
public final class OwnedStages {

    private OwnedStages() {
    }

    /** A window-modal stage over {@code owner} with its title and the owner's icons, not shown yet. */
    public static Stage windowModal(Window owner, String title) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        if (owner instanceof Stage main) {
            stage.getIcons().setAll(main.getIcons());
        }
        return stage;
    }

    /**
     * Gives a dialog its scene — its default size, or less inside a small main window (1024×700), keeping a margin —
     * places it over the owner's middle and shows it. Closing it while {@code busy} answers true cancels instead;
     * the dialog stays to show what was kept.
     *
     * @param scene makes the scene at a width and height
     */
    public static void showDialog(Stage stage, double defaultWidth, double defaultHeight,
                                  BiFunction<Double, Double, Scene> scene, BooleanSupplier busy, Runnable cancel) {
        Window owner = stage.getOwner();
        double width = defaultWidth;
        double height = defaultHeight;
        if (owner != null) {
            width = Math.min(width, Math.max(640, owner.getWidth() - 60));
            height = Math.min(height, Math.max(420, owner.getHeight() - 80));
        }
        stage.setScene(scene.apply(width, height));
        if (owner != null) {
            stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - width) / 2));
            stage.setY(owner.getY() + Math.max(0, (owner.getHeight() - height) / 3));
        }
        stage.setMinWidth(600);
        stage.setMinHeight(400);
        stage.setOnCloseRequest(e -> {
            if (busy.getAsBoolean()) {
                e.consume();
                cancel.run();
            }
        });
        stage.show();
    }

    /**
     * The size a tool window of {@code width} × {@code height} gets within the screen its owner is on, and its place
     * over the owner's middle; applied to {@code stage} before it is first shown.
     *
     * @return the width and height given
     */
    public static double[] placeOver(Stage stage, Window owner, double width, double height) {
        Rectangle2D screen = owner == null ? Screen.getPrimary().getVisualBounds()
                : Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                Math.max(1, owner.getHeight())).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        double w = Math.min(width, screen.getWidth() - 40);
        double h = Math.min(height, screen.getHeight() - 60);
        if (owner != null) {
            double x = owner.getX() + (owner.getWidth() - w) / 2;
            double y = owner.getY() + Math.max(0, (owner.getHeight() - h) / 3);
            stage.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w)));
            stage.setY(Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h - 30)));
        }
        return new double[] {w, h};
    }
}
