package io.rerankworkbench.cli;

import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.eval.compare.AgreementOverQueries;
import io.rerankworkbench.eval.compare.ListAgreements;
import io.rerankworkbench.eval.compare.QueryAgreement;
import io.rerankworkbench.eval.compare.RankedList;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.InputFormatException;
import io.rerankworkbench.io.imports.TrecRunReader;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code rerank-workbench compare}: how far two rankers agree, over the queries both ranked — two TREC run files, or
 * two rankings of a project's queries. Measures and their definitions: docs/compare.md.
 */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Compare two rankers over the queries both ranked: Kendall's tau-b and Spearman's rho over the shared "
                    + "documents, rank-biased overlap (lower bound, residual, extrapolated), Jaccard and overlap at "
                    + "k, documents entered and dropped at k; means over the queries and a histogram of tau-b.",
            "Either two TREC run files (qid Q0 docno rank score tag; ordered as trec_eval orders them: score "
                    + "descending, equal scores by docno descending; equal scores tie), or a project file with "
                    + "--runs A,B.",
            "A is the reference: 'entered' documents are in B's top k but not A's."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, a malformed run file (file:line: problem), a project that cannot be opened, or no "
                    + "query that both rankings cover"})
final class CompareCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { TEXT, CSV, JSON }

    private static final String PROJECT_EXTENSION = ".rwb";

    private final PrintStream out;

    @Parameters(arity = "1..2", paramLabel = "RUN_A RUN_B | PROJECT.rwb", hideParamSyntax = true,
            description = "Two TREC run files (A, then B), or one project file with --runs.")
    List<String> inputs;

    @Option(names = "--runs", split = ",", paramLabel = "A,B", hideParamSyntax = true,
            description = "With a project: the two rankings to compare, each a run number (3, run3, #3), a model "
                    + "name or KIND:MODEL (the newest completed run of that ranker in each query), original or "
                    + "ideal (documents by grade); for a query's variants v2 (the newest completed run of variant 2), "
                    + "v2.1 (run 1 of variant 2) or v2:MODEL (the newest completed run of variant 2 by that ranker).")
    List<String> runs;

    @Option(names = "--k", paramLabel = "K", defaultValue = "" + ListAgreements.DEFAULT_K,
            description = "Cut-off of Jaccard, overlap, entered and dropped (default: ${DEFAULT-VALUE}); 0 for all "
                    + "(each query's longer list).")
    int k;

    @Option(names = "--rbo-p", paramLabel = "P", defaultValue = "" + ListAgreements.DEFAULT_P,
            description = "Persistence of rank-biased overlap, between 0 and 1 (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--per-query",
            description = "Also one line per query, most disagreement first (lowest tau-b, then lowest RBO, then "
                    + "query id; queries without tau-b last).")
    boolean perQuery;

    @Option(names = "--format", paramLabel = "text|csv|json", defaultValue = "text",
            description = "text (default): tables for reading; csv: one row of means, or with --per-query one row "
                    + "per query; json: everything (see docs/cli.md).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = "-",
            description = "Where to write; - (the default) is stdout. A file is written atomically.")
    String output;

    CompareCommand(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public Integer call() throws Exception {
        if (k < 0) {
            throw new CliException(Cli.EXIT_USAGE, "--k must be 0 (all) or more, was " + k);
        }
        if (!(p > 0 && p < 1)) {
            throw new CliException(Cli.EXIT_USAGE, "--rbo-p must lie strictly between 0 and 1, was "
                    + String.format(Locale.ROOT, "%s", p));
        }
        Path outputFile = CommandSupport.outputFile(output);
        CompareOutput.Comparison comparison;
        if (inputs.size() == 1) {
            comparison = overProject(projectFile(inputs.get(0)));
        } else {
            if (runs != null) {
                throw new CliException(Cli.EXIT_USAGE, "--runs names rankings of a project; with two run files "
                        + "leave it out");
            }
            comparison = overRunFiles(CommandSupport.existingFile(inputs.get(0)),
                    CommandSupport.existingFile(inputs.get(1)));
        }
        String text = CompareOutput.render(comparison, format, perQuery);
        try {
            if (outputFile == null) {
                out.print(text);
                out.flush();
                if (out.checkError()) {
                    throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the comparison (full disk or "
                            + "closed pipe?)");
                }
            } else {
                AtomicFiles.write(outputFile, o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, output + ": could not write: " + e.getMessage());
        }
        return Cli.EXIT_OK;
    }

    private Path projectFile(String name) throws CliException {
        if (!name.toLowerCase(Locale.ROOT).endsWith(PROJECT_EXTENSION)) {
            throw new CliException(Cli.EXIT_USAGE, "give two run files, or a project file (" + PROJECT_EXTENSION
                    + ") with --runs A,B; got only " + name);
        }
        if (runs == null || runs.size() != 2) {
            throw new CliException(Cli.EXIT_USAGE, "--runs A,B must name two rankings of " + name
                    + (runs == null ? "" : ", got " + runs.size()) + " (see 'project runs " + name + "')");
        }
        return CommandSupport.existingFile(name);
    }

    private CompareOutput.Comparison overRunFiles(Path fileA, Path fileB) throws InputFormatException,
            CliException {
        Map<String, TrecRunReader.Query> a = TrecRunReader.read(fileA).byId();
        Map<String, TrecRunReader.Query> b = TrecRunReader.read(fileB).byId();
        List<QueryAgreement> agreements = new ArrayList<>();
        for (TrecRunReader.Query qa : a.values()) {
            TrecRunReader.Query qb = b.get(qa.id());
            if (qb != null) {
                agreements.add(new QueryAgreement(qa.id(), ListAgreements.compare(list(qa), list(qb), k, p)));
            }
        }
        int onlyA = a.size() - agreements.size();
        int onlyB = b.size() - agreements.size();
        if (agreements.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, "no query is in both runs (" + fileA + ": " + queries(a.size())
                    + ", " + fileB + ": " + queries(b.size()) + ")");
        }
        return new CompareOutput.Comparison(null, fileA.toString(), fileB.toString(), k, p,
                AgreementOverQueries.of(agreements), onlyA, onlyB, -1);
    }

    private static RankedList list(TrecRunReader.Query q) {
        return RankedList.scored(q.docnos(), q.scores());
    }

    private CompareOutput.Comparison overProject(Path project) throws CliException {
        RankingRef refA = ref(runs.get(0));
        RankingRef refB = ref(runs.get(1));
        AgreementOverQueries result;
        int projectQueries;
        try (ProjectStore store = ProjectStore.open(project)) {
            result = new CompareService(() -> store).overQueries(refA, refB, k, p, CancellationToken.NONE);
            projectQueries = store.listQueries().size();
        } catch (ProjectOpenException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        } catch (StoreException e) {
            throw new CliException(Cli.EXIT_FAILURE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, project + ": could not be closed: " + e.getMessage());
        }
        if (result.queries().isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, "none of the " + queries(projectQueries) + " of " + project
                    + " has both " + describe(refA) + " and " + describe(refB) + " (see 'project runs " + project
                    + "')");
        }
        return new CompareOutput.Comparison(project.toString(), refA.label(), refB.label(), k, p, result,
                0, 0, projectQueries);
    }

    private static RankingRef ref(String text) throws CliException {
        try {
            return RankingRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(Cli.EXIT_USAGE, "--runs: " + e.getMessage());
        }
    }

    private static String describe(RankingRef ref) {
        if (ref instanceof RankingRef.ByRanker r) {
            return "a completed run of " + (r.rankerKind() == null ? "" : r.rankerKind() + ":") + r.model();
        }
        if (ref instanceof RankingRef.ByVariant v) {
            return "a completed run of variant " + v.variant() + (v.model() == null ? ""
                    : " by " + (v.rankerKind() == null ? "" : v.rankerKind() + ":") + v.model());
        }
        if (ref instanceof RankingRef.VariantRun v) {
            return "run " + v.run() + " of variant " + v.variant();
        }
        if (ref instanceof RankingRef.Ideal) {
            return "grades (the ideal order)";
        }
        return ref.label();
    }

    private static String queries(int n) {
        return n + (n == 1 ? " query" : " queries");
    }
}
