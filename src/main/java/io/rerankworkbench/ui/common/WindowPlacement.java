package io.rerankworkbench.ui.common;

import io.rerankworkbench.app.WindowLayout;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a window where the user left it (size, place, maximised, divider positions) or at a size chosen for the
 * screen, and reads those back when it closes. The split panes are found by their {@code fx:id}.
 */
public final class WindowPlacement {

    private static final String NORMAL_BOUNDS = WindowPlacement.class.getName() + ".normalBounds";
    /** How long after the window shows a window manager's shrinking of it is undone. */
    private static final Duration SETTLE = Duration.seconds(3);
    /** The size of the placeholder window some window managers map first. */
    private static final double STUB = 400;

    private WindowPlacement() {
    }

    /**
     * Places {@code stage} before it is first shown.
     *
     * @param saved    what {@link #layoutOf} gave when the window last closed, if anything
     * @param splits   the fx:ids of the split panes whose dividers are remembered
     * @param defaults divider offsets (pixels from the pane's left or top) for panes with none saved, given the
     *                 window's width
     */
    public static void place(Stage stage, Optional<WindowLayout> saved, List<String> splits,
                             java.util.function.DoubleFunction<Map<String, List<Double>>> defaults) {
        List<WindowLayout.Box> screens = Screen.getScreens().stream().map(s -> box(s.getVisualBounds())).toList();
        apply(stage, WindowLayout.placement(saved, screens, box(Screen.getPrimary().getVisualBounds())), splits,
                defaults);
    }

    /** Places {@code stage} exactly as {@code layout} says (no screen checks), before it is first shown. */
    public static void apply(Stage stage, WindowLayout layout, List<String> splits,
                             java.util.function.DoubleFunction<Map<String, List<Double>>> defaults) {
        stage.setX(layout.x());
        stage.setY(layout.y());
        stage.setWidth(layout.width());
        stage.setHeight(layout.height());
        Map<String, List<Double>> dividers = new HashMap<>(defaults.apply(layout.width()));
        dividers.putAll(layout.dividers());
        Scene scene = stage.getScene();
        for (String id : splits) {
            List<Double> offsets = dividers.get(id);
            if (scene != null && scene.lookup("#" + id) instanceof SplitPane split && offsets != null
                    && offsets.size() == split.getDividers().size()) {
                pinDividers(stage, split, offsets);
            }
        }
        holdSize(stage, layout.width(), layout.height());
        if (layout.maximized()) {
            stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> stage.setMaximized(true));
        }
        trackNormalBounds(stage);
    }

    /** The window's place (its size when not maximised) and dividers now, to save for the next start. */
    public static WindowLayout layoutOf(Stage stage, List<String> splits) {
        Map<String, List<Double>> dividers = new HashMap<>();
        Scene scene = stage.getScene();
        for (String id : splits) {
            if (scene != null && scene.lookup("#" + id) instanceof SplitPane split) {
                double size = length(split);
                dividers.put(id, Arrays.stream(split.getDividerPositions()).map(p -> Math.round(p * size))
                        .boxed().toList());
            }
        }
        Rectangle2D normal = stage.getProperties().get(NORMAL_BOUNDS) instanceof Rectangle2D r ? r
                : new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        return new WindowLayout(normal.getMinX(), normal.getMinY(), normal.getWidth(), normal.getHeight(),
                stage.isMaximized(), dividers);
    }

    private static double length(SplitPane split) {
        return split.getOrientation() == Orientation.HORIZONTAL ? split.getWidth() : split.getHeight();
    }

    /**
     * Puts the dividers at {@code offsets} pixels from the pane's start, and keeps them there while the window
     * settles (a window manager may first map it at another size, which would squeeze panes that do not resize with
     * the window down to their minimum).
     */
    private static void pinDividers(Stage stage, SplitPane split, List<Double> offsets) {
        InvalidationListener apply = obs -> {
            double size = length(split);
            if (size > 0) {
                split.setDividerPositions(offsets.stream().mapToDouble(o -> Math.max(0, Math.min(1, o / size)))
                        .toArray());
            }
        };
        var property = split.getOrientation() == Orientation.HORIZONTAL ? split.widthProperty()
                : split.heightProperty();
        property.addListener(apply);
        apply.invalidated(property);
        afterSettling(stage, () -> {
            apply.invalidated(property); // once more at the size the window settled at
            property.removeListener(apply);
        });
    }

    /** Runs {@code done} once the window has been showing for {@link #SETTLE}. */
    private static void afterSettling(Stage stage, Runnable done) {
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            PauseTransition settled = new PauseTransition(SETTLE);
            settled.setOnFinished(finished -> done.run());
            settled.play();
        });
    }

    /**
     * Some window managers (openbox, seen with JavaFX 21's GTK backend) map a new window at a default or minimum
     * size while the stage still reports the size it was given. For a few seconds after showing, a collapse to the
     * minimum or to a stub is answered by asking for the size again, with a real change so the request is sent.
     */
    private static void holdSize(Stage stage, double width, double height) {
        boolean[] settling = {false};
        PauseTransition reassert = new PauseTransition(Duration.millis(60));
        reassert.setOnFinished(e -> {
            if (stage.isMaximized() || stage.isFullScreen()) {
                return;
            }
            stage.setWidth(width - 1);
            stage.setWidth(width);
            stage.setHeight(height - 1);
            stage.setHeight(height);
        });
        // What the window manager does has a signature: the window drops to its minimum size or to a stub
        // (200 × 200 seen); a person dragging an edge in the first seconds lands anywhere else.
        ChangeListener<Number> guard = (obs, old, value) -> {
            boolean collapsed = stage.getWidth() <= Math.max(stage.getMinWidth(), STUB) + 2
                    || stage.getHeight() <= Math.max(stage.getMinHeight(), STUB) + 2;
            if (settling[0] && value.doubleValue() < old.doubleValue() && collapsed
                    && (stage.getWidth() < width - 1 || stage.getHeight() < height - 1)) {
                reassert.playFromStart();
            }
        };
        stage.widthProperty().addListener(guard);
        stage.heightProperty().addListener(guard);
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            settling[0] = true;
            reassert.playFromStart();
        });
        afterSettling(stage, () -> {
            settling[0] = false;
            stage.widthProperty().removeListener(guard);
            stage.heightProperty().removeListener(guard);
        });
    }

    /** Remembers the window's bounds while it is not maximised, so a maximised window restores to them next time. */
    private static void trackNormalBounds(Stage stage) {
        Runnable record = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0) {
                stage.getProperties().put(NORMAL_BOUNDS,
                        new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
            }
        };
        for (var property : List.of(stage.xProperty(), stage.yProperty(), stage.widthProperty(),
                stage.heightProperty())) {
            property.addListener((obs, old, value) -> record.run());
        }
        record.run();
    }

    private static WindowLayout.Box box(Rectangle2D r) {
        return new WindowLayout.Box(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }
}
