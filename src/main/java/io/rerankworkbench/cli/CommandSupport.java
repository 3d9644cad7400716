package io.rerankworkbench.cli;

import io.rerankworkbench.app.AdHocEndpoint;
import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.Reranker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the commands that score ({@code rerank}, {@code explain}) share, so they choose models, open endpoints,
 * check output files and report failures the same way, with the same messages and exit codes.
 */
final class CommandSupport {

    private CommandSupport() {
    }

    /**
     * The model to open: a library name (any case), else an existing folder's path (opened as is, not added to the
     * library); the library's default when {@code model} is null. Checked before any input is read, so a typo
     * costs nothing.
     */
    static String modelName(RankerService rankers, String model) throws CliException {
        List<String> available = rankers.modelNames();
        if (model == null) {
            return available.get(0);
        }
        var known = rankers.canonicalName(model);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            if (Files.isDirectory(Path.of(model))) {
                return model;
            }
        } catch (InvalidPathException e) {
            // Not a path either: report the unknown name below.
        }
        throw new CliException(Cli.EXIT_USAGE, "unknown model \"" + model + "\"; available: "
                + String.join(", ", available));
    }

    /**
     * Loads the model. A folder the user named that is not a usable model is bad input (exit 2), like a malformed
     * file; a library model that fails to load is a broken installation (exit 1, see {@link Cli}).
     */
    static Reranker open(RankerService rankers, String modelName) throws CliException {
        if (rankers.canonicalName(modelName).isPresent()) {
            return rankers.open(modelName);
        }
        try {
            return rankers.open(modelName);
        } catch (ModelLoadException e) {
            throw new CliException(Cli.EXIT_USAGE, "could not load the model: " + e.getMessage());
        }
    }

    /** The remote ranker the options name (a saved endpoint, or one given on the command line); sends nothing. */
    static Reranker openRemote(AppContext context, RemoteOptions remote, String model) throws IOException {
        RemoteOptions.Request r = remote.request();
        if (r.endpoint() != null) {
            return context.endpoints().open(r.endpoint());
        }
        return context.endpoints().open(new AdHocEndpoint(r.provider(), r.baseUrl(), model, r.apiKeyEnv(),
                r.noApiKey(), r.docsPerRequest(), r.concurrency(), r.requestTimeoutSeconds(), r.allowInsecureHttp(),
                r.custom(), r.maxTokensPerDoc(), r.providerOptions()));
    }

    /** A step that talks to a remote API or reads the saved endpoints. */
    interface RemoteStep<T> {
        T run() throws IOException;
    }

    /** A remote failure as one line: exit 2 when the setup is at fault (key, address), else 1. */
    static <T> T remoteCall(RemoteStep<T> step) throws CliException {
        try {
            return step.run();
        } catch (RerankException e) {
            throw new CliException(EndpointService.isSetupProblem(e) ? Cli.EXIT_USAGE : Cli.EXIT_FAILURE,
                    e.getMessage());
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, "could not read the saved endpoints: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // A key that cannot go into a header (a space, a line break): the user's setup, said without the key.
            if (String.valueOf(e.getMessage()).startsWith("the API key")) {
                throw new CliException(Cli.EXIT_USAGE, e.getMessage()
                        + "; check the variable or saved key it comes from");
            }
            throw e;
        }
    }

    /**
     * The output file, or {@code null} for stdout ({@code -}); fails now rather than after scoring when it cannot be
     * written.
     */
    static Path outputFile(String output) throws CliException {
        if ("-".equals(output)) {
            return null;
        }
        Path file;
        try {
            file = Path.of(output);
        } catch (InvalidPathException e) {
            throw new CliException(Cli.EXIT_USAGE, output + ": not a valid file name: " + e.getReason());
        }
        Path absolute = file.toAbsolutePath();
        // A directory target would be replaced (if empty) or fail only after scoring.
        if (Files.isDirectory(absolute)) {
            throw new CliException(Cli.EXIT_USAGE, output + ": is a folder; --output needs a file name");
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CliException(Cli.EXIT_USAGE, output + ": the folder " + folder + " does not exist");
        }
        return file;
    }

    /** {@code name} as an existing regular file; exit 2 saying why when it is not one. */
    static Path existingFile(String name) throws CliException {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CliException(Cli.EXIT_USAGE, name + ": not a valid file name (" + e.getReason() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new CliException(Cli.EXIT_USAGE, name + ": is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(Cli.EXIT_USAGE, name + ": no such file");
        }
        return file;
    }

    /**
     * Writes rankings as a TREC run or the ranked-list CSV to {@code outputFile} (atomically) or, when it is null, to
     * {@code out}, checking that standard output took them.
     */
    static void writeRankings(java.util.List<io.rerankworkbench.core.Ranking> rankings, RerankCommand.Format format,
                              String tag, Path outputFile, java.io.PrintStream out, ContextSource.Lease lease)
            throws CliException {
        try {
            if (outputFile == null) {
                if (format == RerankCommand.Format.TREC) {
                    new io.rerankworkbench.io.TrecRunWriter(tag).write(rankings, out);
                } else {
                    new io.rerankworkbench.io.exports.RankedListCsvWriter(
                            io.rerankworkbench.io.exports.ExportOptions.DEFAULT).write(rankings, out);
                }
                // PrintStream swallows write errors; without this a full disk would pass for success.
                if (out.checkError()) {
                    throw new CliException(Cli.EXIT_FAILURE,
                            "stdout: could not write the results (full disk or closed pipe?)");
                }
            } else if (format == RerankCommand.Format.TREC) {
                lease.context().exports().exportTrec(rankings, tag, outputFile);
            } else {
                lease.context().exports().exportCsv(rankings, outputFile);
            }
        } catch (java.io.IOException e) {
            String target = outputFile == null ? "stdout" : outputFile.toString();
            throw new CliException(Cli.EXIT_FAILURE, target + ": could not write: " + e.getMessage());
        }
    }
}
