package io.rerankworkbench.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.retrieve.engine.EngineAuth;
import io.rerankworkbench.retrieve.engine.SearchEngineConfig;
import io.rerankworkbench.retrieve.engine.SearchEngineKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's search engines, as {@code search-engines.json} in the config folder beside {@code endpoints.json},
 * written atomically. The file says where each secret comes from (an environment variable's name, or the id it is
 * stored under in {@code Secrets}), never the secret. Thread-safe.
 *
 * <pre>{@code
 * {"version": 1, "engines": [
 *   {"name": "prod-solr", "kind": "solr", "baseUrl": "http://localhost:8983/solr", "target": "docs",
 *    "template": "q={{query}}&defType=edismax&qf=title text", "idField": "id", "titleField": "title",
 *    "textField": "text", "depth": 100, "auth": "basic", "username": "analyst", "timeoutSeconds": 30,
 *    "secret": {"stored": "search-engine/prod-solr"}}]}
 * }</pre>
 */
final class SearchEngineStore {

    static final String FILE_NAME = "search-engines.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A saved engine: its config and where its secret comes from (both blank when it needs none). */
    record Saved(SearchEngineConfig config, String secretEnv, String secretId) {
        Saved {
            Objects.requireNonNull(config, "config");
            secretEnv = secretEnv == null ? "" : secretEnv;
            secretId = secretId == null ? "" : secretId;
        }

        String name() {
            return config.name();
        }
    }

    private final Path file;
    private List<Saved> cached;

    SearchEngineStore(Path configFolder) {
        this.file = Objects.requireNonNull(configFolder, "configFolder").resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The saved engines in the order they were saved; read once, then kept (every change goes through here). */
    synchronized List<Saved> load() throws IOException {
        if (cached == null) {
            cached = List.copyOf(read());
        }
        return cached;
    }

    synchronized Optional<Saved> find(String name) throws IOException {
        return load().stream().filter(s -> s.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    /** Adds {@code saved}, or replaces the engine with its name (or, when renamed, the one named {@code replacing}). */
    synchronized void put(Saved saved, String replacing) throws IOException {
        List<Saved> all = new ArrayList<>(load());
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
            String n = all.get(i).name();
            if (n.equalsIgnoreCase(saved.name()) || (replacing != null && n.equalsIgnoreCase(replacing))) {
                if (at < 0) {
                    at = i;
                }
            }
        }
        all.removeIf(s -> s.name().equalsIgnoreCase(saved.name())
                || (replacing != null && s.name().equalsIgnoreCase(replacing)));
        all.add(at < 0 ? all.size() : Math.min(at, all.size()), saved);
        write(all);
    }

    synchronized boolean remove(String name) throws IOException {
        List<Saved> all = new ArrayList<>(load());
        boolean removed = all.removeIf(s -> s.name().equalsIgnoreCase(name));
        if (removed) {
            write(all);
        }
        return removed;
    }

    private List<Saved> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        FileJson parsed;
        try {
            parsed = JSON.readValue(file.toFile(), FileJson.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ": not a valid search engines file: "
                    + e.getOriginalMessage(), e);
        }
        if (parsed == null || parsed.engines() == null) {
            return List.of();
        }
        if (parsed.version() > VERSION) {
            throw new IOException(file + " was written by a newer version of the app (format " + parsed.version()
                    + "); this one reads format " + VERSION);
        }
        List<Saved> out = new ArrayList<>();
        for (EngineJson e : parsed.engines()) {
            try {
                out.add(e.toSaved());
            } catch (IllegalArgumentException | NullPointerException bad) {
                throw new IOException(file + ": search engine \"" + e.name() + "\" is not valid: " + bad.getMessage(),
                        bad);
            }
        }
        return out;
    }

    private void write(List<Saved> all) throws IOException {
        FileJson json = new FileJson(VERSION, all.stream().map(EngineJson::of).toList());
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> out.write(bytes));
        cached = List.copyOf(all);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileJson(int version, List<EngineJson> engines) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecretJson(String env, String stored) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EngineJson(String name, String kind, String baseUrl, String target, String template, String idField,
                      String titleField, String textField, Integer depth, String auth, String username,
                      Integer timeoutSeconds, SecretJson secret) {
        static EngineJson of(Saved s) {
            SearchEngineConfig c = s.config();
            SecretJson secret = !s.secretEnv().isEmpty() ? new SecretJson(s.secretEnv(), null)
                    : !s.secretId().isEmpty() ? new SecretJson(null, s.secretId()) : null;
            return new EngineJson(c.name(), c.kind().id(), c.baseUrl(), c.target(), c.template(), c.idField(),
                    c.titleField(), c.textField(), c.depth(), c.auth().id(),
                    c.username().isEmpty() ? null : c.username(), (int) c.timeout().toSeconds(), secret);
        }

        Saved toSaved() {
            Objects.requireNonNull(name, "name is missing");
            Objects.requireNonNull(kind, "kind is missing");
            SearchEngineKind k = SearchEngineKind.byId(kind);
            SearchEngineConfig config = new SearchEngineConfig(name, k, baseUrl, target, template, idField,
                    titleField, textField, depth == null ? SearchEngineConfig.DEFAULT_DEPTH : depth,
                    auth == null ? EngineAuth.NONE : EngineAuth.byId(auth), username,
                    timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
            return new Saved(config, secret == null ? "" : secret.env(), secret == null ? "" : secret.stored());
        }
    }
}
