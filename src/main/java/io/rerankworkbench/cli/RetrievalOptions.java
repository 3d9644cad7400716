package io.rerankworkbench.cli;

import io.rerankworkbench.app.RetrievalService;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The retrieval options shared by {@code retrieve} and {@code project retrieve}. */
final class RetrievalOptions {

    /** How candidates are retrieved. */
    enum MethodName { bm25, dense, fusion, engine }

    @Option(names = "--method", paramLabel = "bm25|dense|fusion|engine",
            description = "bm25 (the default, or engine when --engine is given): BM25 over the corpus with Lucene; "
                    + "dense: nearest neighbours by a bi-encoder's embeddings (--model); fusion: fuse rankings "
                    + "(--fuse, --rrf-k or --weights); engine: the top hits of a saved search engine (--engine).")
    MethodName method;

    @Option(names = "--model", paramLabel = "NAME",
            description = "The bi-encoder for dense retrieval (default all-MiniLM-L6-v2-q, the fast int8 model).")
    String model;

    @Option(names = "--engine", paramLabel = "NAME", description = "A saved search engine, by name.")
    String engine;

    @Option(names = "--top-k", paramLabel = "N", defaultValue = "100",
            description = "Documents retrieved per query (default 100).")
    int topK;

    @Option(names = "--k1", paramLabel = "K1", defaultValue = "0.9", description = "BM25 k1 (default 0.9).")
    double k1;

    @Option(names = "--b", paramLabel = "B", defaultValue = "0.4", description = "BM25 b (default 0.4).")
    double b;

    @Option(names = "--analysis", paramLabel = "english|standard", defaultValue = "english",
            description = "BM25 text analysis: english (default: stop words, Porter stemming) or standard "
                    + "(lower case only).")
    String analysis;

    @Option(names = "--fuse", split = ",", paramLabel = "RANKER[,RANKER…]",
            description = "The rankers whose newest runs are fused (KIND:MODEL or a model name, e.g. "
                    + "BM25,dense retrieval:all-MiniLM-L6-v2-q).")
    List<String> fuse = new ArrayList<>();

    @Option(names = "--rrf-k", paramLabel = "K", defaultValue = "60",
            description = "The reciprocal rank fusion constant (default 60).")
    int rrfK;

    @Option(names = "--weights", split = ",", paramLabel = "W[,W…]",
            description = "Weighted score fusion instead of RRF: one weight per fused ranker.")
    List<Double> weights;

    @Option(names = "--normalization", paramLabel = "min-max|z-score", defaultValue = "min-max",
            description = "How weighted fusion normalizes each ranking's scores (default min-max).")
    String normalization;

    static final String DEFAULT_DENSE_MODEL = "all-MiniLM-L6-v2-q";

    /** The method asked for: --method, else engine when --engine names one, else bm25. */
    MethodName methodName() {
        if (method != null) {
            return method;
        }
        return engine != null ? MethodName.engine : MethodName.bm25;
    }

    String denseModel() {
        return model == null ? DEFAULT_DENSE_MODEL : model;
    }

    /** The method for {@code --method} other than fusion, or fusion of {@code fused} rankers. */
    RetrievalService.Method method(List<String> fused) throws CliException {
        if (topK < 1 || topK > RetrievalService.MAX_DEPTH) {
            throw new CliException(Cli.EXIT_USAGE, "--top-k must be between 1 and " + RetrievalService.MAX_DEPTH
                    + ", was " + topK);
        }
        try {
            return switch (methodName()) {
                case bm25 -> RetrievalService.Bm25.of(k1, b, analysis);
                case dense -> new RetrievalService.Dense(denseModel());
                case engine -> {
                    if (engine == null || engine.isBlank()) {
                        throw new CliException(Cli.EXIT_USAGE, "--method engine needs --engine NAME");
                    }
                    yield new RetrievalService.Engine(engine);
                }
                case fusion -> {
                    if (fused.size() < 2) {
                        throw new CliException(Cli.EXIT_USAGE, "--method fusion needs at least two rankers to "
                                + "fuse (--fuse A,B)");
                    }
                    if (weights == null) {
                        yield RetrievalService.Fused.rrf(fused, rrfK);
                    }
                    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
                    yield RetrievalService.Fused.weighted(fused, w, normalization);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        }
    }
}
