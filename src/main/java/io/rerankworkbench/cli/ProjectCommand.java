package io.rerankworkbench.cli;

import io.rerankworkbench.app.ProjectTransferService;
import io.rerankworkbench.app.ProjectTransferService.ImportOutcome;
import io.rerankworkbench.app.ProjectTransferService.ImportSettings;
import io.rerankworkbench.io.exports.ExportException;
import io.rerankworkbench.io.exports.ExportFormat;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.io.exports.ExportSummary;
import io.rerankworkbench.io.exports.GradeRule;
import io.rerankworkbench.io.exports.RunSelection;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.io.imports.TextInput;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rerank-workbench project}: files into a project ({@code import}) and out of it ({@code export}), through the
 * same service and the same checks as the window; {@code rerank} is {@link ProjectRerankCommand}.
 */
@Command(name = "project",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Import files into a project file (.rwb), list its runs, rerank its queries with one or more "
                + "rankers, or export queries from one.",
        commandListHeading = "%nCommands:%n")
final class ProjectCommand {

    /** {@code project import --into FILE.rwb SOURCE…}. */
    @Command(name = "import",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Import queries, candidates, runs, judgments or a project bundle into a project, creating the "
                        + "project file when it does not exist.",
                "Everything is checked first: when a file or the data against the project has a problem, every "
                        + "problem is listed and nothing is written (a new project file is not left behind). "
                        + "Otherwise all of it is written in one transaction."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:success",
                "1:unexpected failure (set RWB_DEBUG=1 for a stack trace)",
                "2:bad arguments, a project that cannot be opened, or data with problems (listed on stderr as "
                        + "file:line: reason; nothing was written)"})
    static final class ImportCommand implements Callable<Integer> {

        private final PrintStream out;
        private final PrintStream err;
        private final ProjectTransferService service;

        @Option(names = "--into", required = true, paramLabel = "FILE.rwb",
                description = "The project to import into; created when it does not exist.")
        Path into;

        @Parameters(arity = "1..*", paramLabel = "SOURCE",
                description = "Files to import: CSV, JSONL, BEIR folder files, TREC runs, qrels, Quepid ratings, "
                        + "project bundles (.json).")
        List<Path> sources;

        @Option(names = "--format", paramLabel = "F",
                description = "The sources' format when it cannot be told from the file names.")
        String format;

        @Option(names = "--skip-bad-rows",
                description = "Leave out rows with problems (still listed on stderr) and import the rest.")
        boolean skipBadRows;

        ImportCommand(PrintStream out, PrintStream err, ProjectTransferService service) {
            this.out = Objects.requireNonNull(out, "out");
            this.err = Objects.requireNonNull(err, "err");
            this.service = Objects.requireNonNull(service, "service");
        }

        @Override
        public Integer call() throws CliException {
            if (Files.isDirectory(into)) {
                throw new CliException(Cli.EXIT_USAGE, "--into " + into + " is a folder; give the project file to "
                        + "create or import into (for example " + into.resolve("project.rwb") + ")");
            }
            for (Path source : sources) {
                if (!Files.exists(source)) {
                    throw new CliException(Cli.EXIT_USAGE, source + ": "
                            + (Files.isSymbolicLink(source) ? TextInput.notFound(source) : "no such file"));
                }
            }
            if (format != null && format.isBlank()) {
                throw new CliException(Cli.EXIT_USAGE, "--format must not be empty");
            }
            StderrProgress progress = new StderrProgress(err, System::nanoTime, "Importing");
            ImportOutcome outcome;
            try {
                outcome = service.importInto(into, sources, new ImportSettings(format, skipBadRows),
                        progress::progress, CancellationToken.NONE);
            } catch (ProjectOpenException e) {
                throw new CliException(Cli.EXIT_USAGE, FileHolders.isBusy(e)
                        ? FileHolders.busyMessage(into, "it could not be opened") : e.getMessage());
            } catch (StoreException e) {
                if (FileHolders.isBusy(e)) {
                    throw new CliException(Cli.EXIT_USAGE, FileHolders.busyMessage(into, "nothing was imported"));
                }
                throw new CliException(Cli.EXIT_FAILURE, e.getMessage() + "; nothing was imported");
            } catch (IOException e) {
                throw new CliException(Cli.EXIT_USAGE, e.getMessage());
            } finally {
                progress.finish();
            }
            for (ImportProblem p : outcome.problems()) {
                err.println(p);
            }
            for (String note : outcome.notes()) {
                err.println(Cli.PROGRAM + ": warning: " + note);
            }
            String name = into.getFileName().toString();
            if (!outcome.written()) {
                long n = ImportProblem.count(outcome.problems());
                // The hint only when leaving rows out can get the rest in (not for an unclosed quote, say).
                throw new CliException(Cli.EXIT_USAGE, n + " problem" + (n == 1 ? "" : "s")
                        + "; nothing was imported into " + name
                        + (outcome.skipMayHelp() ? " (--skip-bad-rows leaves bad rows out)" : ""));
            }
            out.println("Imported into " + name + ": " + outcome.summary());
            return Cli.EXIT_OK;
        }
    }

    /** {@code project runs FILE.rwb [--queries ID,…]}. */
    @Command(name = "runs",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "List the kept runs of a project, one per line: each query's runs oldest first, numbered as the "
                        + "app's run picker numbers them (the number 'project export --run' and the csv run column "
                        + "use)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:success",
                "1:unexpected failure (set RWB_DEBUG=1 for a stack trace)",
                "2:bad arguments, a project that cannot be opened or an unknown query id"})
    static final class RunsCommand implements Callable<Integer> {

        private final PrintStream out;
        private final ProjectTransferService service;

        @Parameters(index = "0", paramLabel = "FILE.rwb", description = "The project.")
        Path project;

        @Option(names = "--queries", split = ",", paramLabel = "ID[,ID…]",
                description = "Only these queries (their ids as shown in the app); default: all.")
        List<String> queries;

        RunsCommand(PrintStream out, ProjectTransferService service) {
            this.out = Objects.requireNonNull(out, "out");
            this.service = Objects.requireNonNull(service, "service");
        }

        @Override
        public Integer call() throws CliException {
            List<ProjectTransferService.RunListing> runs;
            try {
                runs = service.runs(project, queries);
            } catch (ProjectOpenException | ExportException e) {
                throw new CliException(Cli.EXIT_USAGE, e.getMessage());
            } catch (StoreException e) {
                throw new CliException(Cli.EXIT_FAILURE, e.getMessage());
            } catch (IOException e) {
                throw new CliException(Cli.EXIT_FAILURE, project + ": could not read: " + e.getMessage());
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"QUERY", "RUN", "RANKER", "MODEL", "STATUS", "DOCS", "STARTED"});
            for (ProjectTransferService.RunListing r : runs) {
                rows.add(new String[]{r.queryId(), Integer.toString(r.number()), r.ranker(), r.model(), r.status(),
                        Integer.toString(r.documents()),
                        r.startedAt() == null ? ModelsCommand.NO_VALUE
                                : r.startedAt().truncatedTo(ChronoUnit.SECONDS).toString()});
            }
            for (String line : ModelsCommand.ListCommand.table(rows, Set.of(1, 5))) {
                out.println(line);
            }
            if (runs.isEmpty()) {
                out.println("(no runs)");
            }
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the list");
            }
            return Cli.EXIT_OK;
        }
    }

    /** {@code project export FILE.rwb --format F --output OUT}. */
    @Command(name = "export",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Export queries of a project as ranked-list CSV, a TREC run, TREC qrels or a project bundle.",
                "The file is written to a temporary name and renamed when complete: a refused or failed export "
                        + "leaves no file."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:success",
                "1:unexpected failure (set RWB_DEBUG=1 for a stack trace)",
                "2:bad arguments, a project that cannot be opened, an unknown query id, or data the format cannot "
                        + "hold (e.g. a document id with a space in a TREC file); nothing was written"})
    static final class ExportCommand implements Callable<Integer> {

        private final PrintStream out;
        private final ProjectTransferService service;

        @Parameters(index = "0", paramLabel = "FILE.rwb", description = "The project.")
        Path project;

        @Option(names = "--format", required = true, paramLabel = "csv|trec|qrels|bundle",
                description = "csv: query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,"
                        + "truncated,text,variant,variant_text (each query's runs, then its variants'); "
                        + "trec: qid Q0 docno rank score tag (one run per query; --variant for a variant's); "
                        + "qrels: qid 0 docno grade; bundle: the project bundle JSON.")
        ExportFormat format;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file to write.")
        Path output;

        @Option(names = "--queries", split = ",", paramLabel = "ID[,ID…]",
                description = "Only these queries (their ids as shown in the app); default: all.")
        List<String> queries;

        @Option(names = "--all-runs",
                description = "csv: every run of each query, oldest first (default: the latest completed run).")
        boolean allRuns;

        @Option(names = "--run", paramLabel = "N",
                description = "csv, trec: run N of each query (as numbered in the app's run picker and by "
                        + "'project runs'; default: the latest completed run).")
        Integer run;

        @Option(names = "--grades", paramLabel = "newest|mean|max", defaultValue = "newest",
                description = "csv label and qrels grade when a document has several grades: newest (default), "
                        + "mean of the annotators' current grades rounded half up, or max.")
        GradeRule gradeRule;

        @Option(names = "--bom",
                description = "csv: start with a UTF-8 byte order mark so that Excel opens it as UTF-8.")
        boolean bom;

        @Option(names = "--run-tag", paramLabel = "TAG",
                description = "trec: the run tag (default: ranker/model of each run, @vN for variant N's).")
        String runTag;

        @Option(names = "--variant", paramLabel = "N",
                description = "csv, trec: the runs of variant N of each query (as numbered by 'project variants') "
                        + "instead of the query's own, chosen among the variant's runs as --run and --all-runs "
                        + "choose; queries without variant N are skipped. Default: csv writes the queries' runs and "
                        + "then their variants', trec the queries' own runs.")
        Integer variant;

        ExportCommand(PrintStream out, ProjectTransferService service) {
            this.out = Objects.requireNonNull(out, "out");
            this.service = Objects.requireNonNull(service, "service");
        }

        @Override
        public Integer call() throws CliException {
            if (queries != null && queries.stream().anyMatch(String::isBlank)) {
                throw new CliException(Cli.EXIT_USAGE, "--queries: an empty query id");
            }
            Path absolute = output.toAbsolutePath();
            if (Files.isDirectory(absolute)) {
                throw new CliException(Cli.EXIT_USAGE, output + ": is a folder; --output needs a file name");
            }
            if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
                throw new CliException(Cli.EXIT_USAGE, output + ": the folder " + absolute.getParent()
                        + " does not exist");
            }
            if (run != null && run < 1) {
                throw new CliException(Cli.EXIT_USAGE, "--run: run numbers start at 1, was " + run);
            }
            if (run != null && allRuns) {
                throw new CliException(Cli.EXIT_USAGE, "--run and --all-runs exclude each other");
            }
            if (variant != null && variant < 1) {
                throw new CliException(Cli.EXIT_USAGE, "--variant: variant numbers start at 1, was " + variant);
            }
            RunSelection runs = allRuns ? RunSelection.ALL : run != null ? RunSelection.numbered(run)
                    : RunSelection.LATEST;
            ExportOptions options = new ExportOptions(runs, gradeRule, bom, runTag, variant == null ? 0 : variant);
            ExportSummary summary;
            try {
                summary = service.export(project, queries, format, output, options);
            } catch (ProjectOpenException | ExportException e) {
                throw new CliException(Cli.EXIT_USAGE, e.getMessage());
            } catch (StoreException e) {
                throw new CliException(Cli.EXIT_FAILURE, e.getMessage());
            } catch (IOException e) {
                throw new CliException(Cli.EXIT_FAILURE, output + ": could not write: " + e.getMessage());
            }
            String skipped = summary.skippedQueries().isEmpty() ? ""
                    : "; nothing to write for " + summary.skippedQueries().size() + " quer"
                            + (summary.skippedQueries().size() == 1 ? "y" : "ies") + " ("
                            + String.join(", ", summary.skippedQueries().stream().limit(10).toList())
                            + (summary.skippedQueries().size() > 10 ? ", …" : "") + ")";
            out.println("Exported " + summary.queries() + " quer" + (summary.queries() == 1 ? "y" : "ies") + ", "
                    + summary.rows() + " row" + (summary.rows() == 1 ? "" : "s") + " to " + output + skipped);
            return Cli.EXIT_OK;
        }
    }
}
