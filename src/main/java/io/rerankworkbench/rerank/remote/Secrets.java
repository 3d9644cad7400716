package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds API keys: an endpoint's environment variable (with the dialect's fallbacks, e.g. {@code CO_API_KEY} after
 * {@code COHERE_API_KEY}), or a key the user stored under an id.
 *
 * <p>Stored keys go to the OS credential store (macOS Keychain, Windows Credential Manager, Secret Service) when the
 * machine has one; {@code secrets.json} in the config folder then records only which ids live there. Without one,
 * or when it refuses a key, the key itself goes to {@code secrets.json}: a file readable and writable by its owner
 * only (POSIX 0600 from the moment it is created; an owner-only ACL on Windows), written atomically — the only file
 * a key is ever written to. Endpoints refer to stored keys by id only.
 *
 * <p>Keys never appear in {@link #toString()}, log lines or exception messages (a malformed file is reported without
 * quoting it). Thread-safe.
 */
public final class Secrets {

    public static final String FILE_NAME = "secrets.json";

    private static final System.Logger LOG = System.getLogger(Secrets.class.getName());
    private static final int VERSION = 1;
    /** Marks, in the file, a key that lives in the OS credential store (the file never holds it then). */
    private static final String IN_OS_STORE = "@os-credential-store";

    private final Path file;
    private final Map<String, String> env;
    /** The OS credential store, found on first use: looking for one takes a second, and most sessions need none. */
    private final java.util.function.Supplier<CredentialStore> osStore;
    private Map<String, String> cache;

    /**
     * @param configFolder where {@code secrets.json} lives (created on the first {@link #store})
     * @param env          the environment to read key variables from: {@code System.getenv()}, or a map in tests
     */
    public Secrets(Path configFolder, Map<String, String> env) {
        this(configFolder, env, (CredentialStore) null);
    }

    /** As above, keeping stored keys in {@code os} (null: in the file only). */
    public Secrets(Path configFolder, Map<String, String> env, CredentialStore os) {
        this.file = Objects.requireNonNull(configFolder, "configFolder").resolve(FILE_NAME);
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.osStore = () -> os;
    }

    private Secrets(Path configFolder, Map<String, String> env,
                    java.util.function.Supplier<CredentialStore> osStore) {
        this.file = Objects.requireNonNull(configFolder, "configFolder").resolve(FILE_NAME);
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.osStore = osStore;
    }

    /** Keys from the process environment, the OS credential store if there is one, and {@code secrets.json}. */
    public static Secrets system(Path configFolder) {
        return new Secrets(configFolder, System.getenv(), new java.util.function.Supplier<CredentialStore>() {
            private CredentialStore found;
            private boolean looked;

            @Override
            public synchronized CredentialStore get() {
                if (!looked) {
                    found = OsKeyring.detect().orElse(null);
                    looked = true;
                }
                return found;
            }
        });
    }

    /** Where a newly stored key goes, for the UI: the OS store's name, or the owner-only file. */
    public String storeDescription() {
        return os() != null ? os().description() : file + " (readable by you only)";
    }

    /** The file stored keys live in. */
    public Path file() {
        return file;
    }

    /**
     * The endpoint's key: from its environment variable (then the dialect's fallback variables when it names the
     * dialect's conventional one), or from the store; empty when it has none or it is not set.
     *
     * @throws IOException when the secrets file cannot be read
     */
    public Optional<ApiKey> resolve(Endpoint endpoint) throws IOException {
        KeyRef ref = endpoint.key();
        if (ref instanceof KeyRef.EnvVar v) {
            for (String name : candidates(v.name(), endpoint.dialect())) {
                String value = env.get(name);
                if (value != null && !value.isBlank()) {
                    return Optional.of(ApiKey.of(value));
                }
            }
            return Optional.empty();
        }
        if (ref instanceof KeyRef.Stored s) {
            return lookup(s.id());
        }
        return Optional.empty();
    }

    /** Why {@link #resolve} found nothing, for the user: which variables or which stored id were looked at. */
    public static String missingKeyMessage(Endpoint endpoint) {
        KeyRef ref = endpoint.key();
        String provider = endpoint.dialect().displayName();
        if (ref instanceof KeyRef.EnvVar v) {
            List<String> names = candidates(v.name(), endpoint.dialect());
            String vars = names.size() == 1 ? "$" + names.get(0) + " is not set"
                    : "none of " + String.join(", ", names.stream().map(n -> "$" + n).toList()) + " is set";
            return "no API key for " + provider + ": " + vars;
        }
        if (ref instanceof KeyRef.Stored s) {
            return "no API key for " + provider + ": nothing is stored under \"" + s.id() + "\"";
        }
        return "no API key for " + provider + ": the endpoint is set to send none";
    }

    private static List<String> candidates(String name, Dialect dialect) {
        List<String> conventional = dialect.keyEnvVars();
        return !conventional.isEmpty() && conventional.get(0).equals(name) ? conventional : List.of(name);
    }

    /**
     * Stores {@code key} under {@code id}, replacing any key stored under it: in the OS store when there is one and
     * it accepts the key, else in the owner-only file.
     */
    public synchronized void store(String id, ApiKey key) throws IOException {
        requireId(id);
        Objects.requireNonNull(key, "key");
        Map<String, String> keys = read();
        if (os() != null) {
            try {
                os().put(id, key);
                keys.put(id, IN_OS_STORE);
                write(keys);
                return;
            } catch (Exception e) {
                // The exception's message is the store's, never the key; fall back to the file.
                LOG.log(Level.WARNING, os().description() + " refused the key for \"" + id + "\" ("
                        + e.getClass().getSimpleName() + "); storing it in " + file + " instead");
            }
        }
        keys.put(id, key.reveal());
        write(keys);
    }

    /** The key stored under {@code id}. */
    public synchronized Optional<ApiKey> lookup(String id) throws IOException {
        requireId(id);
        String value = read().get(id);
        if (IN_OS_STORE.equals(value)) {
            if (os() == null) {
                throw new IOException("the key for \"" + id + "\" is in the OS credential store, which is not "
                        + "available now; enter the key again");
            }
            try {
                return os().get(id);
            } catch (Exception e) {
                throw new IOException(os().description() + " could not read the key for \"" + id + "\" ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(ApiKey.of(value));
    }

    /**
     * Forgets the key stored under {@code id}.
     *
     * @return whether there was one
     */
    public synchronized boolean delete(String id) throws IOException {
        requireId(id);
        Map<String, String> keys = read();
        String value = keys.remove(id);
        if (value == null) {
            return false;
        }
        if (IN_OS_STORE.equals(value) && os() != null) {
            try {
                os().remove(id);
            } catch (Exception e) {
                LOG.log(Level.WARNING, os().description() + " could not delete the key for \"" + id + "\" ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        write(keys);
        return true;
    }

    /**
     * Whether a key is stored under {@code id}, without reading it (so without asking the OS store, which may want
     * the user to unlock it): for status displays.
     */
    public synchronized boolean has(String id) throws IOException {
        requireId(id);
        String value = read().get(id);
        return value != null && !value.isBlank();
    }

    /** The ids that have a stored key. */
    public synchronized List<String> storedIds() throws IOException {
        return List.copyOf(read().keySet());
    }

    /** The file's entries, read once and kept (this object makes every change to it); a copy the caller may edit. */
    private Map<String, String> read() throws IOException {
        if (cache == null) {
            cache = readFile();
        } else if (Files.exists(file) && ConfigFiles.tighten(file)) {
            // Someone loosened the file since it was read: close it again (a stat, no read).
            LOG.log(Level.WARNING, file + " could be read by other users; made it owner-only (0600)");
        }
        return new LinkedHashMap<>(cache);
    }

    private Map<String, String> readFile() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return keys;
        }
        if (ConfigFiles.tighten(file)) {
            LOG.log(Level.WARNING, file + " could be read by other users; made it owner-only (0600)");
        }
        JsonNode root;
        try {
            root = Wire.JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's message can quote the file's text, which holds keys: say where, not what.
            throw new IOException(file + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + "); fix or delete it and store the keys again");
        }
        JsonNode stored = root == null ? null : root.get("keys");
        if (stored == null || !stored.isObject()) {
            throw new IOException(file + " has no \"keys\" object; fix or delete it and store the keys again");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                keys.put(e.getKey(), e.getValue().asText());
            }
        }
        return keys;
    }

    private void write(Map<String, String> keys) throws IOException {
        ObjectNode root = Wire.JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode stored = root.putObject("keys");
        keys.forEach(stored::put);
        byte[] bytes = Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                .getBytes(StandardCharsets.UTF_8);
        ConfigFiles.write(file, bytes, true);
        cache = new LinkedHashMap<>(keys);
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a stored key needs an id");
        }
    }

    @Override
    public String toString() {
        return "Secrets[file=" + file + ", env=" + env.size() + " variables]";
    }

    private CredentialStore os() {
        return osStore.get();
    }
}
