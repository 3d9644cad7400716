package io.rerankworkbench.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.explain.AttentionMaps;
import io.rerankworkbench.explain.AxisUnit;
import io.rerankworkbench.explain.ContributionMaps;
import io.rerankworkbench.explain.ExplainMethod;
import io.rerankworkbench.explain.ExplanationJson;
import io.rerankworkbench.explain.ExplanationMap;
import io.rerankworkbench.explain.Occlusion;
import io.rerankworkbench.explain.OcclusionUnit;
import io.rerankworkbench.explain.TokenContributions;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.rerank.Explainable;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.remote.CostEstimate;
import io.rerankworkbench.rerank.remote.RemoteReranker;
import io.rerankworkbench.store.ExplanationRepository;
import io.rerankworkbench.store.StoredCandidate;

import io.rerankworkbench.explain.ExplanationCsv;
import io.rerankworkbench.explain.MapImage;
import io.rerankworkbench.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains why a ranker scored a document as it did: the model's own maps (attention, token contributions or
 * similarity) for local models, and occlusion (take a unit out, re-score) for any ranker, hosted ones included.
 * Used by the Explain view and the {@code explain} command.
 *
 * <p>Threading: {@link #methods} never blocks. {@link #modelMaps} runs the model (the inference lane);
 * {@link #planOcclusion} reads the project (the IO lane); {@link #occlude} scores (the ranker's lane, see
 * {@link RankerCatalog#lane}) and writes the project. Results are cached in memory per (ranker, method, query,
 * document, settings), and occlusion results are also kept in the open project, so reopening an explanation of a
 * hosted ranker never sends (or bills) the same requests again. Thread-safe.
 */
public final class ExplainService {

    /** Documents per scoring call when the ranker sets no per-request limit (local models): the progress step. */
    static final int LOCAL_GROUP = 64;
    static final int MODEL_MAPS_KEPT = 8;
    private static final String OCCLUSION = "occlusion";

    private final ProjectService projects;
    private final Cache<String, Object> modelMaps;
    private final Map<String, ExplanationMap> occlusions = new HashMap<>();

    /** @param projects the open project, where occlusion results are kept; null for none (the command line) */
    public ExplainService(ProjectService projects) {
        this.projects = projects;
        // The attention of a long pair holds tens of megabytes: keep the last few pairs, enough to go back and forth
        // between neighbouring results without running the model again.
        this.modelMaps = Caffeine.newBuilder().maximumSize(MODEL_MAPS_KEPT).build();
    }

    /**
     * One document of a query as the run on screen scored it.
     *
     * @param queryId   the stored query's id, or 0 when the pair is not in a project (then nothing is kept)
     * @param docId     the document's id within the query
     * @param score     the run's score of the document, NaN when unknown
     * @param window    for a document scored in windows, the winning window's characters; else null
     * @param options   how the run treated long documents (occlusion re-scores the same way)
     */
    public record Subject(long queryId, String queryText, String docId, String document, double score,
                          TextSpan window, RerankOptions options) {
        public Subject {
            Objects.requireNonNull(queryText, "queryText");
            Objects.requireNonNull(docId, "docId");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(options, "options");
        }

        /** A pair outside any project (the command line). */
        public static Subject of(String query, String document) {
            return new Subject(0, query, "1", document, Double.NaN, null, RerankOptions.DEFAULT);
        }

        /** What the model read of the document: the winning window, or all of it. */
        public String modelText() {
            return window == null ? document : window.of(document);
        }
    }

    /** The model's own maps for one pair: cut any pick from them without running the model again. */
    public sealed interface ModelMaps {
        ExplainMethod method();
    }

    public record Attention(AttentionMaps maps) implements ModelMaps {
        @Override
        public ExplainMethod method() {
            return ExplainMethod.ATTENTION;
        }
    }

    public record Contributions(ContributionMaps maps) implements ModelMaps {
        @Override
        public ExplainMethod method() {
            return maps.method();
        }

        /** The map at {@code granularity}. */
        public ExplanationMap map(io.rerankworkbench.explain.Granularity granularity, String ranker, double score) {
            return maps.map(granularity, ranker, score);
        }
    }

    /** What explaining a ranker offers, the method to start with first. */
    public List<ExplainMethod> methods(Reranker ranker) {
        List<ExplainMethod> methods = new ArrayList<>();
        if (ranker instanceof Explainable e) {
            if (e.hasTokenVectors()) {
                methods.add(e.meanPooled() ? ExplainMethod.CONTRIBUTIONS : ExplainMethod.SIMILARITY);
            }
            methods.add(ExplainMethod.ATTENTION);
        }
        methods.add(ExplainMethod.OCCLUSION);
        return List.copyOf(methods);
    }

    /**
     * Runs the model once for attention, contributions or similarity. Blocks (the inference lane).
     *
     * @throws ExplainException when the ranker cannot show {@code method} (a hosted ranker, fused attention)
     */
    public ModelMaps modelMaps(Reranker ranker, Subject subject, ExplainMethod method, CancellationToken cancel) {
        if (!(ranker instanceof Explainable e) || method == ExplainMethod.OCCLUSION) {
            throw new ExplainException(ranker.model() + " can be explained by occlusion only: it does not expose "
                    + "its attention or token vectors.");
        }
        String key = ranker.kind() + '|' + ranker.model() + '|' + method + '|' + subject.queryText().length() + ':'
                + subject.queryText() + '|' + subject.modelText() + '|' + subject.window();
        Object cached = modelMaps.getIfPresent(key);
        if (cached instanceof ModelMaps maps) {
            return maps;
        }
        cancel.throwIfCancelled();
        String text = subject.modelText();
        ModelMaps maps;
        if (method == ExplainMethod.ATTENTION) {
            AttentionResult result = e.attention(subject.queryText(), text);
            String unavailable = unavailable(result);
            if (unavailable != null) {
                throw new ExplainException(unavailable + " Occlusion works for it.");
            }
            maps = new Attention(AttentionMaps.of(result, subject.queryText(), text, subject.window()));
        } else {
            if (!e.hasTokenVectors()) {
                throw new ExplainException(ranker.model() + " pools inside its graph: its token vectors are not "
                        + "available. Attention and occlusion work for it.");
            }
            TokenContributions contributions = TokenContributions.of(e.tokenVectors(subject.queryText(), true),
                    e.tokenVectors(text, false));
            maps = new Contributions(ContributionMaps.of(contributions, subject.queryText(), text,
                    subject.window()));
        }
        cancel.throwIfCancelled();
        modelMaps.put(key, maps);
        return maps;
    }

    private static String unavailable(AttentionResult result) {
        if (result instanceof AttentionResult.Unavailable u) {
            return u.reason();
        }
        if (result instanceof AttentionResult.Separate s) {
            String q = unavailable(s.query());
            return q != null ? q : unavailable(s.document());
        }
        return null;
    }

    // ---- occlusion ------------------------------------------------------------------------------------------------

    /**
     * What occluding a document would send, before anything is sent.
     *
     * @param units     the units that will be taken out, one at a time
     * @param toScore   texts still to score (the full document first when its score is not known yet)
     * @param requests  HTTP requests for a hosted ranker (0 for a local model)
     * @param paid      whether the ranker bills per request
     * @param summary   one line for the confirmation, e.g. "1 request · 58 documents · ≈1 search unit"
     * @param existing  what is already known (complete, or partly when an earlier run was cancelled), or null
     */
    public record OcclusionPlan(Subject subject, String ranker, OcclusionUnit unit, List<AxisUnit> units,
                                int toScore, long requests, boolean paid, String summary,
                                ExplanationMap existing) {
        /** Whether every unit has a score already: nothing to send. */
        public boolean complete() {
            return toScore == 0;
        }
    }

    /**
     * Plans occluding {@code subject} with {@code ranker} (shown as {@code rankerLabel}); reads what the project
     * already holds. Blocks on the database (the IO lane).
     *
     * @param paid whether the ranker's provider bills per request (from the ranker catalog)
     * @throws ExplainException when the document has fewer than two units
     */
    public OcclusionPlan planOcclusion(Reranker ranker, String rankerLabel, boolean paid, Subject subject,
                                       OcclusionUnit unit) {
        List<AxisUnit> units = Occlusion.units(subject.document(), unit);
        if (units.size() < 2) {
            throw new ExplainException("Occlusion needs a document of at least two "
                    + (unit == OcclusionUnit.WORD ? "words" : "sentences") + "; this one has " + units.size() + ".");
        }
        ExplanationMap existing = known(rankerLabel, subject, unit).orElse(null);
        List<Candidate> pending = pending(subject, units, existing);
        long requests = 0;
        String summary;
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
        if (pending.isEmpty()) {
            summary = "Nothing to send: every " + unitName(unit) + " has a score already.";
        } else if (ranker instanceof RemoteReranker remote) {
            CostEstimate c = remote.estimate(pending, 1);
            requests = c.requests();
            StringBuilder sb = new StringBuilder().append(plural(c.requests(), "request")).append(" · ")
                    .append(plural(c.documents(), "document"));
            c.searchUnits().ifPresent(u -> sb.append(" · ≈").append(plural(u, "search unit")));
            if (c.searchUnits().isEmpty()) {
                sb.append(" · ≈").append(count.format(c.approxTokens())).append(" tokens");
            }
            summary = sb.toString();
        } else {
            summary = plural(pending.size(), "document") + " scored by " + ranker.model() + " on this computer";
        }
        return new OcclusionPlan(subject, rankerLabel, unit, units, pending.size(), requests,
                paid && ranker instanceof RemoteReranker, summary, existing);
    }

    /**
     * Scores the variants a plan still needs and returns the map, keeping it in memory and in the project. A
     * hosted ranker gets the variants in groups of its per-request limit, so the requests are as few as it allows.
     * When cancelled, what finished is kept (a later run sends only the rest) and {@link CancelledException} is
     * thrown; {@link #cachedOcclusion} then returns the partial map.
     */
    public ExplanationMap occlude(Reranker ranker, OcclusionPlan plan, ProgressListener progress,
                                  CancellationToken cancel) {
        Subject s = plan.subject();
        List<AxisUnit> units = plan.units();
        double[] scores = new double[units.size()];
        Arrays.fill(scores, Double.NaN);
        double baseline = Double.NaN;
        if (plan.existing() != null) {
            baseline = plan.existing().baseline();
            double[] drops = plan.existing().values()[0];
            for (int i = 0; i < scores.length && i < drops.length; i++) {
                scores[i] = baseline - drops[i];
            }
        }
        List<Candidate> pending = pending(s, units, plan.existing());
        int group = ranker instanceof RemoteReranker remote ? remote.endpoint().maxDocumentsPerRequest() : LOCAL_GROUP;
        Query query = new Query(s.queryId() > 0 ? Long.toString(s.queryId()) : "q", s.queryText());
        List<String> problems = new ArrayList<>();
        int done = 0;
        try {
            for (int from = 0; from < pending.size(); from += group) {
                cancel.throwIfCancelled();
                List<Candidate> batch = pending.subList(from, Math.min(pending.size(), from + group));
                RankerRun run = EndpointService.isRemote(ranker)
                        ? EndpointService.run(ranker, query, batch, ProgressListener.NONE, cancel)
                        : RankerRun.local(ranker.rerank(query, batch, s.options(), ProgressListener.NONE, cancel));
                if (run.partial()) {
                    problems.add(run.failure());
                }
                for (ScoredCandidate c : run.ranking().results()) {
                    if (c.candidate().docId().equals(FULL)) {
                        baseline = c.score();
                    } else {
                        scores[Integer.parseInt(c.candidate().docId()) - 1] = c.score();
                    }
                }
                done += batch.size();
                progress.progress(done, pending.size());
            }
        } finally {
            // What finished is kept whether the loop ended, failed or was cancelled.
            if (!Double.isNaN(baseline)) {
                remember(plan, units, baseline, scores, problems);
            }
        }
        if (Double.isNaN(baseline)) {
            throw new ExplainException(ranker.model() + " returned no score for the full document; "
                    + String.join("; ", problems));
        }
        return cachedOcclusion(plan.ranker(), s, plan.unit()).orElseThrow();
    }

    /** The occlusion map known in memory for these settings (complete or partial); never blocks. */
    public Optional<ExplanationMap> cachedOcclusion(String rankerLabel, Subject subject, OcclusionUnit unit) {
        synchronized (occlusions) {
            return Optional.ofNullable(occlusions.get(occlusionKey(rankerLabel, subject, unit)));
        }
    }

    private static final String FULL = "full";

    /** The full document (when its score is unknown) and every variant without a score, as candidates to rank. */
    private static List<Candidate> pending(Subject s, List<AxisUnit> units, ExplanationMap existing) {
        List<String> variants = Occlusion.variants(s.document(), units);
        List<Candidate> pending = new ArrayList<>();
        int rank = 1;
        if (existing == null || Double.isNaN(existing.baseline())) {
            pending.add(new Candidate(rank++, FULL, s.document()));
        }
        for (int i = 0; i < variants.size(); i++) {
            boolean known = existing != null && i < existing.columnCount()
                    && !Double.isNaN(existing.values()[0][i]);
            if (!known) {
                pending.add(new Candidate(rank++, Integer.toString(i + 1), variants.get(i)));
            }
        }
        return pending;
    }

    private void remember(OcclusionPlan plan, List<AxisUnit> units, double baseline, double[] scores,
                          List<String> problems) {
        Subject s = plan.subject();
        ExplanationMap map = Occlusion.map(plan.ranker(), units, plan.unit(), baseline, scores, s.score());
        long missing = Arrays.stream(scores).filter(Double::isNaN).count();
        List<String> notes = new ArrayList<>(map.notes());
        if (missing > 0) {
            notes.add(0, (units.size() - missing) + " of " + units.size() + " " + unitName(plan.unit())
                    + "s have a score; run occlusion again to score the other " + missing + " (only those are sent).");
        }
        problems.forEach(p -> notes.add("Some requests failed: " + p));
        map = withNotes(map, notes);
        synchronized (occlusions) {
            occlusions.put(occlusionKey(plan.ranker(), s, plan.unit()), map);
        }
        store(plan.ranker(), s, plan.unit(), map);
    }

    /** From memory, else from the open project. */
    private Optional<ExplanationMap> known(String rankerLabel, Subject subject, OcclusionUnit unit) {
        Optional<ExplanationMap> cached = cachedOcclusion(rankerLabel, subject, unit);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<ExplanationMap> stored = stored(rankerLabel, subject, unit);
        stored.ifPresent(map -> {
            synchronized (occlusions) {
                occlusions.put(occlusionKey(rankerLabel, subject, unit), map);
            }
        });
        return stored;
    }

    private Optional<ExplanationMap> stored(String rankerLabel, Subject s, OcclusionUnit unit) {
        Optional<StoredPlace> place = place(s);
        if (place.isEmpty()) {
            return Optional.empty();
        }
        return place.get().repository().find(s.queryId(), place.get().documentId(), rankerLabel, OCCLUSION,
                        settings(s, unit), ExplanationRepository.fingerprint(s.queryText(), s.document()))
                .map(e -> ExplanationJson.read(e.payload()));
    }

    private void store(String rankerLabel, Subject s, OcclusionUnit unit, ExplanationMap map) {
        place(s).ifPresent(p -> p.repository().put(s.queryId(), p.documentId(), rankerLabel, OCCLUSION,
                settings(s, unit), ExplanationRepository.fingerprint(s.queryText(), s.document()),
                ExplanationJson.write(map)));
    }

    private record StoredPlace(ExplanationRepository repository, long documentId) {
    }

    private Optional<StoredPlace> place(Subject s) {
        if (projects == null || !projects.isOpen() || s.queryId() <= 0) {
            return Optional.empty();
        }
        var store = projects.store();
        return store.candidates(s.queryId()).stream()
                .filter(c -> c.candidate().docId().equals(s.docId()))
                .map(StoredCandidate::documentId)
                .findFirst()
                .map(id -> new StoredPlace(new ExplanationRepository(store), id));
    }

    private static String settings(Subject s, OcclusionUnit unit) {
        return "unit=" + unit.name().toLowerCase(Locale.ROOT) + ";long_documents="
                + s.options().longDocuments().name().toLowerCase(Locale.ROOT) + ";chunk_overlap="
                + s.options().chunkOverlap();
    }

    private static String occlusionKey(String rankerLabel, Subject s, OcclusionUnit unit) {
        return rankerLabel + '|' + settings(s, unit) + '|' + s.queryText().length() + ':' + s.queryText() + '|'
                + s.document();
    }

    private static String unitName(OcclusionUnit unit) {
        return unit == OcclusionUnit.WORD ? "word" : "sentence";
    }

    private static String plural(long n, String noun) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n) + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- export -------------------------------------------------------------------------------------------------

    /** What an explanation can be saved as. */
    public enum Format {
        /** The map as an image at twice its screen size. */
        PNG("png"),
        /** One row per cell with both units' texts and character offsets. */
        CSV("csv"),
        /** The whole explanation (docs/explain.md). */
        JSON("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** The scale PNG exports are drawn at. */
    public static final double PNG_SCALE = 2.0;

    /** Writes {@code map} in {@code format}. */
    public static void write(ExplanationMap map, Format format, OutputStream out) throws IOException {
        switch (format) {
            case PNG -> MapImage.writePng(map, PNG_SCALE, out);
            case JSON -> out.write(ExplanationJson.write(map).getBytes(StandardCharsets.UTF_8));
            case CSV -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                ExplanationCsv.write(map, w);
                w.flush();
            }
        }
    }

    /** Saves {@code map} to {@code file}, all or nothing. Blocks (the IO lane). */
    public static void export(ExplanationMap map, Format format, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(map, format, out));
    }

    // ---- small helpers on maps ------------------------------------------------------------------------------------

    static ExplanationMap withNotes(ExplanationMap m, List<String> notes) {
        return new ExplanationMap(m.method(), m.ranker(), m.title(), m.valueName(), m.scaleKind(), m.rows(),
                m.columns(), m.values(), m.total(), m.score(), m.baseline(), m.layer(), m.head(), m.layers(),
                m.heads(), m.block(), m.granularity(), m.unit(), m.window(), m.truncated(), notes);
    }
}
