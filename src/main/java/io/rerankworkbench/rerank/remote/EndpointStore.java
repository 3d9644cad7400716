package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The user's saved endpoints, as {@code endpoints.json} in the config folder, written atomically. The file holds
 * where each key comes from (an environment variable's name or a stored key's id), never a key. Thread-safe.
 *
 * <pre>{@code
 * {"version": 1, "endpoints": [
 *   {"name": "cohere", "dialect": "cohere-v2", "model": "rerank-v3.5", "key": {"env": "COHERE_API_KEY"},
 *    "options": {"connectTimeoutMs": 10000, "readTimeoutMs": 60000, "callTimeoutMs": 120000,
 *                "maxDocumentsPerRequest": 0, "concurrency": 2, "allowInsecureHttp": false}}]}
 * }</pre>
 */
public final class EndpointStore {

    public static final String FILE_NAME = "endpoints.json";
    private static final int VERSION = 1;

    private final Path file;

    public EndpointStore(Path configFolder) {
        this.file = Objects.requireNonNull(configFolder, "configFolder").resolve(FILE_NAME);
    }

    private List<Endpoint> cached;

    public Path file() {
        return file;
    }

    /**
     * The saved endpoints in the order they were saved; empty when there is no file yet. The file is read once and
     * kept in memory (every change goes through this store), so asking again costs no disk access — the UI asks
     * while the user types.
     */
    public synchronized List<Endpoint> load() throws IOException {
        if (cached == null) {
            cached = List.copyOf(read());
        }
        return cached;
    }

    private List<Endpoint> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        FileJson parsed;
        try {
            parsed = Wire.JSON.readValue(file.toFile(), FileJson.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a valid endpoints file: " + e.getOriginalMessage(), e);
        }
        if (parsed == null || parsed.endpoints() == null) {
            return List.of();
        }
        if (parsed.version() > VERSION) {
            throw new IOException(file + " was written by a newer version of the app (format " + parsed.version()
                    + "); this one reads format " + VERSION);
        }
        List<Endpoint> out = new ArrayList<>();
        for (EndpointJson e : parsed.endpoints()) {
            try {
                out.add(e.toEndpoint());
            } catch (IllegalArgumentException | NullPointerException bad) {
                throw new IOException(file + ": endpoint \"" + e.name() + "\" is not valid: " + bad.getMessage(), bad);
            }
        }
        return out;
    }

    /**
     * Replaces the saved endpoints.
     *
     * @throws IllegalArgumentException when two endpoints share a name (compared ignoring case)
     */
    public synchronized void save(List<Endpoint> endpoints) throws IOException {
        Set<String> names = new HashSet<>();
        for (Endpoint e : endpoints) {
            if (!names.add(e.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two endpoints are named \"" + e.name() + "\"");
            }
        }
        FileJson json = new FileJson(VERSION, endpoints.stream().map(EndpointJson::of).toList());
        ConfigFiles.write(file, Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json), false);
        cached = List.copyOf(endpoints);
    }

    /** Adds {@code endpoint}, or replaces the one with its name. */
    public synchronized void put(Endpoint endpoint) throws IOException {
        List<Endpoint> all = new ArrayList<>(load());
        all.removeIf(e -> e.name().equalsIgnoreCase(endpoint.name()));
        all.add(endpoint);
        save(all);
    }

    /** Removes the endpoint named {@code name}; whether there was one. */
    public synchronized boolean remove(String name) throws IOException {
        List<Endpoint> all = new ArrayList<>(load());
        boolean removed = all.removeIf(e -> e.name().equalsIgnoreCase(name));
        if (removed) {
            save(all);
        }
        return removed;
    }

    public synchronized Optional<Endpoint> find(String name) throws IOException {
        return load().stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }

    // ---- file format -----------------------------------------------------------------------------------------

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileJson(int version, List<EndpointJson> endpoints) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyJson(String env, String stored) {
        static KeyJson of(KeyRef ref) {
            if (ref instanceof KeyRef.EnvVar v) {
                return new KeyJson(v.name(), null);
            }
            if (ref instanceof KeyRef.Stored s) {
                return new KeyJson(null, s.id());
            }
            return null;
        }

        KeyRef toKeyRef() {
            if (env != null) {
                return KeyRef.env(env);
            }
            return stored != null ? KeyRef.stored(stored) : KeyRef.NONE;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OptionsJson(Long connectTimeoutMs, Long readTimeoutMs, Long callTimeoutMs, Integer maxDocumentsPerRequest,
                       Integer concurrency, Integer topK, Integer maxTokensPerDoc, Boolean allowInsecureHttp,
                       Map<String, String> providerOptions) {
        static OptionsJson of(EndpointOptions o) {
            return new OptionsJson(o.connectTimeout().toMillis(), o.readTimeout().toMillis(),
                    o.callTimeout().toMillis(), o.maxDocumentsPerRequest(), o.concurrency(), o.topK(),
                    o.maxTokensPerDoc(), o.allowInsecureHttp(),
                    o.providerOptions().isEmpty() ? null : o.providerOptions());
        }

        EndpointOptions toOptions() {
            EndpointOptions d = EndpointOptions.DEFAULT;
            return new EndpointOptions(
                    connectTimeoutMs != null ? Duration.ofMillis(connectTimeoutMs) : d.connectTimeout(),
                    readTimeoutMs != null ? Duration.ofMillis(readTimeoutMs) : d.readTimeout(),
                    callTimeoutMs != null ? Duration.ofMillis(callTimeoutMs) : d.callTimeout(),
                    maxDocumentsPerRequest != null ? maxDocumentsPerRequest : d.maxDocumentsPerRequest(),
                    concurrency != null ? concurrency : d.concurrency(),
                    topK, maxTokensPerDoc,
                    allowInsecureHttp != null && allowInsecureHttp, providerOptions);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndpointJson(String name, String dialect, String baseUrl, String model, KeyJson key, OptionsJson options,
                        CustomJsonFields customJson) {
        static EndpointJson of(Endpoint e) {
            CustomJsonFields custom = e.dialect() instanceof Dialect.CustomJson c ? c.fields() : null;
            return new EndpointJson(e.name(), e.dialect().id(), e.baseUrl(), e.model(), KeyJson.of(e.key()),
                    OptionsJson.of(e.options()), custom);
        }

        Endpoint toEndpoint() {
            Objects.requireNonNull(name, "name is missing");
            Objects.requireNonNull(dialect, "dialect is missing");
            return new Endpoint(name, Dialect.byId(dialect, customJson), baseUrl, model,
                    key == null ? KeyRef.NONE : key.toKeyRef(),
                    options == null ? EndpointOptions.DEFAULT : options.toOptions());
        }
    }
}
