package io.rerankworkbench.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A table cell showing a score as a number and a horizontal bar. The bar's length is the score's position within
 * the run's range (0..1), so the best document fills the track; colours come from the stylesheet
 * ({@code .score-bar-fill}, {@code .score-bar-track}).
 *
 * @param <S> the row type
 */
public final class ScoreBarCell<S> extends TableCell<S, S> {

    private final ToDoubleFunction<S> fraction;
    private final Function<S, String> label;
    private final Label value = new Label();
    private final Region fill = new Region();
    private final StackPane track = new StackPane(fill);
    private final HBox box = new HBox(8, value, track);

    public ScoreBarCell(ToDoubleFunction<S> fraction, Function<S, String> label) {
        this.fraction = fraction;
        this.label = label;
        getStyleClass().add("score-bar-cell");
        value.getStyleClass().add("score-value");
        value.setMinWidth(Region.USE_PREF_SIZE);
        track.getStyleClass().add("score-bar-track");
        fill.getStyleClass().add("score-bar-fill");
        StackPane.setAlignment(fill, Pos.CENTER_LEFT);
        HBox.setHgrow(track, Priority.ALWAYS);
        track.setMinWidth(30);
        box.setAlignment(Pos.CENTER_LEFT);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(S item, boolean empty) {
        super.updateItem(item, empty);
        fill.maxWidthProperty().unbind();
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        value.setText(label.apply(item));
        double f = Math.max(0, Math.min(1, fraction.applyAsDouble(item)));
        // A sliver even for the lowest score, so every row visibly has a bar.
        fill.maxWidthProperty().bind(track.widthProperty().multiply(f).add(f == 0 ? 2 : 0));
        fill.setMinWidth(0);
        fill.setPrefWidth(Region.USE_COMPUTED_SIZE);
        setGraphic(box);
    }
}
