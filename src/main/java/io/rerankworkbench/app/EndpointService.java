package io.rerankworkbench.app;

import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.remote.ApiKey;
import io.rerankworkbench.rerank.remote.CostEstimate;
import io.rerankworkbench.rerank.remote.CustomJsonFields;
import io.rerankworkbench.rerank.remote.Dialect;
import io.rerankworkbench.rerank.remote.Endpoint;
import io.rerankworkbench.rerank.remote.EndpointOptions;
import io.rerankworkbench.rerank.remote.EndpointStore;
import io.rerankworkbench.rerank.remote.KeyRef;
import io.rerankworkbench.rerank.remote.PartialResultException;
import io.rerankworkbench.rerank.remote.RemoteApiException;
import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.RemoteReranker;
import io.rerankworkbench.rerank.remote.RemoteRun;
import io.rerankworkbench.rerank.remote.RunUsage;
import io.rerankworkbench.rerank.remote.Secrets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The user's remote endpoints: saved in {@code endpoints.json} in the config folder (without keys), their keys in
 * {@link Secrets} under the endpoint's name, and rankers opened over the app's one {@link RemoteHttp}.
 *
 * <p>Threading: {@link #list}, {@link #save}, {@link #remove} read and write files (the IO lane); {@link #open} only
 * reads them; {@link #run} and {@link #test} block on HTTP (the IO lane, never the FX thread). Thread-safe.
 */
public final class EndpointService {

    /** Hosted APIs that bill per request; reached at their public address (NIM: NVIDIA's API catalog). */
    private static final Set<String> PAID = Set.of("cohere-v2", "cohere-v1", "jina", "voyage", "mixedbread",
            "pinecone");

    private final EndpointStore store;
    private final Secrets secrets;
    private final RemoteHttp http;

    /**
     * @param configFolder where {@code endpoints.json} and {@code secrets.json} live
     * @param env          where key variables are read: {@code System.getenv()}, or a map in tests
     * @param http         the app's transport; this service does not close it
     */
    public EndpointService(Path configFolder, Map<String, String> env, RemoteHttp http) {
        this(configFolder, new Secrets(configFolder, env), http);
    }

    /** As above, with the given key store (the app's uses the OS credential store where there is one). */
    public EndpointService(Path configFolder, Secrets secrets, RemoteHttp http) {
        this.store = new EndpointStore(configFolder);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The id of the provider whose request fields and response pointers the user sets. */
    public static final String CUSTOM_JSON = Dialect.CustomJson.ID;

    /** The built-in providers, the default (Cohere v2) first, then Custom JSON. */
    public static List<ProviderInfo> providers() {
        List<ProviderInfo> out = new ArrayList<>(Dialect.builtIns().stream().map(EndpointService::info).toList());
        out.add(info(new Dialect.CustomJson(fields(CustomJsonSettings.defaults(), null))));
        return List.copyOf(out);
    }

    /** The provider with this id, if it is a known one. */
    public static Optional<ProviderInfo> provider(String id) {
        return providers().stream().filter(p -> p.id().equalsIgnoreCase(id)).findFirst();
    }

    private static ProviderInfo info(Dialect d) {
        return new ProviderInfo(d.id(), d.displayName(), d.defaultBaseUrl().orElse(""), d.defaultModel().orElse(""),
                d.keyEnvVars().isEmpty() ? "" : d.keyEnvVars().get(0), d.defaultMaxDocuments(), d.keyRequired());
    }

    /** The saved endpoints, in the order they were saved. */
    public List<EndpointEntry> list() throws IOException {
        List<EndpointEntry> out = new ArrayList<>();
        for (Endpoint e : store.load()) {
            out.add(entry(e));
        }
        return out;
    }

    /** The saved endpoint named {@code name} (ignoring case). */
    public Optional<EndpointEntry> find(String name) throws IOException {
        Optional<Endpoint> e = store.find(name);
        return e.isPresent() ? Optional.of(entry(e.get())) : Optional.empty();
    }

    private EndpointEntry entry(Endpoint e) {
        KeyRef ref = e.key();
        KeySource source = ref instanceof KeyRef.EnvVar ? KeySource.ENV
                : ref instanceof KeyRef.Stored ? KeySource.STORED : KeySource.NONE;
        boolean found;
        try {
            // Only whether a key is there: reading a stored key could make the OS store ask to be unlocked.
            found = source == KeySource.NONE
                    || (ref instanceof KeyRef.Stored s ? secrets.has(s.id()) : secrets.resolve(e).isPresent());
        } catch (IOException unreadable) {
            found = false;
        }
        String status = switch (source) {
            case ENV -> found ? "from " + ref.describe() : "missing (" + ref.describe() + " is not set)";
            case STORED -> found ? "stored" : "missing (nothing stored)";
            case NONE -> "none";
        };
        Duration call = e.options().callTimeout();
        return new EndpointEntry(e.name(), info(e.dialect()), orEmpty(e.baseUrl()), e.effectiveBaseUrl(),
                orEmpty(e.model()), orEmpty(e.effectiveModel()), e.options().maxDocumentsPerRequest(),
                e.options().concurrency(), (int) Math.max(1, call.toSeconds()), source,
                ref instanceof KeyRef.EnvVar v ? v.name() : "", status, !found, e.allowInsecureHttp(), isPaid(e),
                label(e), e.dialect() instanceof Dialect.CustomJson c ? settings(c.fields()) : null,
                ProviderOptionsText.format(e.options()));
    }

    private static CustomJsonSettings settings(CustomJsonFields f) {
        return new CustomJsonSettings(f.path(), f.queryField(), f.documentsField(), orEmpty(f.topKField()),
                f.resultsPointer(), f.indexPointer(), f.scorePointer());
    }

    /**
     * The wire description of a Custom JSON endpoint: the user's settings over {@code base} (what the endpoint had,
     * or {@link CustomJsonFields#defaults()}) for the parts the user does not set.
     *
     * @throws IllegalArgumentException saying in words what is wrong
     */
    static CustomJsonFields fields(CustomJsonSettings settings, CustomJsonFields base) {
        CustomJsonSettings s = (settings == null ? CustomJsonSettings.defaults() : settings).orDefaults();
        CustomJsonFields b = base == null ? CustomJsonFields.defaults() : base;
        String path = s.path().strip();
        String query = requireField(s.queryField(), "query");
        String documents = requireField(s.documentsField(), "documents");
        String topK = s.topKField().strip();
        String results = s.resultsPointer().strip();
        if (!results.isEmpty() && !results.startsWith("/")) {
            throw new IllegalArgumentException(
                    "The results pointer must start with / (or be empty when the answer is the array itself).");
        }
        String index = requirePointer(s.indexPointer(), "index");
        String score = requirePointer(s.scorePointer(), "score");
        if (path.contains(" ") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("The path must be a plain URL path such as /rerank.");
        }
        try {
            return new CustomJsonFields(path, query, documents, b.documentTextField(), topK.isEmpty() ? null : topK,
                    b.modelField(), results, index, score, b.authHeader(), b.authPrefix(), b.maxDocuments(),
                    b.listwise());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The Custom JSON settings are not valid: " + e.getMessage() + ".", e);
        }
    }

    private static String requireField(String value, String what) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("Give the name of the " + what + " field.");
        }
        return v;
    }

    private static String requirePointer(String value, String what) {
        String v = value.strip();
        if (!v.startsWith("/")) {
            throw new IllegalArgumentException("The " + what + " pointer must start with /, e.g. /" + what + ".");
        }
        return v;
    }

    /** How the ranker picker shows an endpoint: "Cohere prod (cohere-v2 · rerank-v3.5)". */
    static String label(Endpoint e) {
        String model = e.effectiveModel();
        return e.name() + " (" + e.dialect().id() + (model == null ? "" : " · " + model) + ")";
    }

    /** Whether the endpoint is a provider's hosted API, where every request is billed. */
    /** Whether {@code ranker} is a provider's hosted API, which bills per request. */
    public static boolean isPaid(Reranker ranker) {
        return ranker instanceof RemoteReranker r && isPaid(r.endpoint());
    }

    static boolean isPaid(Endpoint e) {
        String host = host(e.effectiveBaseUrl());
        if (e.dialect().id().equals("nim")) {
            return host.endsWith("nvidia.com");
        }
        return PAID.contains(e.dialect().id())
                && e.dialect().defaultBaseUrl().map(d -> host(d).equals(host)).orElse(false);
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Checks a draft and saves it: as a new endpoint when {@code originalName} is {@code null}, else in place of that
     * endpoint (which may be renamed). An entered key is stored in the credential store under the endpoint's name,
     * never in {@code endpoints.json}; a key stored for an endpoint that no longer uses one is forgotten.
     *
     * @return the saved endpoint
     * @throws IllegalArgumentException naming what is wrong with the draft (nothing is saved then)
     */
    public EndpointEntry save(EndpointDraft draft, String originalName) throws IOException {
        Objects.requireNonNull(draft, "draft");
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Give the endpoint a name.");
        }
        Optional<Endpoint> original = originalName == null ? Optional.empty() : store.find(originalName);
        if (originalName != null && original.isEmpty()) {
            throw new IllegalArgumentException("There is no endpoint named \"" + originalName + "\" any more.");
        }
        Optional<Endpoint> clash = store.find(name);
        if (clash.isPresent() && (original.isEmpty() || !clash.get().name().equalsIgnoreCase(originalName))) {
            throw new IllegalArgumentException("An endpoint named \"" + clash.get().name() + "\" exists already.");
        }
        Dialect dialect;
        if (CUSTOM_JSON.equalsIgnoreCase(draft.providerId() == null ? "" : draft.providerId().strip())) {
            CustomJsonFields base = original.map(Endpoint::dialect).filter(d -> d instanceof Dialect.CustomJson)
                    .map(d -> ((Dialect.CustomJson) d).fields()).orElse(null);
            dialect = new Dialect.CustomJson(fields(draft.custom(), base));
        } else {
            dialect = original.filter(o -> o.dialect().id().equals(draft.providerId())).map(Endpoint::dialect)
                    .orElseGet(() -> dialect(draft.providerId()));
        }
        ApiKey entered = null;
        if (draft.key() == KeySource.STORED && draft.enteredKey() != null && !draft.enteredKey().isBlank()) {
            entered = ApiKey.of(draft.enteredKey()); // says what is wrong without quoting the key
        }
        KeyRef key = switch (draft.key()) {
            case ENV -> KeyRef.env(draft.keyEnvVar() == null ? "" : draft.keyEnvVar().strip());
            case STORED -> KeyRef.stored(name);
            case NONE -> KeyRef.NONE;
        };
        if (draft.maxDocsPerRequest() < 0) {
            throw new IllegalArgumentException("Documents per request must be at least 1 (or 0 for the default).");
        }
        if (draft.timeoutSeconds() < 1) {
            throw new IllegalArgumentException("The timeout must be at least 1 second.");
        }
        if (draft.concurrency() < 1 || draft.concurrency() > EndpointOptions.MAX_CONCURRENCY) {
            throw new IllegalArgumentException("Concurrency must be 1-" + EndpointOptions.MAX_CONCURRENCY + ".");
        }
        EndpointOptions base = original.map(Endpoint::options).orElse(EndpointOptions.DEFAULT);
        Duration call = Duration.ofSeconds(draft.timeoutSeconds());
        EndpointOptions options = base.withTimeouts(base.connectTimeout(),
                        base.readTimeout().compareTo(call) > 0 ? call : base.readTimeout(), call)
                .withMaxDocumentsPerRequest(draft.maxDocsPerRequest()).withConcurrency(draft.concurrency())
                .withAllowInsecureHttp(draft.allowInsecureHttp());
        Endpoint endpoint = new Endpoint(name, dialect, draft.baseUrl(), draft.model(), key, options);
        endpoint = endpoint.withOptions(ProviderOptionsText.apply(draft.providerOptions(), options, dialect,
                endpoint.isProviderHost()));
        try {
            RemoteReranker.requestUrl(endpoint);
        } catch (RemoteApiException e) {
            throw new IllegalArgumentException(capitalized(e.getMessage()) + ".", e);
        }
        if (draft.key() == KeySource.STORED && entered == null && !hasStoredKey(original, name)) {
            throw new IllegalArgumentException("Enter the API key to store, or read it from an environment variable.");
        }
        saveKey(original, name, draft.key(), entered);
        if (original.isPresent() && !original.get().name().equalsIgnoreCase(name)) {
            store.remove(original.get().name());
        }
        store.put(endpoint);
        return entry(endpoint);
    }

    private boolean hasStoredKey(Optional<Endpoint> original, String name) throws IOException {
        if (secrets.lookup(name).isPresent()) {
            return true;
        }
        return original.isPresent() && original.get().key() instanceof KeyRef.Stored s
                && secrets.lookup(s.id()).isPresent();
    }

    /** Stores, moves (on rename) or forgets the endpoint's key so that the store matches the draft. */
    private void saveKey(Optional<Endpoint> original, String name, KeySource source, ApiKey entered)
            throws IOException {
        String oldId = original.map(Endpoint::key).filter(k -> k instanceof KeyRef.Stored)
                .map(k -> ((KeyRef.Stored) k).id()).orElse(null);
        if (source == KeySource.STORED) {
            ApiKey key = entered != null ? entered
                    : secrets.lookup(name).or(() -> lookupQuietly(oldId)).orElseThrow();
            secrets.store(name, key);
        }
        if (oldId != null && !(source == KeySource.STORED && oldId.equals(name))) {
            secrets.delete(oldId);
        }
    }

    private Optional<ApiKey> lookupQuietly(String id) {
        try {
            return id == null ? Optional.empty() : secrets.lookup(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes a saved endpoint and the key stored for it; whether there was one. */
    public boolean remove(String name) throws IOException {
        Optional<Endpoint> e = store.find(name);
        if (e.isEmpty()) {
            return false;
        }
        if (e.get().key() instanceof KeyRef.Stored s) {
            secrets.delete(s.id());
        }
        return store.remove(e.get().name());
    }

    /**
     * A ranker for the saved endpoint named {@code name}. Sends nothing yet.
     *
     * @throws RemoteApiException when there is no such endpoint, or it cannot be used (no key, bad URL, ...)
     */
    public Reranker open(String name) throws IOException {
        return RemoteReranker.open(endpoint(name), secrets, http);
    }

    private Endpoint endpoint(String name) throws IOException {
        Optional<Endpoint> found = store.find(name);
        if (found.isEmpty()) {
            throw new RemoteApiException(Kind.CONFIG, "endpoints", 0, false,
                    "no saved endpoint named \"" + name + "\"" + known(), null, null);
        }
        return found.get();
    }

    private String known() throws IOException {
        List<String> names = store.load().stream().map(Endpoint::name).toList();
        return names.isEmpty() ? " (none are saved; add one in the app's Rankers window)"
                : "; saved: " + String.join(", ", names);
    }

    /**
     * A ranker for an endpoint given on the command line. Without {@code apiKeyEnv}, a self-hosted provider (TEI,
     * NIM) whose variable is not set sends no key.
     *
     * @throws RemoteApiException ({@code CONFIG}) for an unknown provider, a missing key, a bad URL
     */
    public Reranker open(AdHocEndpoint request) {
        Dialect dialect;
        if (request.provider() != null && CUSTOM_JSON.equalsIgnoreCase(request.provider().strip())) {
            try {
                dialect = new Dialect.CustomJson(fields(request.custom(), null));
            } catch (IllegalArgumentException e) {
                throw new RemoteApiException(Kind.CONFIG, "endpoints", 0, false, e.getMessage(), null, e);
            }
        } else {
            dialect = dialect(request.provider(), "cohere-v2");
        }
        EndpointOptions o = EndpointOptions.DEFAULT;
        if (request.docsPerRequest() != null) {
            o = o.withMaxDocumentsPerRequest(request.docsPerRequest());
        }
        if (request.concurrency() != null) {
            o = o.withConcurrency(request.concurrency());
        }
        if (request.requestTimeoutSeconds() != null) {
            Duration call = Duration.ofSeconds(request.requestTimeoutSeconds());
            o = o.withTimeouts(o.connectTimeout(), o.readTimeout().compareTo(call) > 0 ? call : o.readTimeout(), call);
        }
        o = o.withAllowInsecureHttp(request.allowInsecureHttp());
        if (request.maxTokensPerDoc() != null) {
            if (!dialect.supportsMaxTokensPerDoc()) {
                throw new RemoteApiException(Kind.CONFIG, dialect.displayName(), 0, false, "--max-tokens-per-doc: "
                        + dialect.displayName() + " has no per-document token limit to send", null, null);
            }
            o = o.withMaxTokensPerDoc(request.maxTokensPerDoc());
        }
        o = o.withProviderOptions(request.providerOptions());
        Endpoint e = Endpoint.of(dialect.id(), dialect, request.baseUrl(), request.model()).withOptions(o);
        List<String> optionProblems = EndpointOptions.problems(request.providerOptions(), dialect,
                e.isProviderHost());
        if (!optionProblems.isEmpty()) {
            throw new RemoteApiException(Kind.CONFIG, dialect.displayName(), 0, false, "--provider-option: "
                    + String.join("; ", optionProblems), null, null);
        }
        if (request.noApiKey()) {
            e = e.withKey(KeyRef.NONE);
        } else if (request.apiKeyEnv() != null) {
            e = e.withKey(KeyRef.env(request.apiKeyEnv()));
        } else if (!dialect.keyRequired() && !resolvable(e)) {
            e = e.withKey(KeyRef.NONE);
        }
        return RemoteReranker.open(e, secrets, http);
    }

    private boolean resolvable(Endpoint e) {
        try {
            return secrets.resolve(e).isPresent();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static Dialect dialect(String id, String fallback) {
        return dialect(id == null ? fallback : id);
    }

    private static Dialect dialect(String id) {
        try {
            return Dialect.byId(id == null ? "" : id, null);
        } catch (IllegalArgumentException e) {
            throw new RemoteApiException(Kind.CONFIG, "endpoints", 0, false, e.getMessage(), null, e);
        }
    }

    /** Whether {@code ranker} is a remote endpoint's. */
    public static boolean isRemote(Reranker ranker) {
        return ranker instanceof RemoteReranker;
    }

    /**
     * Runs a remote ranker and reports what it cost. A run whose batches partly failed is returned with the scored
     * documents and {@link RankerRun#failure()} naming the ranges without scores.
     */
    public static RankerRun run(Reranker ranker, Query query, List<Candidate> candidates, ProgressListener progress,
                                CancellationToken cancel) {
        RemoteReranker remote = (RemoteReranker) ranker;
        try {
            RemoteRun run = remote.run(query, candidates, progress, cancel);
            return new RankerRun(run.ranking(), describe(run.usage()), run.warnings(), null);
        } catch (PartialResultException e) {
            return new RankerRun(e.partial(), describe(e.usage()), List.of(), e.getMessage());
        }
    }

    /** A cost estimate for one query over {@code candidates}, for paid endpoints only. */
    public Optional<String> estimate(String name, List<Candidate> candidates) throws IOException {
        return estimateQueries(name, List.of(candidates));
    }

    /**
     * A cost estimate for several queries, each over its own candidates (requests and search units are counted per
     * query, as each query is sent and billed on its own), for paid endpoints only.
     */
    public Optional<String> estimateQueries(String name, List<List<Candidate>> queries) throws IOException {
        Endpoint e = endpoint(name);
        if (!isPaid(e) || queries.stream().allMatch(List::isEmpty)) {
            return Optional.empty();
        }
        CostEstimate c = null;
        for (List<Candidate> candidates : queries) {
            if (!candidates.isEmpty()) {
                c = plus(c, CostEstimate.estimate(e, candidates));
            }
        }
        StringBuilder sb = new StringBuilder("Estimate: ").append(plural(c.requests(), "request")).append(" · ")
                .append(plural(c.documents(), "document"));
        c.searchUnits().ifPresent(u -> sb.append(" · ≈").append(plural(u, "search unit")));
        if (c.searchUnits().isEmpty()) {
            sb.append(" · ≈").append(String.format(Locale.US, "%,d", c.approxTokens())).append(" tokens");
        }
        return Optional.of(sb.toString());
    }

    /**
     * Sends one one-document request to the saved endpoint and says how it went. Blocks.
     *
     * @throws RemoteApiException with a message for the user when it did not work
     */
    public String test(String name) throws IOException {
        Reranker ranker = open(name);
        long start = System.nanoTime();
        RankerRun run = run(ranker, new Query("test", "connection test"),
                List.of(new Candidate(1, "1", "A short document to check the connection.")), ProgressListener.NONE,
                CancellationToken.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%s answered in %.2f s (score %.4f)%s", ranker.kind().replace("remote ", ""),
                seconds, run.ranking().results().get(0).score(), run.usage().isEmpty() ? "" : " · " + run.usage());
    }

    /**
     * Whether a failure is the user's setup (wrong or missing key, bad address, refused plain http) rather than a
     * fault along the way.
     */
    public static boolean isSetupProblem(Throwable e) {
        return e instanceof RemoteApiException r && !(e instanceof PartialResultException)
                && (r.kind() == Kind.AUTH || r.kind() == Kind.CONFIG || r.kind() == Kind.INSECURE);
    }

    /** Whether a failure is a remote run that scored some batches but not all. */
    public static boolean isPartial(Throwable e) {
        return e instanceof PartialResultException;
    }

    /** "2 requests · 1 retry · 3 search units · 1,200 tokens". */
    static String describe(RunUsage u) {
        List<String> parts = new ArrayList<>();
        parts.add(plural(u.requests(), "request"));
        if (u.retries() > 0) {
            parts.add(plural(u.retries(), "retry").replace("retrys", "retries"));
        }
        if (u.searchUnits() > 0) {
            parts.add((u.searchUnits() == Math.rint(u.searchUnits()) ? plural((long) u.searchUnits(), "search unit")
                    : String.format(Locale.ROOT, "%.1f search units", u.searchUnits())));
        }
        if (u.tokens() > 0) {
            parts.add(String.format(Locale.US, "%,d tokens", u.tokens()));
        }
        if (u.rerankUnits() > 0) {
            parts.add(plural(u.rerankUnits(), "rerank unit"));
        }
        return String.join(" · ", parts);
    }

    private static CostEstimate plus(CostEstimate a, CostEstimate b) {
        if (a == null) {
            return b;
        }
        java.util.OptionalLong units = a.searchUnits().isPresent() && b.searchUnits().isPresent()
                ? java.util.OptionalLong.of(a.searchUnits().getAsLong() + b.searchUnits().getAsLong())
                : java.util.OptionalLong.empty();
        return new CostEstimate(a.queries() + b.queries(), a.requests() + b.requests(), a.documents() + b.documents(),
                a.approxTokens() + b.approxTokens(), units);
    }

    private static String plural(long n, String unit) {
        return String.format(Locale.US, "%,d %s%s", n, unit, n == 1 ? "" : "s");
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * What the form's "Provider options" field takes for provider {@code providerId} at {@code baseUrl} (blank: the
     * provider's public address): "truncate=END|NONE", or "none".
     */
    public static String providerOptionsHelp(String providerId, String baseUrl) {
        if (providerId == null || CUSTOM_JSON.equalsIgnoreCase(providerId.strip())) {
            return "none";
        }
        try {
            Dialect d = Dialect.byId(providerId, null);
            String url = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
            Endpoint e = Endpoint.of("help", d, url, null);
            return ProviderOptionsText.help(d, e.isProviderHost());
        } catch (IllegalArgumentException e) {
            return "none";
        }
    }
}
