package io.rerankworkbench.ui.evaluate.chart;

import io.rerankworkbench.ui.common.Resources;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import java.util.Optional;

/**
 * What the Evaluate plots share: a content node or, when there is nothing to draw, a short centred message instead of
 * an empty axis box; the charts' stylesheet; and {@link #snapshot()} for the PNG export.
 * Use on the FX thread only.
 */
public abstract class EvaluateChart extends StackPane {

    /** The exported image is this many times the on-screen size. */
    public static final double EXPORT_SCALE = 2;

    static final String STYLESHEET = Resources.stylesheet(EvaluateChart.class, "charts.css");

    private final Label empty = new Label();
    private Node content;

    protected EvaluateChart(String styleClass) {
        getStyleClass().addAll("evaluate-chart", styleClass);
        getStylesheets().add(STYLESHEET);
        empty.getStyleClass().add("chart-empty");
        empty.setWrapText(true);
        StackPane.setAlignment(empty, Pos.CENTER);
        getChildren().add(empty);
    }

    /** Sets the node that draws the chart (once, from the subclass's constructor). */
    protected final void setContent(Node node) {
        content = node;
        getChildren().add(0, node);
    }

    /** Shows {@code message} centred instead of the chart. */
    protected final void showEmpty(String message) {
        empty.setText(message);
        empty.setVisible(true);
        content.setVisible(false);
    }

    /** Shows the chart. */
    protected final void showContent() {
        empty.setVisible(false);
        empty.setText("");
        content.setVisible(true);
    }

    /** The message shown instead of the chart, or empty when the chart is shown. */
    public Optional<String> emptyMessage() {
        return empty.isVisible() ? Optional.of(empty.getText()) : Optional.empty();
    }

    /**
     * The chart as it is laid out now, on white, at {@link #EXPORT_SCALE} times its size (for a PNG export; a dark
     * theme's colours are switched to the light palette for the image). A chart that is in no scene is styled and
     * laid out at its preferred size first. Call on the FX thread; encode and write the image elsewhere.
     */
    public WritableImage snapshot() {
        // Off screen there are no stylesheets and no layout: lend the chart a scene of its own while it is drawn.
        Scene lent = getScene() == null && getParent() == null ? new Scene(this) : null;
        getStyleClass().add("export");
        try {
            applyCss();
            if (getWidth() <= 0 || getHeight() <= 0) {
                resize(Math.max(prefWidth(-1), 320), Math.max(prefHeight(-1), 200));
            }
            layout();
            double w = Math.ceil(getWidth() * EXPORT_SCALE);
            double h = Math.ceil(getHeight() * EXPORT_SCALE);
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.WHITE);
            params.setTransform(Transform.scale(EXPORT_SCALE, EXPORT_SCALE));
            // The snapshot includes the node's own position in its parent: cut from where the chart starts.
            Point2D origin = localToParent(0, 0);
            params.setViewport(new Rectangle2D(origin.getX() * EXPORT_SCALE, origin.getY() * EXPORT_SCALE, w, h));
            return snapshot(params, new WritableImage((int) w, (int) h));
        } finally {
            getStyleClass().remove("export");
            if (lent != null) {
                lent.setRoot(new Group());
            } else {
                applyCss();
            }
        }
    }
}
