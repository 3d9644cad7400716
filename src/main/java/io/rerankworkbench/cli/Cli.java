package io.rerankworkbench.cli;

import io.rerankworkbench.app.ImportSources;
import io.rerankworkbench.app.ProjectTransferService;
import io.rerankworkbench.io.InputFormatException;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.RerankException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The command line: {@code rerank-workbench [COMMAND] [OPTIONS]}. Without a command it opens the window through the
 * given {@link GuiLauncher}.
 *
 * <p>Exit codes: 0 success; 2 bad arguments or bad input (unknown option, missing or malformed file, unknown model,
 * an id that TREC cannot hold, a missing output folder, a model folder the user named that cannot be loaded);
 * 1 anything else, including a library model that cannot be loaded (a broken installation or platform, not a
 * mistake on this command line). Errors are one
 * line on stderr, {@code rerank-workbench: error: <file>:<line>: <problem>} where a file is involved; a stack trace
 * follows only when the {@code RWB_DEBUG} environment variable is set. Results go to stdout or a file, nothing else
 * does.
 *
 * <p>{@link #execute} never calls {@code System.exit}; {@code Main} does, with the returned code.
 */
public final class Cli {

    /** Returned when the window was opened and has closed; the caller then lets the JVM end by itself. */
    public static final int GUI_EXITED = Integer.MIN_VALUE;

    static final String PROGRAM = "rerank-workbench";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
    private static final Pattern ERROR_PREFIX = Pattern.compile("^error:\\s*", Pattern.CASE_INSENSITIVE);

    private Cli() {
    }

    /** Runs the command line with the process's stdout and stderr. */
    public static int execute(String[] args, GuiLauncher gui) {
        return execute(args, gui, System.out, System.err);
    }

    /** Runs the command line, writing results to {@code out} and messages to {@code err}. */
    public static int execute(String[] args, GuiLauncher gui, PrintStream out, PrintStream err) {
        return execute(args, gui, out, err, ContextSource.FRESH);
    }

    /** As above, with the application context coming from {@code contexts} (tests share one loaded model). */
    static int execute(String[] args, GuiLauncher gui, PrintStream out, PrintStream err, ContextSource contexts) {
        return execute(args, gui, out, err, contexts, ImportSources.parsers());
    }

    /** As above, with {@code project import} reading files through {@code parsers} (tests pass their own). */
    static int execute(String[] args, GuiLauncher gui, PrintStream out, PrintStream err, ContextSource contexts,
                       ProjectTransferService.SourceReader parsers) {
        ProjectTransferService transfers = new ProjectTransferService(parsers);
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        try {
            Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
            commands.put("rerank", () -> new RerankCommand(out, err, contexts));
            commands.put("retrieve", () -> new RetrieveCommand(out, err, contexts));
            commands.put("explain", () -> new ExplainCommand(out, err, contexts));
            commands.put("compare", () -> new CompareCommand(out));
            commands.put("eval", () -> new EvalCommand(out, err));
            commands.put("serve", () -> new ServeCommand(out, err, contexts));
            commands.put("models", () -> new CommandLine(new ModelsCommand())
                    .addSubcommand(new ModelsCommand.ListCommand(out, contexts))
                    .addSubcommand(new ModelsCommand.CheckCommand(out, contexts)));
            commands.put("project", () -> new CommandLine(new ProjectCommand())
                    .addSubcommand(new ProjectCommand.ImportCommand(out, err, transfers))
                    .addSubcommand(new ProjectCommand.RunsCommand(out, transfers))
                    .addSubcommand(new ProjectRerankCommand(out, err, contexts))
                    .addSubcommand(new ProjectCorpusCommand(out, err, contexts))
                    .addSubcommand(new ProjectRetrieveCommand(out, err, contexts))
                    .addSubcommand(new ProjectVariantsCommand(out))
                    .addSubcommand(new ProjectCommand.ExportCommand(out, transfers)));
            CommandLine root = new CommandLine(new RootCommand(gui));
            // When the first argument names a command, only that command is built: picocli reads every command's
            // annotations by reflection, which for all of them costs about a tenth of a second of start-up (eval
            // on a large run is timed against trec_eval). Anything else (help, a typo, a project file) gets them all.
            Supplier<Object> named = args.length > 0 ? commands.get(args[0]) : null;
            if (named != null) {
                root.addSubcommand(args[0], named.get());
            } else {
                commands.forEach((name, command) -> root.addSubcommand(name, command.get()));
            }
            CommandLine cli = root
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setOut(outWriter)
                    .setErr(errWriter)
                    .setExecutionStrategy(Cli::run)
                    .setParameterExceptionHandler((e, a) -> usageError(e, err))
                    .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, err));
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
            out.flush();
            err.flush();
        }
    }

    /** Subcommands run with library INFO logging muted; the window keeps the app's normal logging. */
    private static int run(ParseResult parsed) {
        if (parsed.subcommand() == null) {
            return new CommandLine.RunLast().execute(parsed);
        }
        QuietLogging quiet = QuietLogging.enable();
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            quiet.close();
        }
    }

    /** Picocli's message and a pointer to the help, on one line. */
    private static int usageError(ParameterException e, PrintStream err) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String suggestion = "";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        String message = e instanceof UnmatchedArgumentException unmatched ? unmatchedMessage(unmatched)
                : oneLine(e.getMessage());
        report(err, ERROR_PREFIX.matcher(message).replaceFirst("") + suggestion
                + " (see '" + command + " --help')");
        return EXIT_USAGE;
    }

    /**
     * Names the unknown options but not the words after them: {@code --api-key s3cret} must not print the key, and any
     * value the user typed may be a secret. A word that is not an option is shown only when nothing else is unknown
     * (a mistyped command or file name), and then only when it cannot be a credential (a URL's user info is cut).
     */
    static String unmatchedMessage(UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        List<String> options = unmatched.stream().filter(a -> a.startsWith("-"))
                .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) + "=…" : a).toList();
        if (!options.isEmpty()) {
            int hidden = unmatched.size() - options.size();
            return "Unknown option" + (options.size() == 1 ? "" : "s") + ": " + String.join(", ", options)
                    + (hidden > 0 ? " (" + hidden + " other word" + (hidden == 1 ? "" : "s") + " not shown: it may be a "
                    + "secret)" : "");
        }
        return "Unexpected argument" + (unmatched.size() == 1 ? "" : "s") + ": " + String.join(", ",
                unmatched.stream().map(Cli::withoutUserInfo).toList());
    }

    /** {@code https://user:pass@host/x} → {@code https://…@host/x}. */
    static String withoutUserInfo(String word) {
        return word.replaceAll("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@", "$1…@");
    }

    private static int failure(Exception e, PrintStream err) {
        int code;
        String message;
        if (e instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof InputFormatException) {
            // Already "file:line: problem".
            code = EXIT_USAGE;
            message = e.getMessage();
        } else if (e instanceof ModelLoadException) {
            code = EXIT_FAILURE;
            message = "could not load the model: " + e.getMessage();
        } else if (e instanceof RerankException) {
            code = EXIT_FAILURE;
            message = e.getMessage();
        } else {
            code = EXIT_FAILURE;
            message = "unexpected failure: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        report(err, oneLine(message));
        if (debug()) {
            e.printStackTrace(err);
        }
        return code;
    }

    private static void report(PrintStream err, String message) {
        err.println(PROGRAM + ": error: " + message);
        err.flush();
    }

    private static String oneLine(String message) {
        return message == null ? "" : LINE_BREAKS.matcher(message.strip()).replaceAll(" ");
    }

    private static boolean debug() {
        String value = System.getenv("RWB_DEBUG");
        return value != null && !value.isBlank() && !value.strip().toLowerCase(Locale.ROOT).matches("0|false|no");
    }
}
