package io.rerankworkbench.cli;

import io.rerankworkbench.app.RankerRun;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.io.CandidateFiles;
import io.rerankworkbench.io.InputFormatException;
import io.rerankworkbench.io.QueryFiles;
import io.rerankworkbench.io.TrecRunWriter;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import static io.rerankworkbench.cli.CommandSupport.remoteCall;

/**
 * {@code rerank-workbench rerank}: ranks candidate documents for one or more queries with a model of the library
 * (by name) or a model folder (by path) and writes the ranked lists as CSV or a TREC run.
 *
 * <p>Everything that can be checked cheaply (arguments, output folder, input files, model name, TREC identifiers)
 * is checked before the model is loaded, so a mistake costs no scoring time and leaves no output file.
 */
@Command(name = "rerank",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Rerank candidate documents for one or more queries with a local model, or with a remote rerank API "
                    + "(--provider/--base-url, or --endpoint for one saved in the app; keys come from environment "
                    + "variables or the app's key store, never from options).",
            "Candidates: a text file with one document per line (ids are 1-based positions, blank lines skipped), or a .jsonl file with "
                    + "{\"_id\", \"text\"[, \"title\"]} per line (BEIR corpus layout)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure, a library model could not be loaded, or a remote API failed (a partly failed "
                    + "remote run writes nothing; set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, bad input files, a model folder given with --model that cannot be loaded, or a remote "
                    + "endpoint that is not usable as set up (missing or rejected key, bad URL, unknown endpoint)"})
final class RerankCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { CSV, TREC }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    QuerySource querySource;

    /** Exactly one of these is given. */
    static final class QuerySource {
        @Option(names = "--query", paramLabel = "TEXT", required = true,
                description = "The query (its id is 1).")
        String text;

        @Option(names = "--queries", paramLabel = "FILE", required = true,
                description = "Queries, one per line: id<TAB>text (.tsv) or {\"_id\", \"text\"} (.jsonl).")
        Path file;
    }

    @Option(names = "--candidates", paramLabel = "FILE", required = true,
            description = "The documents to rank: plain text, one per line, or BEIR-style .jsonl.")
    Path candidates;

    @Option(names = "--model", paramLabel = "NAME|PATH",
            description = "A model of the library by name (see 'models list'; default: the library's default), "
                    + "or the path of a model folder. With --provider: the remote model (default: the provider's).")
    String model;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--long-documents", paramLabel = "truncate|chunk", defaultValue = "truncate",
            description = "Documents longer than the model reads: truncate (default; the model sees their "
                    + "beginning) or chunk (overlapping windows are scored; a document scores as its best window).")
    LongDocuments longDocuments;

    @Option(names = "--chunk-overlap", paramLabel = "N",
            description = "Tokens shared by neighbouring windows with --long-documents chunk (default: "
                    + RerankOptions.DEFAULT_CHUNK_OVERLAP + ").")
    Integer chunkOverlap;

    @Option(names = "--top-k", paramLabel = "N", description = "Keep only the N best documents per query.")
    Integer topK;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = "-",
            description = "Where to write results; - (the default) is stdout. A file is written atomically.")
    String output;

    @Option(names = "--format", paramLabel = "csv|trec", defaultValue = "csv",
            description = "csv (default): query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,"
                    + "truncated,text (the app's ranked-list format; run and label stay empty); "
                    + "trec: a TREC run (qid Q0 docid rank score tag).")
    Format format;

    @Option(names = "--run-tag", paramLabel = "TAG",
            description = "The TREC run tag (default: rerank-workbench-<model>).")
    String runTag;

    RerankCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public Integer call() throws Exception {
        remote.validate(spec.commandLine());
        if (topK != null && topK < 1) {
            throw new ParameterException(spec.commandLine(), "--top-k must be at least 1, was " + topK);
        }
        if (querySource.text != null && querySource.text.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--query must not be empty");
        }
        RerankOptions options = options();
        Path outputFile = CommandSupport.outputFile(output);
        if (remote.isRemote()) {
            return callRemote(outputFile);
        }
        try (ContextSource.Lease lease = contexts.open()) {
            RankerService rankers = lease.context().rankers();
            String modelName = CommandSupport.modelName(rankers, model);
            String tag = format == Format.TREC ? runTag(displayName(modelName)) : null;

            List<Query> queries = readQueries();
            List<Candidate> docs = CandidateFiles.read(candidates);
            if (format == Format.TREC) {
                checkTrecIds(queries, docs, tag);
            }

            Reranker reranker = CommandSupport.open(rankers, modelName);
            warnIfOverlapIsClamped(reranker);
            StderrProgress progress = new StderrProgress(err, System::nanoTime, "Scoring");
            List<Ranking> rankings;
            try {
                rankings = reranker.rerankAll(queries, docs, options, progress, CancellationToken.NONE);
            } finally {
                progress.finish();
            }
            if (topK != null) {
                rankings = rankings.stream().map(r -> r.topK(topK)).toList();
            }
            write(rankings, tag, outputFile, lease);
        }
        return 0;
    }

    /**
     * Ranks with a remote API. Inputs are read and checked before anything is sent; a run where any batch failed
     * writes nothing, so a file never holds a ranking with holes.
     */
    private Integer callRemote(Path outputFile) throws Exception {
        if (remote.endpoint != null && model != null) {
            throw new ParameterException(spec.commandLine(), "--endpoint already names the model; drop --model");
        }
        if (longDocuments == LongDocuments.CHUNK || chunkOverlap != null) {
            throw new ParameterException(spec.commandLine(),
                    "--long-documents and --chunk-overlap apply to local models; the provider decides how long "
                            + "documents are handled");
        }
        try (ContextSource.Lease lease = contexts.open()) {
            List<Query> queries = readQueries();
            List<Candidate> docs = CandidateFiles.read(candidates);
            Reranker reranker = remoteCall(() -> CommandSupport.openRemote(lease.context(), remote, model));
            String tag = format == Format.TREC ? runTag(reranker.model()) : null;
            if (format == Format.TREC) {
                checkTrecIds(queries, docs, tag);
            }
            StderrProgress progress = new StderrProgress(err, System::nanoTime, "Scoring");
            List<Ranking> rankings = new ArrayList<>(queries.size());
            List<String> usage = new ArrayList<>();
            try {
                long total = (long) queries.size() * docs.size();
                for (Query query : queries) {
                    long offset = (long) rankings.size() * docs.size();
                    RankerRun run = remoteCall(() -> lease.context().catalog().run(reranker, query, docs,
                            RerankOptions.DEFAULT, (done, all) -> progress.progress(offset + done, total),
                            CancellationToken.NONE));
                    if (run.partial()) {
                        throw new CliException(Cli.EXIT_FAILURE, (queries.size() > 1 ? "query " + query.id() + ": "
                                : "") + run.failure() + "; no results were written");
                    }
                    rankings.add(run.ranking());
                    usage.add(run.usage());
                    run.warnings().forEach(w -> err.println(Cli.PROGRAM + ": warning: " + w));
                }
            } finally {
                progress.finish();
            }
            if (topK != null) {
                rankings = rankings.stream().map(r -> r.topK(topK)).toList();
            }
            write(rankings, tag, outputFile, lease);
            if (!usage.isEmpty() && !usage.get(0).isEmpty()) {
                err.println(Cli.PROGRAM + ": " + reranker.kind() + " usage: " + (usage.size() == 1 ? usage.get(0)
                        : queries.size() + " queries, first: " + usage.get(0)));
            }
        }
        return 0;
    }

    private RerankOptions options() {
        if (chunkOverlap == null) {
            return new RerankOptions(longDocuments, RerankOptions.DEFAULT_CHUNK_OVERLAP);
        }
        if (longDocuments != LongDocuments.CHUNK) {
            throw new ParameterException(spec.commandLine(),
                    "--chunk-overlap applies only with --long-documents chunk");
        }
        if (chunkOverlap < 0) {
            throw new ParameterException(spec.commandLine(), "--chunk-overlap must be at least 0, was "
                    + chunkOverlap);
        }
        return new RerankOptions(LongDocuments.CHUNK, chunkOverlap);
    }

    /**
     * Windows share at most half a window (the model's input less the query), so a larger overlap is cut down: say
     * so rather than ignore the number the user gave.
     */
    private void warnIfOverlapIsClamped(Reranker reranker) {
        if (chunkOverlap == null || reranker.maxTokens().isEmpty()) {
            return;
        }
        int half = reranker.maxTokens().getAsInt() / 2;
        if (chunkOverlap > half) {
            err.println(Cli.PROGRAM + ": warning: --chunk-overlap " + chunkOverlap + " is more than half of a "
                    + "window (the model reads " + reranker.maxTokens().getAsInt() + " tokens, the query included); "
                    + "neighbouring windows share at most half a window (under " + (half + 1) + " tokens)");
        }
    }

    /** A model's name for the run tag: the folder's own name when a path was given. */
    private static String displayName(String nameOrPath) {
        try {
            Path path = Path.of(nameOrPath);
            if (Files.isDirectory(path)) {
                Path name = path.toAbsolutePath().normalize().getFileName();
                return name == null ? nameOrPath : name.toString();
            }
        } catch (InvalidPathException e) {
            // A library name.
        }
        return nameOrPath;
    }

    private List<Query> readQueries() throws InputFormatException {
        if (querySource.file != null) {
            return QueryFiles.read(querySource.file);
        }
        return List.of(new Query("1", querySource.text.strip()));
    }

    /** The run tag: --run-tag, or one derived from the model name with whitespace replaced (TREC splits on it). */
    private String runTag(String modelName) throws CliException {
        String tag = runTag != null ? runTag : "rerank-workbench-" + WHITESPACE.matcher(modelName.strip())
                .replaceAll("-");
        try {
            new TrecRunWriter(tag);
        } catch (IllegalArgumentException e) {
            throw new CliException(Cli.EXIT_USAGE, "--run-tag: " + e.getMessage());
        }
        return tag;
    }

    /**
     * Fails before scoring when an id cannot appear in a TREC run. The writer is the one authority on what it
     * accepts, so it is asked: a dry run over one row per query and one row per document covers every id.
     */
    private void checkTrecIds(List<Query> queries, List<Candidate> docs, String tag) throws CliException {
        List<Ranking> probe = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            List<Candidate> rows = q == 0 ? docs : docs.subList(0, 1);
            List<ScoredCandidate> scored = new ArrayList<>(rows.size());
            for (Candidate c : rows) {
                scored.add(new ScoredCandidate(c, 0.0, scored.size() + 1, 0));
            }
            probe.add(new Ranking(queries.get(q), scored, "probe", "probe", Duration.ZERO));
        }
        try {
            new TrecRunWriter(tag).write(probe, OutputStream.nullOutputStream());
        } catch (IllegalArgumentException e) {
            throw new CliException(Cli.EXIT_USAGE,
                    "cannot write a TREC run: " + e.getMessage() + " (use --format csv)");
        } catch (IOException e) {
            throw new IllegalStateException("a null stream failed", e);
        }
    }

    private void write(List<Ranking> rankings, String tag, Path outputFile, ContextSource.Lease lease)
            throws CliException {
        CommandSupport.writeRankings(rankings, format, tag, outputFile, out, lease);
    }
}
