package io.rerankworkbench.ui.common;

/**
 * Runs an action once a burst of requests has paused: each {@link #restart} pushes the action back by the pause, so
 * only the last request of a burst runs it. The window's implementation waits on the JavaFX clock
 * ({@link FxDebounce}); tests fire it by hand.
 */
public interface Debounce {

    /** Runs {@code action} on the owning thread after the pause, unless restarted or stopped before. */
    void restart(Runnable action);

    /** Forgets a waiting action. */
    void stop();
}
