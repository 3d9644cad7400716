package io.rerankworkbench.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Explanations kept in a project file, so that one computed once — above all an occlusion map a hosted ranker billed
 * request by request — is shown again on reopening without being computed or paid for again.
 *
 * <p>An explanation is kept per (query, document, ranker, method, settings); {@link #put} replaces the one with the
 * same key. It is valid only for the texts it was computed on: the caller passes the {@link #fingerprint} of the
 * query's and document's current texts, and {@link #find} returns nothing when they differ, so an edited query
 * never shows a map of its old text. Explanations go with their query or document (cascade delete), are not copied
 * when a query is duplicated, and are not carried in project bundles (docs/PROJECT_FORMAT.md).
 *
 * <p>Threading: like {@link ProjectStore}, every method blocks on disk and holds the store's monitor; call from a
 * background lane. Every write has committed when it returns.
 */
public final class ExplanationRepository {

    private static final String COLUMNS =
            "id, query_id, document_id, ranker, method, settings, fingerprint, payload, created_at";
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final JsonFactory JSON = new JsonFactory();

    private final ProjectStore store;

    public ExplanationRepository(ProjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The kept explanation with this key, if it was computed on the texts {@code fingerprint} stands for.
     *
     * @return empty when there is none, or when the one kept was computed on other texts (the query or document was
     *         edited since)
     */
    public Optional<StoredExplanation> find(long queryId, long documentId, String ranker, String method,
                                            String settings, String fingerprint) {
        checkKey(ranker, method, settings);
        checkFingerprint(fingerprint);
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement("SELECT " + COLUMNS
                        + " FROM explanations WHERE query_id = ? AND document_id = ? AND ranker = ? AND method = ? "
                        + "AND settings = ? AND fingerprint = ?")) {
                    ps.setLong(1, queryId);
                    ps.setLong(2, documentId);
                    ps.setString(3, ranker);
                    ps.setString(4, method);
                    ps.setString(5, settings);
                    ps.setString(6, fingerprint);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(explanation(rs)) : Optional.empty();
                    }
                }
            });
        }
    }

    /**
     * Keeps an explanation, replacing the one with the same (query, document, ranker, method, settings) whatever
     * texts that was computed on; on disk when this returns.
     *
     * @throws IllegalArgumentException when an argument is blank or malformed (see {@link StoredExplanation})
     * @throws StoreException           when the query or document does not exist, or the write fails
     */
    public void put(long queryId, long documentId, String ranker, String method, String settings, String fingerprint,
                    String payload) {
        checkRow(ranker, method, settings, fingerprint, payload);
        Instant now = Instant.now();
        synchronized (store) {
            store.write("save explanation", () -> {
                upsert(queryId, documentId, ranker, method, settings, fingerprint, payload, now);
                return null;
            });
        }
    }

    /** How many explanations the query has kept, for any ranker, method or text (current or not). */
    public int count(long queryId) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT count(*) FROM explanations WHERE query_id = ?")) {
                    ps.setLong(1, queryId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : 0;
                    }
                }
            });
        }
    }

    /** Every explanation the query has kept, oldest row first (for a snapshot of a query that is being deleted). */
    public List<StoredExplanation> list(long queryId) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT " + COLUMNS + " FROM explanations WHERE query_id = ? ORDER BY id")) {
                    ps.setLong(1, queryId);
                    List<StoredExplanation> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(explanation(rs));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /**
     * Writes explanations {@link #list listed} before a query was deleted back under {@code queryId}, the key the
     * restored query got, keeping their fingerprints and times; all in one transaction (or the caller's). Each goes
     * to the restored query's candidate with the same document id, title and text as the document it explained
     * (normally the same row: documents outlive their queries); one whose document is no longer among the query's
     * candidates is left out. A kept explanation with the same key is replaced.
     *
     * @return how many were written back
     */
    public int restore(long queryId, List<StoredExplanation> explanations) {
        for (StoredExplanation e : explanations) {
            checkRow(e.ranker(), e.method(), e.settings(), e.fingerprint(), e.payload());
            Objects.requireNonNull(e.createdAt(), "createdAt");
        }
        synchronized (store) {
            return store.write("restore explanations", () -> {
                int written = 0;
                try (PreparedStatement candidate = store.connection().prepareStatement(
                        "SELECT c.document_id FROM candidates c JOIN documents d ON d.id = c.document_id "
                                + "JOIN documents o ON o.id = ? WHERE c.query_id = ? AND d.external_id = o.external_id "
                                + "AND d.text = o.text AND d.title IS o.title "
                                + "ORDER BY c.document_id = o.id DESC, c.original_rank LIMIT 1")) {
                    for (StoredExplanation e : explanations) {
                        candidate.setLong(1, e.documentId());
                        candidate.setLong(2, queryId);
                        Long documentId;
                        try (ResultSet rs = candidate.executeQuery()) {
                            documentId = rs.next() ? rs.getLong(1) : null;
                        }
                        if (documentId != null) {
                            upsert(queryId, documentId, e.ranker(), e.method(), e.settings(), e.fingerprint(),
                                    e.payload(), e.createdAt());
                            written++;
                        }
                    }
                }
                return written;
            });
        }
    }

    /**
     * The fingerprint of the texts an explanation is computed on: SHA-256, as 64 lowercase hex digits, of the query
     * text and then the document text, each as its UTF-8 length (8 bytes, big-endian) followed by its UTF-8 bytes.
     * The lengths keep the boundary: ("ab", "c") and ("a", "bc") differ.
     */
    public static String fingerprint(String queryText, String documentText) {
        if (queryText == null || documentText == null) {
            throw new IllegalArgumentException("fingerprint needs the query text and the document text, was "
                    + (queryText == null ? "no query text" : "no document text"));
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e); // every Java SE runtime has it
        }
        for (String text : new String[] {queryText, documentText}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private void upsert(long queryId, long documentId, String ranker, String method, String settings,
                        String fingerprint, String payload, Instant createdAt) throws SQLException {
        // A foreign-key failure would say only "FOREIGN KEY constraint failed"; say which row is missing.
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM queries WHERE id = ?), EXISTS (SELECT 1 FROM documents WHERE id = ?)")) {
            ps.setLong(1, queryId);
            ps.setLong(2, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new SQLException("no query " + queryId);
                }
                if (rs.getInt(2) == 0) {
                    throw new SQLException("no document " + documentId);
                }
            }
        }
        // ON CONFLICT rather than INSERT OR REPLACE: the row keeps its id.
        try (PreparedStatement ps = store.connection().prepareStatement(
                "INSERT INTO explanations(query_id, document_id, ranker, method, settings, fingerprint, payload, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT(query_id, document_id, ranker, method, settings) DO UPDATE SET "
                        + "fingerprint = excluded.fingerprint, payload = excluded.payload, "
                        + "created_at = excluded.created_at")) {
            ps.setLong(1, queryId);
            ps.setLong(2, documentId);
            ps.setString(3, ranker);
            ps.setString(4, method);
            ps.setString(5, settings);
            ps.setString(6, fingerprint);
            ps.setString(7, payload);
            ps.setString(8, createdAt.toString());
            ps.executeUpdate();
        }
    }

    private static StoredExplanation explanation(ResultSet rs) throws SQLException {
        return new StoredExplanation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), ProjectStore.instant(rs.getString(9)));
    }

    private static void checkRow(String ranker, String method, String settings, String fingerprint, String payload) {
        checkKey(ranker, method, settings);
        checkFingerprint(fingerprint);
        checkJson(payload);
    }

    private static void checkKey(String ranker, String method, String settings) {
        if (ranker == null || ranker.isBlank()) {
            throw new IllegalArgumentException("explanation ranker must be the ranker's label, was "
                    + (ranker == null ? "null" : "blank"));
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("explanation method must be named (e.g. occlusion), was "
                    + (method == null ? "null" : "blank"));
        }
        // Empty settings are a valid canonical string (a method with nothing to set); null is a caller's slip.
        if (settings == null) {
            throw new IllegalArgumentException("explanation settings must be a string (empty for none), was null");
        }
    }

    private static void checkFingerprint(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("explanation fingerprint must be 64 lowercase hex digits as "
                    + "ExplanationRepository.fingerprint returns, was " + (fingerprint == null ? "null"
                    : "\"" + abbreviate(fingerprint) + "\""));
        }
    }

    /** The payload is read back long after it was written; a broken one is refused now, not found then. */
    private static void checkJson(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException("explanation payload must be JSON, was "
                    + (payload == null ? "null" : "blank"));
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            parser.nextToken();
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new IllegalArgumentException("explanation payload must be one JSON value, but more follows at "
                        + "line " + parser.currentLocation().getLineNr() + ", column "
                        + parser.currentLocation().getColumnNr());
            }
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? j.getOriginalMessage() + " at line " + j.getLocation().getLineNr() + ", column "
                            + j.getLocation().getColumnNr()
                    : e.getMessage();
            throw new IllegalArgumentException("explanation payload is not valid JSON: " + reason, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "…";
    }
}
