package io.rerankworkbench.cli;

import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.io.QueryFiles;
import io.rerankworkbench.io.TrecRunWriter;
import io.rerankworkbench.io.imports.CorpusImport;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code retrieve (--corpus FILE | --engine NAME) --queries FILE --method …}: first-stage retrieval without a
 * project, written as a TREC run or the ranked-list CSV. It works in a scratch project that is deleted afterwards,
 * so it retrieves exactly as {@code project retrieve} does.
 */
@Command(name = "retrieve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Retrieve the top documents for each query from a corpus (BM25, dense retrieval, or their fusion) or "
                    + "from a saved search engine, and write the rankings as a TREC run or CSV.",
            "With --method fusion and a corpus, BM25 and dense retrieval (--model) are both run and fused "
                    + "(reciprocal rank fusion, or --weights)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every query was retrieved and written",
            "1:some queries got nothing (named on stderr; the others are written), or a failure",
            "2:bad arguments or input with problems (file:line on stderr), an unknown model or engine"})
final class RetrieveCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;

    @Option(names = "--corpus", paramLabel = "FILE",
            description = "The documents: JSON Lines (_id, title, text), a BEIR folder, or CSV/TSV with a header.")
    Path corpus;

    @Option(names = "--queries", paramLabel = "FILE", required = true,
            description = "The queries: .jsonl ({\"_id\", \"text\"} per line, as BEIR's queries.jsonl) or .tsv "
                    + "(id<TAB>text).")
    Path queries;

    @Mixin
    RetrievalOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = "-",
            description = "Where to write the rankings; - (the default) is stdout. A file is written atomically.")
    String output;

    @Option(names = "--format", paramLabel = "trec|csv", defaultValue = "trec",
            description = "trec (default): qid Q0 docid rank score tag; csv: the app's ranked-list CSV.")
    RerankCommand.Format format;

    @Option(names = "--run-tag", paramLabel = "TAG", description = "The TREC run tag (default: the method).")
    String runTag;

    RetrieveCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public Integer call() throws Exception {
        boolean engine = options.methodName() == RetrievalOptions.MethodName.engine;
        if (engine == (corpus != null)) {
            throw new CliException(Cli.EXIT_USAGE, engine ? "--engine retrieves from a search engine; drop --corpus"
                    : "--corpus FILE is needed (or --engine NAME)");
        }
        if (options.methodName() == RetrievalOptions.MethodName.fusion && !options.fuse.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, "--fuse names runs of a project; without one, retrieve fuses "
                    + "BM25 with dense retrieval (--model): drop --fuse");
        }
        Path outputFile = CommandSupport.outputFile(output);
        List<Query> queryList = QueryFiles.read(queries);
        Path scratch = Files.createTempDirectory("rwb-retrieve");
        try (ContextSource.Lease lease = contexts.open()) {
            RetrievalService retrieval = lease.context().retrieval();
            Path file = scratch.resolve("retrieve.rwb");
            List<Ranking> rankings = new ArrayList<>();
            String method;
            try (ProjectStore store = ProjectStore.create(file)) {
                for (Query q : queryList) {
                    store.addQuery(q.id(), q.text());
                }
                if (corpus != null) {
                    addCorpus(retrieval, store);
                }
                RetrievalService.Report report;
                if (options.methodName() == RetrievalOptions.MethodName.fusion) {
                    RetrievalService.Method bm25 = RetrievalService.Bm25.of(options.k1, options.b, options.analysis);
                    RetrievalService.Method dense = new RetrievalService.Dense(options.denseModel());
                    ProjectRetrieveCommand.run(retrieval, store, bm25, options.topK, List.of(), err);
                    ProjectRetrieveCommand.run(retrieval, store, dense, options.topK, List.of(), err);
                    report = ProjectRetrieveCommand.run(retrieval, store, options.method(List.of(
                            bm25.kind() + ":" + bm25.model(), dense.kind() + ":" + dense.model())), options.topK,
                            List.of(), err);
                } else {
                    report = ProjectRetrieveCommand.run(retrieval, store, options.method(List.of()), options.topK,
                            List.of(), err);
                }
                method = report.model();
                for (RetrievalService.QueryOutcome q : report.queries()) {
                    if (q.problem() != null) {
                        err.println(Cli.PROGRAM + ": " + q.queryId() + ": " + q.problem());
                    }
                }
                for (StoredQuery q : store.listQueries()) {
                    List<StoredRun> runs = store.runs(q.id());
                    if (!runs.isEmpty()) {
                        rankings.add(runs.get(runs.size() - 1).ranking());
                    }
                }
                CommandSupport.writeRankings(rankings, format, tag(method), outputFile, out, lease);
                long failed = report.queries().size() - report.retrievedQueries();
                if (failed > 0) {
                    throw new CliException(Cli.EXIT_FAILURE, failed + " of " + report.queries().size()
                            + " queries got nothing; the others are written");
                }
            }
            return Cli.EXIT_OK;
        } finally {
            deleteTree(scratch);
        }
    }

    private void addCorpus(RetrievalService retrieval, ProjectStore store) throws CliException {
        CorpusImport.Result read = retrieval.readCorpus(corpus, CorpusImport.Columns.DEFAULT,
                ImportOptions.defaults());
        for (ImportProblem p : read.problems()) {
            err.println(p);
        }
        if (!read.ok()) {
            long n = ImportProblem.count(read.problems());
            throw new CliException(Cli.EXIT_USAGE, n + " problem" + (n == 1 ? "" : "s") + " in " + corpus);
        }
        retrieval.addToCorpus(store, read.documents(), ImportProgress.NONE);
    }

    private String tag(String method) {
        if (runTag != null) {
            return runTag;
        }
        String t = "rerank-workbench-" + method.replaceAll("\\s+", "_");
        return TrecRunWriter.isToken(t) ? t : "rerank-workbench-retrieve";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
