package io.rerankworkbench.cli;

import java.nio.file.Path;

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
     * @param project         a project file to open instead of the usual start-up project (the file a desktop
     *                        double-click passes as the first argument); {@code null} for the usual start-up
     */
    void launch(long exitAfterMillis, Path project);
}
