package io.rerankworkbench.ui.common;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

import java.util.Objects;

/**
 * A {@link Debounce} on the JavaFX clock: the action runs on the JavaFX thread after the pause. Use on that thread.
 * The clock is only asked for at the first {@link #restart}, so a view model may hold one where no toolkit runs.
 */
public final class FxDebounce implements Debounce {

    private final Duration delay;
    private PauseTransition pause;
    private Runnable action = () -> { };

    public FxDebounce(java.time.Duration delay) {
        this.delay = Duration.millis(delay.toMillis());
    }

    @Override
    public void restart(Runnable action) {
        this.action = Objects.requireNonNull(action, "action");
        if (pause == null) {
            pause = new PauseTransition(delay);
            pause.setOnFinished(e -> this.action.run());
        }
        pause.playFromStart();
    }

    @Override
    public void stop() {
        if (pause != null) {
            pause.stop();
        }
    }
}
