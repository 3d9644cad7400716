package io.rerankworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code rerank-workbench} itself: without a subcommand it opens the window, on a project file when one is given. */
@Command(name = Cli.PROGRAM,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Rerank, explain, compare and label search results.",
            "Without a command, opens the desktop window (on PROJECT.rwb when given)."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = "Run '" + Cli.PROGRAM + " COMMAND --help' for a command's options.")
final class RootCommand implements Callable<Integer> {

    private static final String PROJECT_EXTENSION = ".rwb";

    private final GuiLauncher gui;

    @Spec
    CommandSpec spec;

    // Hidden: only scripted screenshot runs use it (see BUILD_NOTES), so it stays out of users' help.
    @Option(names = "--exit-after", hidden = true, paramLabel = "MILLIS",
            description = "Close the window after this many milliseconds.")
    long exitAfterMillis;

    // A file manager opening a .rwb file (the desktop entry's file association) passes it here.
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT.rwb",
            description = "A project file to open in the window.")
    String project;

    RootCommand(GuiLauncher gui) {
        this.gui = Objects.requireNonNull(gui, "gui");
    }

    @Override
    public Integer call() throws CliException {
        gui.launch(exitAfterMillis, projectFile());
        return Cli.GUI_EXITED;
    }

    /** The project named on the command line, or {@code null}; a word that is neither is a usage error. */
    private Path projectFile() throws CliException {
        if (project == null) {
            return null;
        }
        if (!project.toLowerCase(Locale.ROOT).endsWith(PROJECT_EXTENSION)) {
            throw new ParameterException(spec.commandLine(),
                    "'" + project + "' is neither a command nor a project file (" + PROJECT_EXTENSION + ")");
        }
        Path file;
        try {
            file = Path.of(project);
        } catch (InvalidPathException e) {
            throw new CliException(Cli.EXIT_USAGE, project + ": not a valid file name (" + e.getReason() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(Cli.EXIT_USAGE, project + ": no such project file");
        }
        return file.toAbsolutePath().normalize();
    }
}
