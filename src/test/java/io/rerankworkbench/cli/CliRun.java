package io.rerankworkbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process with captured stdout and stderr. */
final class CliRun {

    /** What one invocation returned and printed. */
    record Result(int code, String out, String err) {
        /** Non-empty stderr lines. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** A launcher that records the calls instead of opening a window. */
    static final class FakeGui implements GuiLauncher {
        final List<Long> launches = new ArrayList<>();
        /** The project file of each launch ({@code null} elements for none). */
        final List<Path> projects = new ArrayList<>();

        @Override
        public void launch(long exitAfterMillis, Path project) {
            launches.add(exitAfterMillis);
            projects.add(project);
        }
    }

    private CliRun() {
    }

    /** The public entry point, with a fresh application context. */
    static Result run(GuiLauncher gui, String... args) {
        return capture((out, err) -> Cli.execute(args, gui, out, err));
    }

    /** The package-private entry point, borrowing a context so the model is loaded once. */
    static Result run(ContextSource contexts, String... args) {
        return capture((out, err) -> Cli.execute(args, new FakeGui(), out, err, contexts));
    }

    /** The package-private entry point with {@code project import} reading files through {@code parsers}. */
    static Result run(io.rerankworkbench.app.ProjectTransferService.SourceReader parsers, String... args) {
        return capture((out, err) -> Cli.execute(args, new FakeGui(), out, err, ContextSource.FRESH, parsers));
    }

    private interface Invocation {
        int run(PrintStream out, PrintStream err);
    }

    private static Result capture(Invocation invocation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = invocation.run(o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
