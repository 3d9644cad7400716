package io.rerankworkbench.cli;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.RerankFlow;
import io.rerankworkbench.app.RerankFlow.Plan;
import io.rerankworkbench.app.RerankFlow.RankerOutcome;
import io.rerankworkbench.app.RerankFlow.RankerPlan;
import io.rerankworkbench.app.RerankFlow.RankerProgress;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.LongDocuments;
import io.rerankworkbench.rerank.RerankException;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoreException;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import picocli.CommandLine.Command;
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
 * {@code project rerank FILE.rwb --ranker NAME…}: reranks a project's queries with one or more rankers, keeping one
 * run per ranker and query, through the same flow as the window's Rerank with several rankers….
 */
@Command(name = "rerank",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Rerank the queries of a project with one or more rankers, keeping one run per ranker and query in the "
                    + "project (as the app's Run > Rerank with several rankers does). Each ranker ranks every "
                    + "chosen query that has candidates; one ranker's failure does not stop the others.",
            "Prints one line per ranker: the runs kept, or what failed. A paid endpoint's estimate is printed on "
                    + "stderr before anything is sent."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every ranker kept a complete run for every chosen query",
            "1:a ranker or a query failed (the other runs are kept; the ranker's line says what failed), or an "
                    + "unexpected failure (set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, a project that cannot be opened, an unknown ranker or query id, or no chosen query "
                    + "with candidates; nothing was run"})
final class ProjectRerankCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;

    @Parameters(index = "0", paramLabel = "FILE.rwb", description = "The project.")
    Path project;

    @Option(names = "--ranker", paramLabel = "NAME",
            description = "A ranker: a model of the library by name (see 'models list'), a model folder's path, or "
                    + "a saved endpoint by name. Repeat for several; each runs over the same queries.")
    List<String> rankers = new ArrayList<>();

    @Option(names = "--model", paramLabel = "NAME",
            description = "A model by name or folder: the same as --ranker, for readability.")
    List<String> models = new ArrayList<>();

    @Option(names = "--endpoint", paramLabel = "NAME",
            description = "A saved endpoint by name: the same as --ranker, for readability.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--queries", split = ",", paramLabel = "ID[,ID…]",
            description = "Only these queries (their ids as shown in the app); default: all with candidates.")
    List<String> queries;

    @Option(names = "--variant", paramLabel = "N",
            description = "Rerank variant N of the one query named by --queries (see 'project variants') with the one "
                    + "ranker given, keeping the run as the variant's.")
    Integer variant;

    @Option(names = "--long-documents", paramLabel = "truncate|chunk", defaultValue = "truncate",
            description = "Documents longer than a local model reads: truncate (default) or chunk (a document "
                    + "scores as its best window). Endpoints decide for themselves.")
    LongDocuments longDocuments;

    ProjectRerankCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public Integer call() throws CliException {
        List<String> rankers = new ArrayList<>(this.rankers);
        rankers.addAll(models);
        rankers.addAll(endpoints);
        if (rankers.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, "Missing required option: '--ranker=NAME' (or --model, "
                    + "--endpoint; see 'rerank-workbench project rerank --help')");
        }
        if (rankers.stream().anyMatch(String::isBlank)) {
            throw new CliException(Cli.EXIT_USAGE, "--ranker: an empty name");
        }
        if (queries != null && queries.stream().anyMatch(String::isBlank)) {
            throw new CliException(Cli.EXIT_USAGE, "--queries: an empty query id");
        }
        String file = project.getFileName() == null ? project.toString() : project.getFileName().toString();
        if (variant != null && (rankers.size() != 1 || queries == null || queries.size() != 1)) {
            throw new CliException(Cli.EXIT_USAGE, "--variant reranks one variant of one query with one ranker: give "
                    + "one --ranker and one id in --queries");
        }
        try (ContextSource.Lease lease = contexts.open(); ProjectStore store = ProjectStore.open(project)) {
            RerankFlow flow = RerankFlow.on(store, lease.context().catalog());
            if (variant != null) {
                return rerankVariant(flow, store, rankers.get(0), file);
            }
            Plan plan;
            try {
                plan = flow.plan(rankers, rows(store, file));
            } catch (IllegalArgumentException e) {
                throw new CliException(Cli.EXIT_USAGE, e.getMessage());
            }
            if (plan.queries().isEmpty()) {
                throw new CliException(Cli.EXIT_USAGE, file + ": " + (queries == null ? "no query has"
                        : "none of the chosen queries has") + " candidates to rerank");
            }
            for (RankerPlan paid : plan.paid()) {
                err.println(Cli.PROGRAM + ": " + paid.ranker() + ": " + paid.estimate()
                        + " (billed by the provider)");
            }
            List<RankerOutcome> outcomes = run(flow, plan);
            for (RankerOutcome o : outcomes) {
                out.println(o.ranker() + ": " + o.summary());
            }
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the summary");
            }
            long failed = outcomes.stream().filter(o -> !o.clean()).count();
            if (failed > 0) {
                throw new CliException(Cli.EXIT_FAILURE, failed + " of " + outcomes.size() + " rankers did not "
                        + "keep a run for every query; the runs that finished are kept in " + file);
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

    /** Reranks variant {@link #variant} of the one chosen query with {@code ranker}. */
    private int rerankVariant(RerankFlow flow, ProjectStore store, String ranker, String file)
            throws CliException, IOException {
        String id = queries.get(0).strip();
        StoredQuery q = store.listQueries().stream().filter(s -> s.externalId().equals(id))
                .findFirst().orElseThrow(() -> new CliException(Cli.EXIT_USAGE, file + " has no query " + id));
        StoredVariant v = new io.rerankworkbench.store.VariantRepository(store).list(q.id())
                .stream().filter(s -> s.number() == variant).findFirst().orElseThrow(() -> new CliException(
                        Cli.EXIT_USAGE, "query " + id + " has no variant " + variant + " (see 'project variants')"));
        Reranker r;
        try {
            r = flow.catalog().open(ranker);
        } catch (RuntimeException e) {
            throw new CliException(Cli.EXIT_USAGE, ranker + ": " + e.getMessage());
        }
        StderrProgress bar = new StderrProgress(err, System::nanoTime, ranker);
        try {
            StoredRun run = flow.rerankVariant(v.id(), r, new RerankOptions(longDocuments,
                    RerankOptions.DEFAULT_CHUNK_OVERLAP), bar, CancellationToken.NONE);
            out.println(ranker + ": variant " + v.number() + " of " + id + " (" + v.text() + ") kept as its run "
                    + run.number());
            return run.status() == RunStatus.COMPLETED ? Cli.EXIT_OK : Cli.EXIT_FAILURE;
        } catch (IllegalArgumentException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        } catch (RerankException e) {
            throw new CliException(Cli.EXIT_FAILURE, ranker + ": " + e.getMessage());
        } finally {
            bar.finish();
        }
    }

    /** Every ranker in turn on this thread, with a progress bar on stderr for each. */
    private List<RankerOutcome> run(RerankFlow flow, Plan plan) {
        List<List<RankerOutcome>> result = new ArrayList<>(1);
        Map<String, StderrProgress> bars = new HashMap<>();
        flow.start(new CurrentThreadTaskRunner(), plan, new RerankOptions(longDocuments,
                RerankOptions.DEFAULT_CHUNK_OVERLAP), new RerankFlow.Listener() {
            @Override
            public void started(String ranker) {
                bars.put(ranker, new StderrProgress(err, System::nanoTime, ranker));
            }

            @Override
            public void progressed(RankerProgress p) {
                bars.get(p.ranker()).progress(p.documentsDone(), p.documents());
            }

            @Override
            public void finished(RankerOutcome outcome) {
                StderrProgress bar = bars.remove(outcome.ranker());
                if (bar != null) {
                    bar.finish();
                }
            }

            @Override
            public void allFinished(List<RankerOutcome> outcomes) {
                result.add(outcomes);
            }
        });
        return result.get(0);
    }

    /** The row ids of {@code --queries}, or null for all; warns about chosen queries without candidates. */
    private List<Long> rows(ProjectStore store, String file) throws CliException {
        if (queries == null) {
            return null;
        }
        Map<String, QuerySummary> byId = new HashMap<>();
        for (QuerySummary q : store.querySummaries()) {
            byId.put(q.query().externalId(), q);
        }
        List<Long> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(queries)) {
            QuerySummary q = byId.get(id);
            if (q == null) {
                missing.add(id);
            } else {
                rows.add(q.query().id());
                if (q.candidates() == 0) {
                    err.println(Cli.PROGRAM + ": warning: query " + id + " has no candidates; left out");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, file + " has no quer" + (missing.size() == 1 ? "y " : "ies ")
                    + String.join(", ", missing));
        }
        return rows;
    }
}
