package io.rerankworkbench.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.io.imports.CorpusImport;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.retrieve.Fusion;
import io.rerankworkbench.retrieve.index.Bm25Index;
import io.rerankworkbench.retrieve.index.Bm25Settings;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredQuery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * First-stage retrieval into a project: the corpus (read and added), BM25 over it with Lucene, dense retrieval with
 * a bi-encoder of the model library, fusion of kept runs, and the user's search engines. Each retrieval fills the
 * queries' candidates ({@link CorpusRepository#fill}: replaced for a query without runs, added to for one with runs)
 * and keeps the first-stage ranking as a run, so it can be reranked, compared and evaluated like any other.
 *
 * <p>Indexes live in a folder beside the project file ({@link #indexFolder}) and carry the corpus fingerprint they
 * were built from: a changed corpus is indexed again, never searched stale. Document embeddings are kept in the
 * project, so a corpus is embedded once per model.
 *
 * <p>Threading: every method blocks on the project file, on indexing or on inference — call it on a background
 * lane (dense retrieval on the inference lane, the rest on the IO lane). The store is synchronized.
 */
public final class RetrievalService {

    /** The run kinds retrieval keeps (the "ranker" of its runs). */
    public static final String KIND_BM25 = "bm25";
    public static final String KIND_DENSE = "dense retrieval";
    public static final String KIND_FUSION = "fusion";
    public static final String KIND_ENGINE = "search engine";

    public static final int DEFAULT_DEPTH = 100;
    /** The bundled model made for corpus-sized work: the int8 all-MiniLM-L6-v2. */
    public static final String FAST_MODEL = "all-MiniLM-L6-v2-q";
    public static final int DEFAULT_RRF_K = Fusion.DEFAULT_RRF_K;
    public static final int MAX_DEPTH = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How candidates are retrieved. */
    public sealed interface Method permits Bm25, Dense, Fused, Engine {
        /** The kind of the kept run. */
        String kind();

        /** The model of the kept run: what tells two retrievers of one kind apart. */
        String model();
    }

    /** BM25 over the project's corpus. */
    public record Bm25(Bm25Settings settings) implements Method {
        /** k1 0.9, b 0.4, English analysis: the values of the BEIR baselines. */
        public static final Bm25 DEFAULT = new Bm25(Bm25Settings.DEFAULTS);

        /** The analyses {@link #of} takes by name. */
        public static final List<String> ANALYSES = List.of("english", "standard");

        public Bm25 {
            Objects.requireNonNull(settings, "settings");
        }

        /**
         * BM25 with these settings; {@code analysis} is {@code english} (stop words, possessives, Porter stemming) or
         * {@code standard} (lower case only).
         *
         * @throws IllegalArgumentException naming the setting that is out of range or unknown
         */
        public static Bm25 of(double k1, double b, String analysis) {
            String a = analysis.strip().toLowerCase(Locale.ROOT);
            if (!ANALYSES.contains(a)) {
                throw new IllegalArgumentException("unknown analysis \"" + analysis + "\"; use english or standard");
            }
            return new Bm25(new Bm25Settings((float) k1, (float) b, Bm25Settings.Analysis.valueOf(
                    a.toUpperCase(Locale.ROOT))));
        }

        public double k1() {
            return settings.k1();
        }

        public double b() {
            return settings.b();
        }

        public String analysis() {
            return settings.analysis().name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String kind() {
            return KIND_BM25;
        }

        /** "BM25", or "BM25 k1=1.2 b=0.75 standard" when the settings are not the defaults. */
        @Override
        public String model() {
            if (settings.equals(Bm25Settings.DEFAULTS)) {
                return "BM25";
            }
            return String.format(Locale.ROOT, "BM25 k1=%s b=%s %s", trim(settings.k1()), trim(settings.b()),
                    settings.analysis().name().toLowerCase(Locale.ROOT));
        }
    }

    /** Nearest neighbours of the query's embedding among the corpus documents' embeddings by a bi-encoder. */
    public record Dense(String modelName) implements Method {
        public Dense {
            Objects.requireNonNull(modelName, "modelName");
        }

        @Override
        public String kind() {
            return KIND_DENSE;
        }

        @Override
        public String model() {
            return modelName;
        }
    }

    /**
     * Fusion of the newest completed run of each named ranker ({@code KIND:MODEL} or a model name): reciprocal rank
     * fusion with constant {@code rrfK}, or — when {@code weights} is not null — weighted score fusion.
     */
    public record Fused(List<String> rankers, int rrfK, double[] weights, Fusion.Normalization normalization)
            implements Method {
        public Fused {
            rankers = List.copyOf(rankers);
            if (rankers.size() < 2) {
                throw new IllegalArgumentException("fusion needs at least two rankers, got " + rankers.size());
            }
            if (weights != null && weights.length != rankers.size()) {
                throw new IllegalArgumentException(rankers.size() + " rankers but " + weights.length + " weights");
            }
            if (weights == null && rrfK < 1) {
                throw new IllegalArgumentException("the RRF constant k must be at least 1, was " + rrfK);
            }
        }

        public static Fused rrf(List<String> rankers, int k) {
            return new Fused(rankers, k, null, null);
        }

        /** The normalizations {@link #weighted} takes by name. */
        public static final List<String> NORMALIZATIONS = List.of("min-max", "z-score");

        /**
         * Weighted score fusion: each run's scores normalized over its own list ({@code min-max} or {@code z-score}),
         * then summed with these weights.
         */
        public static Fused weighted(List<String> rankers, double[] weights, String normalization) {
            String n = normalization.strip().toLowerCase(Locale.ROOT);
            if (!NORMALIZATIONS.contains(n)) {
                throw new IllegalArgumentException("unknown normalization \"" + normalization
                        + "\"; use min-max or z-score");
            }
            return new Fused(rankers, Fusion.DEFAULT_RRF_K, weights,
                    n.equals("min-max") ? Fusion.Normalization.MIN_MAX : Fusion.Normalization.Z_SCORE);
        }

        @Override
        public String kind() {
            return KIND_FUSION;
        }

        /** "RRF k=60 (BM25 + all-MiniLM-L6-v2-q)" or "weighted min-max 0.3/0.7 (…)". */
        @Override
        public String model() {
            String of = " (" + String.join(" + ", rankers) + ")";
            if (weights == null) {
                return "RRF k=" + rrfK + of;
            }
            List<String> w = new ArrayList<>();
            for (double x : weights) {
                w.add(trim(x));
            }
            return "weighted " + normalization.name().toLowerCase(Locale.ROOT).replace('_', '-') + " "
                    + String.join("/", w) + of;
        }
    }

    /** The top hits of a saved search engine. */
    public record Engine(String name) implements Method {
        public Engine {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String kind() {
            return KIND_ENGINE;
        }

        @Override
        public String model() {
            return name;
        }
    }

    /** What to retrieve: the method, how many per query, and for which queries (empty: every query). */
    public record Request(Method method, int depth, List<Long> queryIds) {
        public Request {
            Objects.requireNonNull(method, "method");
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new IllegalArgumentException("the depth must be between 1 and " + MAX_DEPTH + ", was "
                        + depth);
            }
            queryIds = List.copyOf(queryIds);
        }
    }

    /** One hit of a search engine, with the document it names. */
    public record EngineHit(String id, String title, String text, double score) {
    }

    /** Searches a saved search engine (the search-engine service); blocks. */
    @FunctionalInterface
    public interface Engines {
        List<EngineHit> search(String engine, String query, int depth, CancellationToken cancel) throws IOException;
    }

    /** Progress of a retrieval: what is being done, and how far. Called on the working thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (what, done, total) -> { };

        void update(String what, long done, long total);
    }

    /** What happened to one query. {@code problem} is null when it got its candidates and run. */
    public record QueryOutcome(String queryId, int retrieved, boolean replaced, int added, String problem) {
    }

    /** What a retrieval did. */
    public record Report(String kind, String model, List<QueryOutcome> queries, Duration elapsed) {
        public int retrievedQueries() {
            return (int) queries.stream().filter(q -> q.problem() == null).count();
        }

        /** "BM25: 300 queries, 100 candidates each (12 queries with runs kept their candidates) in 4.2 s". */
        public String summary() {
            int ok = retrievedQueries();
            long kept = queries.stream().filter(q -> q.problem() == null && !q.replaced()).count();
            long failed = queries.size() - ok;
            int most = queries.stream().mapToInt(QueryOutcome::retrieved).max().orElse(0);
            StringBuilder sb = new StringBuilder(model).append(": ").append(ok).append(ok == 1 ? " query" : " queries")
                    .append(", up to ").append(most).append(" candidates each");
            if (kept > 0) {
                long gained = queries.stream().filter(q -> q.problem() == null && !q.replaced())
                        .mapToLong(QueryOutcome::added).sum();
                sb.append(" (").append(kept).append(kept == 1 ? " query" : " queries")
                        .append(" with runs kept their candidates");
                sb.append(gained == 0 ? ")" : " and gained " + gained + " new ones)");
            }
            if (failed > 0) {
                sb.append("; ").append(failed).append(" not retrieved");
            }
            return sb.append(String.format(Locale.ROOT, " in %.1f s", elapsed.toMillis() / 1000.0)).toString();
        }
    }

    private final RankerService rankers;
    private final Engines engines;

    /**
     * @param rankers the model library (dense retrieval)
     * @param engines the saved search engines, or null when there are none to search
     */
    public RetrievalService(RankerService rankers, Engines engines) {
        this.rankers = Objects.requireNonNull(rankers, "rankers");
        this.engines = engines;
    }

    /** The folder beside a project file that holds its indexes: {@code my.rwb} → {@code my.rwb.index}. */
    public static Path indexFolder(Path projectFile) {
        return projectFile.toAbsolutePath().resolveSibling(projectFile.getFileName() + ".index");
    }

    // ---------------------------------------------------------------------------------------------------- corpus

    /** Reads a corpus file or BEIR folder; never throws for bad input. Blocks on disk. */
    public CorpusImport.Result readCorpus(Path source, CorpusImport.Columns columns, ImportOptions options) {
        return CorpusImport.read(source, columns, options);
    }

    /** Adds documents read by {@link #readCorpus} to the project's corpus, all or none. */
    public CorpusRepository.AddReport addToCorpus(ProjectStore store, List<CorpusImport.Document> documents,
                                                  ImportProgress progress) {
        List<CorpusRepository.NewDocument> rows = new ArrayList<>(documents.size());
        for (CorpusImport.Document d : documents) {
            rows.add(new CorpusRepository.NewDocument(d.id(), d.title(), d.text()));
        }
        return new CorpusRepository(store).add(rows, progress);
    }

    /** The corpus size and whether its BM25 index (default settings) is current. */
    public record CorpusStatus(int documents, boolean bm25Current) {
    }

    public CorpusStatus corpusStatus(ProjectStore store) {
        CorpusRepository corpus = new CorpusRepository(store);
        int size = corpus.size();
        boolean current = false;
        if (size > 0) {
            Optional<Bm25Index> index = Bm25Index.openIfCurrent(indexFolder(store.file()).resolve("bm25"),
                    corpus.fingerprint(), Bm25Settings.DEFAULTS);
            current = index.isPresent();
            index.ifPresent(RetrievalService::closeQuietly);
        }
        return new CorpusStatus(size, current);
    }

    // ---------------------------------------------------------------------------------------------------- retrieval

    /**
     * Retrieves candidates for the requested queries, filling their candidates and keeping one run per query.
     *
     * @throws RetrievalException when nothing can be retrieved (no corpus, no such model or engine, an index that
     *                            cannot be built); a problem with one query is reported in its outcome instead
     * @throws CancelledException when cancelled; queries finished before stay retrieved
     */
    public Report retrieve(ProjectStore store, Request request, Progress progress, CancellationToken cancel) {
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        List<StoredQuery> queries = queries(store, request.queryIds());
        Method method = request.method();
        Searchers.Searcher searcher;
        if (method instanceof Bm25 bm25) {
            searcher = Searchers.bm25Searcher(store, bm25.settings(), progress, cancel);
        } else if (method instanceof Dense dense) {
            searcher = new DenseRetrieval(rankers, store, indexFolder(store.file()))
                    .searcher(dense.modelName(), progress, cancel);
        } else if (method instanceof Fused fused) {
            searcher = Searchers.fusionSearcher(store, fused);
        } else {
            if (engines == null) {
                throw new RetrievalException("No search engines are set up.", null);
            }
            searcher = Searchers.engineSearcher(store, engines, ((Engine) method).name());
        }
        List<QueryOutcome> outcomes = new ArrayList<>();
        try {
            int done = 0;
            for (StoredQuery q : queries) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                progress.update("Retrieving", done++, queries.size());
                outcomes.add(retrieveOne(store, q, request, searcher, cancel));
            }
            progress.update("Retrieving", queries.size(), queries.size());
        } finally {
            searcher.close();
        }
        return new Report(request.method().kind(), request.method().model(), outcomes,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private QueryOutcome retrieveOne(ProjectStore store, StoredQuery q, Request request, Searchers.Searcher searcher,
                                     CancellationToken cancel) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        Searchers.Retrieved found;
        try {
            found = searcher.search(q, request.depth(), cancel);
        } catch (Searchers.QueryProblem e) {
            return new QueryOutcome(q.externalId(), 0, false, 0, e.getMessage());
        }
        if (found.documents().isEmpty()) {
            return new QueryOutcome(q.externalId(), 0, false, 0, "nothing was retrieved for \"" + q.text() + "\"");
        }
        long[] keys = new long[found.documents().size()];
        double[] scores = new double[keys.length];
        List<ScoredCandidate> ranked = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            Searchers.Doc d = found.documents().get(i);
            keys[i] = d.key();
            scores[i] = d.score();
            ranked.add(new ScoredCandidate(new Candidate(i + 1, d.id(), d.text()), d.score(), i + 1, 0));
        }
        Ranking ranking = new Ranking(new Query(q.externalId(), q.text()), ranked, request.method().kind(),
                request.method().model(), Duration.ofNanos(System.nanoTime() - t0));
        // The candidates and the run that ranks them are kept together or not at all.
        CorpusRepository.FillReport fill = store.inTransaction("keep the retrieval of " + q.externalId(), () -> {
            CorpusRepository.FillReport f = new CorpusRepository(store).fill(q.id(), keys, scores);
            store.recordRun(q.id(), ranking, params(request), null, start, Instant.now(), RunStatus.COMPLETED);
            return f;
        });
        return new QueryOutcome(q.externalId(), keys.length, fill.replaced(), fill.added(), null);
    }

    private static List<StoredQuery> queries(ProjectStore store, List<Long> ids) {
        List<StoredQuery> all = store.listQueries();
        if (ids.isEmpty()) {
            return all;
        }
        Set<Long> wanted = Set.copyOf(ids);
        return all.stream().filter(q -> wanted.contains(q.id())).toList();
    }

    private static String params(Request request) {
        ObjectNode p = JSON.createObjectNode();
        p.put("method", request.method().kind());
        p.put("depth", request.depth());
        Method m = request.method();
        if (m instanceof Bm25 b) {
            p.put("k1", b.settings().k1());
            p.put("b", b.settings().b());
            p.put("analysis", b.settings().analysis().name().toLowerCase(Locale.ROOT));
        } else if (m instanceof Dense d) {
            p.put("model", d.modelName());
        } else if (m instanceof Fused f) {
            ArrayNode r = p.putArray("rankers");
            f.rankers().forEach(r::add);
            if (f.weights() == null) {
                p.put("rrf_k", f.rrfK());
            } else {
                ArrayNode w = p.putArray("weights");
                for (double x : f.weights()) {
                    w.add(x);
                }
                p.put("normalization", f.normalization().name().toLowerCase(Locale.ROOT));
            }
        } else if (m instanceof Engine e) {
            p.put("engine", e.name());
        }
        return p.toString();
    }

    static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf((float) x);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing to do: an index opened for reading only
        }
    }
}
