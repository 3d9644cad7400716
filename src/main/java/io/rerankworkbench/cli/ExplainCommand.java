package io.rerankworkbench.cli;

import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ExplainException;
import io.rerankworkbench.app.ExplainService;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.explain.Block;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Granularity;
import io.rerankworkbench.explain.Occlusion;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.explain.Pick;
import io.rerankworkbench.io.CandidateFiles;
import io.rerankworkbench.io.InputFormatException;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static io.rerankworkbench.cli.CommandSupport.remoteCall;

/**
 * {@code rerank-workbench explain}: why a ranker scored one document as it did, as a map (attention, token
 * contributions, token similarity or occlusion) written as JSON, CSV or PNG. The same service makes the maps the
 * window's Explain view shows.
 *
 * <p>As in {@code rerank}, whatever can be checked cheaply (arguments, output folder, document file, model name) is
 * checked before the model is loaded; what depends on the model (its methods, layers, heads, blocks) is checked as
 * soon as it is known, and before anything is written.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Explain why a ranker scored a document as it did, as a map of query words against document words: "
                    + "attention (cross-encoders; a bi-encoder's self-attention), token contributions (mean-pooled "
                    + "bi-encoders such as all-MiniLM-L6-v2: the cells add up to the score), token similarity (other "
                    + "bi-encoders, such as bge-small; not a decomposition), or occlusion (any ranker, hosted ones "
                    + "too: each word or sentence taken out and the document scored again; the value is the drop).",
            "Local models by name or folder (--model), or a remote rerank API (--provider/--base-url, or --endpoint "
                    + "for one saved in the app; keys come from environment variables or the app's key store, never "
                    + "from options). A hosted ranker can only be explained by occlusion, which sends requests that "
                    + "the provider bills: the requests, documents and search units are printed on stderr before "
                    + "they are sent, without asking.",
            "The JSON layout is described in docs/explain.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure, a library model could not be loaded, or a remote API failed (a partly failed "
                    + "occlusion writes nothing; set RWB_DEBUG=1 for a stack trace)",
            "2:bad arguments, a missing or unreadable document file, a method the ranker cannot explain by, a layer "
                    + "or head out of range, a model folder given with --model that cannot be loaded, or a remote "
                    + "endpoint that is not usable as set up (missing or rejected key, bad URL, unknown endpoint)"})
final class ExplainCommand implements Callable<Integer> {

    private static final String MEAN = "mean";

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;

    @Spec
    CommandSpec spec;

    @Option(names = "--query", paramLabel = "TEXT", required = true, description = "The query.")
    String query;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DocumentSource documentSource;

    /** Exactly one of these is given. */
    static final class DocumentSource {
        @Option(names = "--document", paramLabel = "TEXT", required = true, description = "The document.")
        String text;

        @Option(names = "--document-file", paramLabel = "FILE", required = true,
                description = "A UTF-8 text file whose whole content is the document (line breaks kept; blank "
                        + "space around it dropped).")
        Path file;
    }

    @Option(names = "--model", paramLabel = "NAME|PATH",
            description = "A model of the library by name (see 'models list'; default: the library's default), "
                    + "or the path of a model folder. With --provider: the remote model (default: the provider's).")
    String model;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--method", paramLabel = "METHOD", converter = MethodConverter.class,
            description = "attention, contributions, similarity or occlusion (default: the ranker's first: contributions for a mean-pooled bi-encoder, "
                    + "similarity for another bi-encoder, attention for a cross-encoder, occlusion for a remote "
                    + "ranker).")
    ExplainMethod method;

    @Option(names = "--layer", paramLabel = "N|mean",
            description = "Attention: the layer, counted from 1, or mean (default) for the mean of all layers.")
    String layer;

    @Option(names = "--head", paramLabel = "N|mean",
            description = "Attention: the head, counted from 1, or mean (default) for the mean of all heads.")
    String head;

    @Option(names = "--block", paramLabel = "BLOCK", converter = BlockConverter.class,
            description = "Attention: which part of the matrix: query-to-document (the default for a "
                    + "cross-encoder), document-to-query, both (their mean); query-self (the default for a "
                    + "bi-encoder, which reads the two texts apart) or document-self.")
    Block block;

    @Option(names = "--word-pieces",
            description = "Show the model's own tokens (##ing) instead of words (attention, contributions, "
                    + "similarity).")
    boolean wordPieces;

    @Option(names = "--unit", paramLabel = "word|sentence",
            description = "Occlusion: what is taken out, one at a time (default: word for documents up to "
                    + Occlusion.WORD_LIMIT + " words, sentence beyond).")
    OcclusionUnit unit;

    @Option(names = "--format", paramLabel = "json|csv|png", defaultValue = "json",
            description = "json (default): the whole explanation (words, character offsets, values, layer, head, "
                    + "method, ranker, score); csv: one row per cell; png: the map drawn at 2x scale, which needs "
                    + "--output FILE (or standard output that is not a terminal).")
    ExplainService.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", defaultValue = "-",
            description = "Where to write the explanation; - (the default) is stdout. A file is written "
                    + "atomically.")
    String output;

    ExplainCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /** The layer and head as the model counts them (0-based, or {@link Pick#MEAN}); null when not given. */
    private record Choice(String option, String given, int index) {
    }

    @Override
    public Integer call() throws Exception {
        remote.validate(spec.commandLine());
        if (query.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--query must not be empty");
        }
        if (documentSource.text != null && documentSource.text.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--document must not be empty");
        }
        Choice layerChoice = choice("--layer", layer);
        Choice headChoice = choice("--head", head);
        if (method != null) {
            checkOptionsFit(method, null);
        }
        Path outputFile = CommandSupport.outputFile(output);
        if (outputFile == null && format == ExplainService.Format.PNG && out == System.out
                && System.console() != null) {
            throw new ParameterException(spec.commandLine(),
                    "--format png writes an image: give --output FILE, or redirect standard output");
        }
        if (remote.endpoint != null && model != null) {
            throw new ParameterException(spec.commandLine(), "--endpoint already names the model; drop --model");
        }
        ExplainService service = new ExplainService(null);
        try (ContextSource.Lease lease = contexts.open()) {
            Reranker ranker;
            String rankerName;
            String document;
            if (remote.isRemote()) {
                document = readDocument();
                ranker = remoteCall(() -> CommandSupport.openRemote(lease.context(), remote, model));
                rankerName = remote.endpoint != null
                        ? lease.context().catalog().canonicalName(remote.endpoint).orElse(remote.endpoint)
                        : ranker.kind().replaceFirst("^remote ", "") + " · " + ranker.model();
            } else {
                RankerService rankers = lease.context().rankers();
                String modelName = CommandSupport.modelName(rankers, model);
                document = readDocument();
                ranker = CommandSupport.open(rankers, modelName);
                rankerName = ranker.model();
            }
            List<ExplainMethod> offered = service.methods(ranker);
            ExplainMethod chosen = method != null ? method : offered.get(0);
            checkOptionsFit(chosen, ranker);
            ExplanationMap map;
            if (chosen == ExplainMethod.OCCLUSION) {
                // The score comes out of occlusion as its baseline; scoring the pair first would be one more
                // (billed) request.
                map = occlude(service, ranker, rankerName, subject(document, Double.NaN));
            } else {
                checkOffered(chosen, offered, ranker);
                // A hosted ranker cannot show its maps (the service says so); never send it a billed request first.
                double score = remote.isRemote() ? Double.NaN : score(ranker, document);
                map = modelMap(service, ranker, rankerName, subject(document, score), chosen, layerChoice,
                        headChoice);
            }
            write(map, outputFile);
        }
        return 0;
    }

    private ExplainService.Subject subject(String document, double score) {
        return new ExplainService.Subject(0, query.strip(), "1", document, score, null, RerankOptions.DEFAULT);
    }

    /** The score {@code rerank} gives the pair, printed beside the map (contributions add up to it). */
    private double score(Reranker ranker, String document) {
        return ranker.rerank(new Query("1", query.strip()), List.of(new Candidate(1, "1", document)),
                RerankOptions.DEFAULT, ProgressListener.NONE, CancellationToken.NONE).results().get(0).score();
    }

    private String readDocument() throws InputFormatException {
        return documentSource.file != null ? CandidateFiles.readOne(documentSource.file)
                : documentSource.text.strip();
    }

    /** {@code N} (from 1) or {@code mean}; the number's range is checked once the model is known. */
    private Choice choice(String option, String value) {
        if (value == null) {
            return new Choice(option, null, Pick.MEAN);
        }
        String v = value.strip();
        if (v.equalsIgnoreCase(MEAN)) {
            return new Choice(option, v, Pick.MEAN);
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return new Choice(option, v, n - 1);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ParameterException(spec.commandLine(), option + " takes a number from 1, or mean; was '"
                + value + "'");
    }

    /**
     * Options that only one method reads are refused with another, so nobody believes a map shows what they
     * asked for. {@code ranker} is null while the method is known from the command line only.
     */
    private void checkOptionsFit(ExplainMethod m, Reranker ranker) {
        String why = ranker == null || method != null ? " with --method " + m.cliName()
                : "; " + ranker.model() + " is explained by " + m.cliName() + " by default (see --method)";
        if (m != ExplainMethod.ATTENTION) {
            String attentionOnly = layer != null ? "--layer" : head != null ? "--head" : block != null ? "--block"
                    : null;
            if (attentionOnly != null) {
                throw new ParameterException(spec.commandLine(), attentionOnly + " applies to attention maps, not"
                        + why);
            }
        }
        if (m == ExplainMethod.OCCLUSION && wordPieces) {
            throw new ParameterException(spec.commandLine(), "--word-pieces does not apply" + why
                    + " (occlusion takes out words or sentences; see --unit)");
        }
        if (m != ExplainMethod.OCCLUSION && unit != null) {
            throw new ParameterException(spec.commandLine(), "--unit applies to occlusion, not" + why);
        }
    }

    /**
     * Token maps the ranker does not offer, with the reason; the service's own message covers the rest (a hosted
     * ranker, attention a model does not expose).
     */
    private static void checkOffered(ExplainMethod m, List<ExplainMethod> offered, Reranker ranker)
            throws CliException {
        if (offered.contains(m) || m == ExplainMethod.ATTENTION || !offered.contains(ExplainMethod.ATTENTION)) {
            return;
        }
        String prefix = "--method " + m.cliName() + ": " + ranker.model();
        String instead = "; it offers " + offered.stream().map(ExplainMethod::cliName)
                .collect(Collectors.joining(", "));
        if (m == ExplainMethod.CONTRIBUTIONS && offered.contains(ExplainMethod.SIMILARITY)) {
            throw new CliException(Cli.EXIT_USAGE, prefix + " does not mean-pool, so its token pairs do not add "
                    + "up to the score" + instead);
        }
        if (m == ExplainMethod.SIMILARITY && offered.contains(ExplainMethod.CONTRIBUTIONS)) {
            throw new CliException(Cli.EXIT_USAGE, prefix + " mean-pools, so its token map is contributions, "
                    + "which add up to the score" + instead);
        }
        throw new CliException(Cli.EXIT_USAGE, prefix + " gives no token vectors (a " + ranker.kind()
                + "; token maps need a bi-encoder that returns them)" + instead);
    }

    private ExplanationMap modelMap(ExplainService service, Reranker ranker, String rankerName,
                                    ExplainService.Subject subject, ExplainMethod m, Choice layerChoice,
                                    Choice headChoice) throws CliException {
        ExplainService.ModelMaps maps;
        try {
            maps = service.modelMaps(ranker, subject, m, CancellationToken.NONE);
        } catch (ExplainException e) {
            throw new CliException(Cli.EXIT_USAGE, (method != null ? "--method " + m.cliName() + ": " : "")
                    + e.getMessage());
        }
        Granularity granularity = wordPieces ? Granularity.WORD_PIECES : Granularity.WORDS;
        if (maps instanceof ExplainService.Contributions c) {
            return c.map(granularity, rankerName, subject.score());
        }
        ExplainService.Attention a = (ExplainService.Attention) maps;
        int l = inRange(layerChoice, a.maps().layers(), "layers", ranker);
        int h = inRange(headChoice, a.maps().heads(), "heads per layer", ranker);
        List<Block> blocks = a.maps().blocks();
        Block b = block != null ? block : blocks.get(0);
        if (!blocks.contains(b)) {
            throw new CliException(Cli.EXIT_USAGE, "--block " + BlockConverter.name(b) + ": the attention of "
                    + ranker.model() + " has the blocks " + blocks.stream().map(BlockConverter::name)
                    .collect(Collectors.joining(", "))
                    + (blocks.equals(Block.SEPARATE) ? " (a bi-encoder reads query and document apart)" : ""));
        }
        return a.maps().map(new Pick(l, h, b, granularity), rankerName, subject.score());
    }

    private static int inRange(Choice c, int count, String what, Reranker ranker) throws CliException {
        if (c.index() != Pick.MEAN && c.index() >= count) {
            throw new CliException(Cli.EXIT_USAGE, c.option() + " " + c.given() + ": " + ranker.model() + " has "
                    + count + " " + what + "; use 1-" + count + ", or mean");
        }
        return c.index();
    }

    /** Occludes the document, saying first what a remote ranker will be sent. */
    private ExplanationMap occlude(ExplainService service, Reranker ranker, String rankerName,
                                   ExplainService.Subject subject) throws CliException {
        OcclusionUnit u = unit != null ? unit : Occlusion.defaultUnit(subject.document());
        boolean paid = EndpointService.isPaid(ranker);
        ExplainService.OcclusionPlan plan;
        try {
            plan = service.planOcclusion(ranker, rankerName, paid, subject, u);
        } catch (ExplainException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        }
        if (plan.requests() > 0) {
            err.println(Cli.PROGRAM + ": Occlusion sends " + plan.summary() + (paid ? ", billed by the provider" : ""));
            err.flush();
        }
        StderrProgress progress = new StderrProgress(err, System::nanoTime, "Scoring");
        ExplanationMap map;
        try {
            map = remoteCall(() -> service.occlude(ranker, plan, progress, CancellationToken.NONE));
        } catch (CliException e) {
            throw new CliException(e.exitCode(), e.getMessage() + "; nothing was written");
        } catch (ExplainException e) {
            throw new CliException(Cli.EXIT_FAILURE, e.getMessage() + "; nothing was written");
        } finally {
            progress.finish();
        }
        long missing = Arrays.stream(map.values()[0]).filter(Double::isNaN).count();
        if (missing > 0) {
            // A map with holes would pass for one where those units changed nothing.
            String failures = map.notes().stream().filter(n -> n.startsWith("Some requests failed"))
                    .collect(Collectors.joining(" "));
            throw new CliException(Cli.EXIT_FAILURE, missing + " of " + map.columnCount() + " variants got no score"
                    + (failures.isEmpty() ? "" : " (" + failures + ")") + "; nothing was written");
        }
        return map;
    }

    private void write(ExplanationMap map, Path outputFile) throws CliException {
        try {
            if (outputFile == null) {
                ExplainService.write(map, format, out);
                out.flush();
                // PrintStream swallows write errors; without this a full disk would pass for success.
                if (out.checkError()) {
                    throw new CliException(Cli.EXIT_FAILURE,
                            "stdout: could not write the explanation (full disk or closed pipe?)");
                }
            } else {
                ExplainService.export(map, format, outputFile);
            }
        } catch (IOException e) {
            String target = outputFile == null ? "stdout" : outputFile.toString();
            throw new CliException(Cli.EXIT_FAILURE, target + ": could not write: " + e.getMessage());
        }
    }

    /** {@code attention} and the other names of {@link ExplainMethod#cliName()}. */
    static final class MethodConverter implements ITypeConverter<ExplainMethod> {
        @Override
        public ExplainMethod convert(String value) {
            try {
                return ExplainMethod.fromCliName(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code query-to-document} and the other blocks, spelled with hyphens. */
    static final class BlockConverter implements ITypeConverter<Block> {
        static String name(Block b) {
            return b.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public Block convert(String value) {
            for (Block b : Block.values()) {
                if (name(b).equalsIgnoreCase(value.strip())) {
                    return b;
                }
            }
            throw new TypeConversionException("unknown block '" + value + "'; use " + Arrays.stream(Block.values())
                    .map(BlockConverter::name).collect(Collectors.joining(", ")));
        }
    }
}
