package io.rerankworkbench.cli;

import io.rerankworkbench.app.GradeChoice;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Evaluation;
import io.rerankworkbench.eval.metrics.Evaluator;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Scored;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.InputFormatException;
import io.rerankworkbench.io.imports.TrecQrelsReader;
import io.rerankworkbench.io.imports.TrecRunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rerank-workbench eval}: retrieval measures of TREC runs against TREC qrels, computed as trec_eval computes
 * them and printed, by default, in trec_eval's three columns. Definitions: docs/evaluate.md.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Evaluate TREC runs (qid Q0 docno rank score tag) against TREC qrels (qid iter docno grade) as "
                    + "trec_eval 9/10 does: documents by score, equal scores by docno descending; relevant = grade "
                    + ">= 1; unjudged documents are not relevant; a query is evaluated when both the run and the "
                    + "qrels have it.",
            "Prints trec_eval's columns (measure, query or all, value) under its measure names; with several "
                    + "runs, one block per run, each starting with its 'runid all FILE' line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, a malformed run or qrels file (file:line: problem), or a run with no query in the "
                    + "qrels"})
final class EvalCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { TREC, CSV, JSON }

    /** nDCG gain, as the option spells it. */
    enum GainOption { LINEAR, EXP }

    /** What {@code eval} prints without {@code -m}. */
    static final List<String> DEFAULT_MEASURES = List.of("num_ret", "num_rel", "num_rel_ret", "map", "recip_rank",
            "P_10", "recall_10", "ndcg_cut_10", "map_cut_10", "success_10", "judged_10");

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--qrels", paramLabel = "QRELS",
            description = "The judgments: qid iter docno grade per line (the iter column is ignored). Required "
                    + "with run files.")
    String qrels;

    @Parameters(arity = "1..*", paramLabel = "RUN",
            description = "One or more TREC run files, or one project file (.rwb) with --runs.")
    List<String> runs;

    @Option(names = "--runs", split = ",", paramLabel = "A,B…",
            description = "With a project file: the rankings to evaluate against its grades: original, ideal, a "
                    + "run number (3, run3, #3), KIND:MODEL or a model name (its newest completed run per query), a "
                    + "query variant's run (v2, v2:MODEL, v2.1; judged by the query's grades on the queries that "
                    + "have the variant), as 'compare --runs' names them. Default: every ranker with a completed run "
                    + "of a graded query, then each variant's (v1 · MODEL), then the original order.")
    List<String> projectRuns;

    @Option(names = "--grades", paramLabel = "RULE",
            description = "With a project file: which grade of a document counts — newest (whoever gave it; "
                    + "default), mean (of the annotators' current grades, rounded half up), max, or an annotator's "
                    + "name (that annotator's newest grades only).")
    String grades;

    @Option(names = "-m", paramLabel = "MEASURE",
            description = "A measure as trec_eval names it (ndcg_cut_10, P_5, recall_100, map, map_cut_10, "
                    + "recip_rank, success_1, judged_10, num_rel, num_rel_ret, num_ret), a family with trec_eval's "
                    + "default cut-offs (ndcg_cut, P, recall, map_cut, success, judged), a family with cut-offs "
                    + "(P.5,10), or all_trec. Repeatable. Default: " + "num_ret num_rel num_rel_ret map recip_rank "
                    + "P_10 recall_10 ndcg_cut_10 map_cut_10 success_10 judged_10.")
    List<String> measures;

    @Option(names = "-q", description = "Also the value of each measure for each query.")
    boolean perQuery;

    @Option(names = "-c", description = "Average over every query of the qrels; a query the run lacks counts 0 "
            + "(trec_eval -c). Without it, 'all' is over the queries both files have.")
    boolean complete;

    @Option(names = "-M", paramLabel = "DEPTH",
            description = "Evaluate only the first DEPTH documents of each query (after ordering; trec_eval -M).")
    Integer depth;

    @Option(names = "-J", description = "Remove unjudged documents from each ranking before computing (after -M; "
            + "trec_eval -J).")
    boolean judgedOnly;

    @Option(names = "-l", paramLabel = "LEVEL", defaultValue = "1",
            description = "The least grade that counts as relevant (default: ${DEFAULT-VALUE}; trec_eval -l). nDCG "
                    + "uses the grades themselves.")
    int level;

    @Option(names = "--gain", paramLabel = "linear|exp", defaultValue = "linear",
            description = "nDCG gain of grade g: linear g (default, trec_eval) or exp 2^g - 1.")
    GainOption gain;

    @Option(names = "--ideal", paramLabel = "cut|all", defaultValue = "cut",
            description = "nDCG@k's ideal DCG: from the best k judgments (cut, default, trec_eval) or from all "
                    + "judged documents (all, Quepid).")
    String ideal;

    @Option(names = "--format", paramLabel = "trec|csv|json", defaultValue = "trec",
            description = "trec (default): trec_eval's columns; csv: run,measure,query,value (with --compare: the "
                    + "comparison table instead); json: per run the conventions, the queries and all, and with "
                    + "--compare the comparisons (see docs/cli.md).")
    Format format;

    @Option(names = "--compare", description = "After the measures, compare every pair of runs per measure: means, "
            + "a paired two-sided randomization test (10,000 sign flips, seeded), a paired t-test, wins / ties / "
            + "losses over queries and, with more than two runs, Holm-corrected p-values. trec: a tab-separated "
            + "table after the measures; csv: only that table; json: a 'comparisons' array.")
    boolean compare;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = "-",
            description = "Where to write; - (the default) is stdout. A file is written atomically.")
    String output;

    EvalCommand(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public Integer call() throws Exception {
        Conventions conventions = conventions();
        List<MeasureSpec> specs = specs();
        boolean project = runs.size() == 1 && runs.get(0).toLowerCase(java.util.Locale.ROOT).endsWith(".rwb");
        int runCount = project ? (projectRuns == null ? 2 : projectRuns.size()) : runs.size();
        if (compare && runCount < 2) {
            throw new CliException(Cli.EXIT_USAGE, "--compare needs two or more runs");
        }
        Path outputFile = CommandSupport.outputFile(output);
        if (project) {
            if (qrels != null) {
                throw new CliException(Cli.EXIT_USAGE, "--qrels goes with run files; a project is evaluated against "
                        + "its own grades");
            }
            GradeChoice gradeChoice;
            try {
                gradeChoice = grades == null ? GradeChoice.NEWEST : GradeChoice.parse(grades);
            } catch (IllegalArgumentException e) {
                throw new CliException(Cli.EXIT_USAGE, e.getMessage());
            }
            List<EvalOutput.RunEvaluation> results = EvalProject.evaluate(CommandSupport.existingFile(runs.get(0)),
                    projectRuns, gradeChoice, specs, conventions);
            if (compare && results.size() < 2) {
                throw new CliException(Cli.EXIT_USAGE, "--compare needs two or more runs");
            }
            write(EvalOutput.render(results, format, perQuery, compare ? EvalComparison.rows(results, specs) : null),
                    outputFile);
            return Cli.EXIT_OK;
        }
        if (qrels == null) {
            throw new CliException(Cli.EXIT_USAGE, "Missing required option: '--qrels=QRELS' (or give a project "
                    + "file and --runs)");
        }
        if (projectRuns != null || grades != null) {
            throw new CliException(Cli.EXIT_USAGE, (projectRuns != null ? "--runs" : "--grades")
                    + " goes with a project file (.rwb), not with run files");
        }
        Path qrelsFile = CommandSupport.existingFile(qrels);
        List<Path> runFiles = new ArrayList<>();
        for (String r : runs) {
            runFiles.add(CommandSupport.existingFile(r));
        }
        Map<String, Map<String, Integer>> judgments = TrecQrelsReader.read(qrelsFile);
        List<EvalOutput.RunEvaluation> results = new ArrayList<>();
        for (Path runFile : runFiles) {
            Map<String, List<Scored>> run = read(runFile);
            if (run.keySet().stream().noneMatch(judgments::containsKey)) {
                throw new CliException(Cli.EXIT_USAGE, "no query of " + runFile + " is in " + qrelsFile
                        + " (a run's query ids must match the qrels' first column)");
            }
            Evaluation evaluation = Evaluator.evaluate(run, judgments, specs, conventions);
            noteMissing(runFile, evaluation);
            results.add(new EvalOutput.RunEvaluation(runFile.toString(), evaluation));
        }
        write(EvalOutput.render(results, format, perQuery, compare ? EvalComparison.rows(results, specs) : null),
                outputFile);
        return Cli.EXIT_OK;
    }

    private void write(String text, Path outputFile) throws CliException {
        if (outputFile == null) {
            out.print(text);
            out.flush();
            if (out.checkError()) {
                throw new CliException(Cli.EXIT_FAILURE, "stdout: could not write the evaluation (full disk or "
                        + "closed pipe?)");
            }
        } else {
            try {
                AtomicFiles.write(outputFile, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new CliException(Cli.EXIT_FAILURE, output + ": could not write: " + e.getMessage());
            }
        }
    }

    /** Which of trec_eval's two averages is in effect matters when the run lacks queries: say so on stderr. */
    private void noteMissing(Path runFile, Evaluation evaluation) {
        int n = evaluation.missing().size();
        if (n == 0) {
            return;
        }
        String queries = n + (n == 1 ? " query" : " queries") + " of the qrels " + (n == 1 ? "is" : "are");
        err.println("note: " + queries + " not in " + runFile + (complete
                ? "; counted as 0 in 'all' (-c)"
                : "; left out of 'all' (-c counts them as 0)"));
        err.flush();
    }

    private Conventions conventions() throws CliException {
        Conventions c = Conventions.TREC_EVAL.withCompleteQueries(complete).withJudgedOnly(judgedOnly)
                .withRelevanceLevel(level)
                .withGain(gain == GainOption.EXP ? Conventions.Gain.EXPONENTIAL : Conventions.Gain.LINEAR);
        c = switch (ideal.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "cut" -> c.withIdeal(Conventions.Ideal.CUT_AT_K);
            case "all" -> c.withIdeal(Conventions.Ideal.ALL_JUDGED);
            default -> throw new CliException(Cli.EXIT_USAGE, "--ideal must be cut or all, was " + ideal);
        };
        if (depth != null) {
            if (depth < 1) {
                throw new CliException(Cli.EXIT_USAGE, "-M must be 1 or more, was " + depth);
            }
            c = c.withDepth(depth);
        }
        return c;
    }

    private List<MeasureSpec> specs() throws CliException {
        Set<MeasureSpec> specs = new LinkedHashSet<>();
        for (String m : measures == null ? DEFAULT_MEASURES : measures) {
            try {
                specs.addAll(MeasureSpec.parse(m));
            } catch (IllegalArgumentException e) {
                throw new CliException(Cli.EXIT_USAGE, "-m: " + e.getMessage());
            }
        }
        return List.copyOf(specs);
    }

    private static Map<String, List<Scored>> read(Path file) throws InputFormatException {
        Map<String, List<Scored>> run = new LinkedHashMap<>();
        for (TrecRunReader.Query q : TrecRunReader.read(file).queries()) {
            double[] scores = q.scores();
            List<Scored> docs = new ArrayList<>(scores.length);
            for (int i = 0; i < scores.length; i++) {
                docs.add(new Scored(q.docnos().get(i), scores[i]));
            }
            run.put(q.id(), docs);
        }
        return run;
    }
}
