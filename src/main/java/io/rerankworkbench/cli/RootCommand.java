package io.rerankworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code rerank-workbench} itself: without a subcommand it opens the window. */
@Command(name = Cli.PROGRAM,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Rerank, explain, compare and label search results.",
            "Without a command, opens the desktop window."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = "Run '" + Cli.PROGRAM + " COMMAND --help' for a command's options.")
final class RootCommand implements Callable<Integer> {

    private final GuiLauncher gui;

    // Hidden: only scripted screenshot runs use it (see BUILD_NOTES), so it stays out of users' help.
    @Option(names = "--exit-after", hidden = true, paramLabel = "MILLIS",
            description = "Close the window after this many milliseconds.")
    long exitAfterMillis;

    RootCommand(GuiLauncher gui) {
        this.gui = Objects.requireNonNull(gui, "gui");
    }

    @Override
    public Integer call() {
        gui.launch(exitAfterMillis);
        return Cli.GUI_EXITED;
    }
}
