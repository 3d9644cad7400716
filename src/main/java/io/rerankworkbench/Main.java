package io.rerankworkbench;

import io.rerankworkbench.cli.Cli;

/**
 * The one entry point. With no subcommand it opens the window (on the {@code .rwb} project given as the only
 * argument, which is how a desktop double-click arrives); with a subcommand ({@code rerank}, …) it runs the
 * command line and exits with its code. A plain class rather than the {@code Application} subclass, so the app runs
 * from the class path with {@code java -jar}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // A lambda, not a method reference: the reference would load the window's classes (JavaFX) for every
        // command-line run; the lambda loads them only when the window opens.
        int code = Cli.execute(args,
                (exitAfter, project) -> io.rerankworkbench.ui.WorkbenchApp.launchWindow(exitAfter, project));
        if (code != Cli.GUI_EXITED) {
            System.exit(code);
        }
    }
}
