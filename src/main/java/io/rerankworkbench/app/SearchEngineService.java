package io.rerankworkbench.app;

import io.rerankworkbench.app.SearchEngineStore.Saved;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.remote.ApiKey;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.Secrets;
import io.rerankworkbench.retrieve.engine.EngineAuth;
import io.rerankworkbench.retrieve.engine.EngineHit;
import io.rerankworkbench.retrieve.engine.EngineSecret;
import io.rerankworkbench.retrieve.engine.SearchEngineClient;
import io.rerankworkbench.retrieve.engine.SearchEngineConfig;
import io.rerankworkbench.retrieve.engine.SearchEngineKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user's search engines (Solr, OpenSearch, Elasticsearch): saved in {@code search-engines.json} in the config
 * folder beside the reranker endpoints, their passwords and keys in {@link Secrets} (the OS credential store where
 * there is one) under {@code search-engine/<name>} or read from an environment variable — never in the file. Searches
 * go over the app's one {@link RemoteHttp}.
 *
 * <p>Threading: {@link #list}, {@link #find}, {@link #save} and {@link #remove} read and write files (the IO lane);
 * {@link #test} and {@link #search} block on HTTP (the IO lane, never the FX thread) and stop promptly when their
 * token is cancelled. Failures are {@link IOException}s whose message names the engine and says what went wrong.
 * Thread-safe.
 */
public final class SearchEngineService {

    /** The config file's name, beside {@code endpoints.json}. */
    public static final String FILE_NAME = SearchEngineStore.FILE_NAME;
    /** Stored secrets live under this prefix, apart from reranker keys (stored under the endpoint's name). */
    static final String SECRET_PREFIX = "search-engine/";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SearchEngineStore store;
    private final Secrets secrets;
    private final Map<String, String> env;
    private final SearchEngineClient client;

    /**
     * @param configFolder where {@code search-engines.json} lives
     * @param secrets      the app's key store (shared with the reranker endpoints)
     * @param env          where secret variables are read: {@code System.getenv()}, or a map in tests
     * @param http         the app's transport; this service does not close it
     */
    public SearchEngineService(Path configFolder, Secrets secrets, Map<String, String> env, RemoteHttp http) {
        this(configFolder, secrets, env, new SearchEngineClient(http));
    }

    SearchEngineService(Path configFolder, Secrets secrets, Map<String, String> env, SearchEngineClient client) {
        this.store = new SearchEngineStore(configFolder);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The kinds the form offers, Solr first. */
    public static List<SearchEngineKindInfo> kinds() {
        return Arrays.stream(SearchEngineKind.values()).map(SearchEngineService::info).toList();
    }

    private static SearchEngineKindInfo info(SearchEngineKind k) {
        String hint = k == SearchEngineKind.SOLR
                ? "Request parameters name=value joined by &, as plain text; {{query}} marks the query. "
                + "rows, fl and wt are set for you."
                : "The JSON body of _search; \"{{query}}\" (inside quotes) marks the query. size and _source are "
                + "set for you.";
        return new SearchEngineKindInfo(k.id(), k.displayName(), k.targetLabel(), k.defaultTemplate(),
                SearchEngineConfig.of("x", k, "", "").idField(), hint);
    }

    /** The file the engines are kept in. */
    public Path file() {
        return store.file();
    }

    /** The saved engines, in the order they were saved. */
    public List<SearchEngineEntry> list() throws IOException {
        List<SearchEngineEntry> out = new ArrayList<>();
        for (Saved s : store.load()) {
            out.add(entry(s));
        }
        return out;
    }

    /** The saved engine named {@code name} (ignoring case). */
    public Optional<SearchEngineEntry> find(String name) throws IOException {
        Optional<Saved> s = store.find(name);
        return s.isPresent() ? Optional.of(entry(s.get())) : Optional.empty();
    }

    /**
     * Checks a draft and saves it: as a new engine when {@code originalName} is {@code null}, else in place of that
     * engine (which may be renamed). An entered password or key is stored under the engine's name, never in the
     * file; one stored for an engine that no longer uses it is forgotten.
     *
     * @throws IllegalArgumentException naming the field that is wrong (nothing is saved then)
     */
    public SearchEngineEntry save(SearchEngineDraft draft, String originalName) throws IOException {
        Objects.requireNonNull(draft, "draft");
        Optional<Saved> original = originalName == null ? Optional.empty() : store.find(originalName);
        if (originalName != null && original.isEmpty()) {
            throw new IllegalArgumentException("There is no search engine named \"" + originalName + "\" any more.");
        }
        SearchEngineConfig config = config(draft);
        Optional<Saved> clash = store.find(config.name());
        if (clash.isPresent() && (original.isEmpty() || !clash.get().name().equalsIgnoreCase(originalName))) {
            throw new IllegalArgumentException("Name: a search engine named \"" + clash.get().name()
                    + "\" exists already");
        }
        String envName = strip(draft.secretEnv());
        EngineSecret entered = entered(draft);
        String oldId = original.map(Saved::secretId).orElse("");
        String newId = "";
        if (config.auth() != EngineAuth.NONE && envName.isEmpty()) {
            newId = SECRET_PREFIX + config.name();
            if (entered == null && oldId.isEmpty()) {
                throw new IllegalArgumentException("Secret: enter the " + secretWord(config)
                        + " to store, or name an environment variable to read it from");
            }
            // A rename moves the stored secret to the new name.
            EngineSecret secret = entered != null ? entered : lookup(oldId).orElseThrow(() ->
                    new IllegalArgumentException("Secret: the stored " + secretWord(config)
                            + " is gone; enter it again"));
            secrets.store(newId, encode(secret));
        }
        if (!oldId.isEmpty() && !oldId.equals(newId)) {
            secrets.delete(oldId);
        }
        Saved saved = new Saved(config, config.auth() == EngineAuth.NONE ? "" : envName, newId);
        store.put(saved, original.map(Saved::name).orElse(null));
        return entry(saved);
    }

    /** Removes a saved engine and the secret stored for it; whether there was one. */
    public boolean remove(String name) throws IOException {
        Optional<Saved> s = store.find(name);
        if (s.isEmpty()) {
            return false;
        }
        if (!s.get().secretId().isEmpty()) {
            secrets.delete(s.get().secretId());
        }
        return store.remove(s.get().name());
    }

    /** Test connection for a saved engine: the first hits for {@code test}. Blocks. */
    public SearchEngineTestResult test(String name) throws IOException {
        Saved s = saved(name);
        return test(s.config(), secret(s), SearchEngineClient.TEST_QUERY, CancellationToken.NONE);
    }

    /**
     * Test connection for what the form holds now, saved or not: the first hits for {@code query}. A blank secret
     * field uses the secret stored for {@code originalName}. Blocks.
     *
     * @throws IllegalArgumentException naming the field that is wrong (nothing is sent then)
     */
    public SearchEngineTestResult test(SearchEngineDraft draft, String originalName, String query,
                                       CancellationToken cancel) throws IOException {
        SearchEngineConfig config = config(draft);
        EngineSecret secret = null;
        if (config.auth() != EngineAuth.NONE) {
            secret = entered(draft);
            String envName = strip(draft.secretEnv());
            if (secret == null && !envName.isEmpty()) {
                secret = fromEnv(envName).orElse(null);
            } else if (secret == null && originalName != null) {
                Optional<Saved> original = store.find(originalName);
                secret = original.isPresent() ? secret(original.get()) : null;
            }
        }
        return test(config, secret, query == null || query.isBlank() ? SearchEngineClient.TEST_QUERY : query.strip(),
                cancel);
    }

    private SearchEngineTestResult test(SearchEngineConfig config, EngineSecret secret, String query,
                                        CancellationToken cancel) throws IOException {
        long start = System.nanoTime();
        List<EngineHit> hits = client.test(config, secret, query, cancel);
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = String.format(Locale.ROOT, "%s answered in %.2f s: %s for \"%s\"",
                config.kind().displayName(), seconds, hits.isEmpty() ? "no hits" : hits.size() == 1 ? "1 hit"
                        : "the first " + hits.size() + " hits", query);
        return new SearchEngineTestResult(summary, hits.stream()
                .map(h -> new SearchEngineTestResult.Hit(h.id(), h.title(), h.score())).toList());
    }

    /**
     * The top {@code depth} hits of the saved engine named {@code name} for {@code query}, in the engine's order
     * with its scores. Blocks.
     *
     * @throws IOException with a message naming the engine (unknown name, missing secret, engine failure)
     * @throws io.rerankworkbench.rerank.CancelledException when {@code cancel} was set
     */
    public List<EngineHit> search(String name, String query, int depth, CancellationToken cancel) throws IOException {
        Saved s = saved(name);
        return client.search(s.config(), secret(s), query, depth, cancel);
    }

    /** The depth the saved engine asks for by default. */
    public int defaultDepth(String name) throws IOException {
        return saved(name).config().depth();
    }

    private Saved saved(String name) throws IOException {
        return store.find(name).orElseThrow(() -> new IOException("There is no search engine named \"" + name
                + "\" (saved engines are in " + store.file() + ")"));
    }

    /** The secret a saved engine sends, or null when it needs none or none is found (the client then says so). */
    private EngineSecret secret(Saved s) throws IOException {
        if (s.config().auth() == EngineAuth.NONE) {
            return null;
        }
        if (!s.secretEnv().isEmpty()) {
            return fromEnv(s.secretEnv()).orElseThrow(() -> new IOException("Search engine \"" + s.name()
                    + "\": $" + s.secretEnv() + " is not set"));
        }
        return s.secretId().isEmpty() ? null : lookup(s.secretId()).orElse(null);
    }

    private Optional<EngineSecret> fromEnv(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(EngineSecret.of(value));
    }

    private Optional<EngineSecret> lookup(String id) throws IOException {
        return id.isEmpty() ? Optional.empty() : secrets.lookup(id).map(SearchEngineService::decode);
    }

    /**
     * Secrets holds visible-ASCII keys (they go into headers as they are); a password may hold spaces or any letter,
     * so it is stored Base64-encoded.
     */
    private static ApiKey encode(EngineSecret secret) {
        return ApiKey.of(Base64.getEncoder().encodeToString(secret.reveal().getBytes(StandardCharsets.UTF_8)));
    }

    private static EngineSecret decode(ApiKey stored) {
        return EngineSecret.of(new String(Base64.getDecoder().decode(stored.reveal()), StandardCharsets.UTF_8));
    }

    private static EngineSecret entered(SearchEngineDraft draft) {
        String text = draft.enteredSecret();
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return EngineSecret.of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException with every problem of the draft, one per line, each naming its field */
    private static SearchEngineConfig config(SearchEngineDraft d) {
        SearchEngineKind kind;
        EngineAuth auth;
        try {
            kind = SearchEngineKind.byId(d.kind());
            auth = EngineAuth.byId(d.auth() == null || d.auth().isBlank() ? "none" : d.auth());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Kind: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (d.timeoutSeconds() < 1 || d.timeoutSeconds() > 3600) {
            problems.add("Timeout: " + d.timeoutSeconds() + " s is out of range (1-3600)");
        }
        String envName = strip(d.secretEnv());
        if (auth != EngineAuth.NONE && !envName.isEmpty() && !ENV_NAME.matcher(envName).matches()) {
            problems.add("Secret: \"" + envName + "\" is not an environment variable name");
        }
        SearchEngineConfig config = new SearchEngineConfig(d.name(), kind, d.baseUrl(), d.target(), d.template(),
                d.idField(), d.titleField(), d.textField(), d.depth(), auth, d.username(),
                Duration.ofSeconds(Math.max(1, d.timeoutSeconds())));
        problems.addAll(0, config.problems());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return config;
    }

    private SearchEngineEntry entry(Saved s) {
        SearchEngineConfig c = s.config();
        String status;
        boolean missing;
        if (c.auth() == EngineAuth.NONE) {
            status = "none";
            missing = false;
        } else if (!s.secretEnv().isEmpty()) {
            missing = fromEnv(s.secretEnv()).isEmpty();
            status = missing ? "missing ($" + s.secretEnv() + " is not set)" : "from $" + s.secretEnv();
        } else {
            boolean has;
            try {
                // Only whether it is there: reading it could make the OS store ask to be unlocked.
                has = !s.secretId().isEmpty() && secrets.has(s.secretId());
            } catch (IOException unreadable) {
                has = false;
            }
            missing = !has;
            status = has ? "stored" : "missing (nothing stored)";
        }
        return new SearchEngineEntry(c.name(), c.kind().id(), c.kind().displayName(), c.baseUrl(), c.target(),
                c.kind().targetLabel(), c.template(), c.idField(), c.titleField(), c.textField(), c.depth(),
                c.auth().id(), c.username(), s.secretEnv(), status, missing, (int) c.timeout().toSeconds(),
                c.displayUrl() + "/" + c.target());
    }

    private static String secretWord(SearchEngineConfig c) {
        return c.auth() == EngineAuth.BASIC ? "password" : "API key";
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
