package io.rerankworkbench.cli;

import io.rerankworkbench.app.RetrievalException;
import io.rerankworkbench.app.RetrievalService;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoreException;
import io.rerankworkbench.store.StoredQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code project retrieve FILE.rwb --method …}: fills a project's queries' candidates from its corpus (BM25, dense),
 * from fused runs or from a search engine, keeping each first-stage ranking as a run — the window's Run > Retrieve
 * candidates….
 */
@Command(name = "retrieve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Retrieve candidates for a project's queries and keep each query's first-stage ranking as a run (kind "
                    + "bm25, dense retrieval, fusion or search engine), to rerank, compare and evaluate like any "
                    + "other. BM25 and dense retrieval search the project's corpus (see 'project corpus').",
            "A query without runs gets exactly the retrieved candidates (its grades stay); a query with runs keeps "
                    + "its candidates and gains the retrieved documents it lacked. Indexes are kept in "
                    + "FILE.rwb.index beside the project and rebuilt when the corpus changes; document embeddings "
                    + "are kept in the project."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every chosen query got its candidates and run",
            "1:some queries got nothing (each is named on stderr; the others are kept), or a failure",
            "2:bad arguments, a project that cannot be opened, no corpus, an unknown model, engine or query id"})
final class ProjectRetrieveCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;

    @Parameters(index = "0", paramLabel = "FILE.rwb", description = "The project.")
    Path project;

    @Mixin
    RetrievalOptions options;

    @Option(names = "--queries", split = ",", paramLabel = "ID[,ID…]",
            description = "Only these queries (their ids as shown in the app); default: all.")
    List<String> queries;

    ProjectRetrieveCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public Integer call() throws CliException {
        RetrievalService.Method method = options.method(options.fuse);
        String file = project.getFileName() == null ? project.toString() : project.getFileName().toString();
        try (ContextSource.Lease lease = contexts.open(); ProjectStore store = ProjectStore.open(project)) {
            RetrievalService retrieval = lease.context().retrieval();
            List<Long> rows = rows(store, file);
            RetrievalService.Report report = run(retrieval, store, method, options.topK, rows, err);
            out.println(report.summary());
            List<RetrievalService.QueryOutcome> failed = report.queries().stream()
                    .filter(q -> q.problem() != null).toList();
            for (RetrievalService.QueryOutcome q : failed) {
                err.println(Cli.PROGRAM + ": " + q.queryId() + ": " + q.problem());
            }
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the summary");
            }
            if (!failed.isEmpty()) {
                throw new CliException(Cli.EXIT_FAILURE, failed.size() + " of " + report.queries().size()
                        + " queries got no candidates; the others are kept in " + file);
            }
            return Cli.EXIT_OK;
        } catch (ProjectOpenException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        } catch (StoreException e) {
            throw new CliException(Cli.EXIT_FAILURE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, project + ": could not close: " + e.getMessage());
        }
    }

    /** Retrieves with a progress bar per phase on stderr; no corpus or model → exit 2. */
    static RetrievalService.Report run(RetrievalService retrieval, ProjectStore store, RetrievalService.Method method,
                                       int depth, List<Long> rows, PrintStream err) throws CliException {
        Map<String, StderrProgress> bars = new HashMap<>();
        String[] current = {null};
        try {
            RetrievalService.Report report = retrieval.retrieve(store, new RetrievalService.Request(method,
                    depth, rows), (what, done, total) -> {
                        if (!what.equals(current[0])) {
                            if (current[0] != null) {
                                bars.get(current[0]).finish();
                            }
                            current[0] = what;
                            bars.put(what, new StderrProgress(err, System::nanoTime, what));
                        }
                        bars.get(what).progress(done, total);
                    }, CancellationToken.NONE);
            if (current[0] != null) {
                bars.get(current[0]).finish();
            }
            return report;
        } catch (RetrievalException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        }
    }

    private List<Long> rows(ProjectStore store, String file) throws CliException {
        if (queries == null) {
            return List.of();
        }
        Map<String, Long> byId = new HashMap<>();
        for (StoredQuery q : store.listQueries()) {
            byId.put(q.externalId(), q.id());
        }
        List<Long> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(queries)) {
            Long row = byId.get(id.strip());
            if (row == null) {
                missing.add(id);
            } else {
                rows.add(row);
            }
        }
        if (!missing.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, file + " has no quer" + (missing.size() == 1 ? "y " : "ies ")
                    + String.join(", ", missing));
        }
        return rows;
    }
}
