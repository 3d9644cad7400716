package io.rerankworkbench.cli;

/**
 * Opens the desktop window. The command line calls it when no subcommand is given; {@code Main} supplies the real
 * one and tests a fake, so the {@code cli} package never touches JavaFX.
 */
@FunctionalInterface
public interface GuiLauncher {

    /**
     * Shows the window and blocks until it closes.
     *
     * @param exitAfterMillis close the window by itself after this long (for scripted screenshots); {@code <= 0}
     *                        means never
     */
    void launch(long exitAfterMillis);
}
