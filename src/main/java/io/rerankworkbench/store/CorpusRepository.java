package io.rerankworkbench.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The project's corpus: documents held for first-stage retrieval, each also a row of {@code documents} so that a
 * retrieved document becomes a query's candidate without a copy (and keeps the grades it has). Also the document
 * embeddings kept per model, so that a corpus is embedded once.
 *
 * <p>Every change to the corpus — a document added or removed, or the text of a corpus document edited — moves the
 * corpus generation (SQLite triggers, so no write path can forget it); {@link #fingerprint} combines it with a token
 * of this project, and an index built for another fingerprint is rebuilt, never used.
 *
 * <p>Threading: like {@link ProjectStore}, every method blocks on disk and holds the store's monitor; call from a
 * background lane. Every write has committed when it returns.
 */
public final class CorpusRepository {

    /** The settings key of the project's corpus token (a random UUID, made with the first corpus document). */
    static final String TOKEN_KEY = "corpus.token";
    private static final int PROGRESS_EVERY = 1_000;

    /** A document of the corpus. */
    public record Entry(long documentKey, String id, String title, String text) {
        /** Title and text joined with one space (the text alone when there is no title): what retrieval reads. */
        public String searchText() {
            return title == null || title.isBlank() ? text : title + " " + text;
        }
    }

    /** A document to add: {@code title} may be null. */
    public record NewDocument(String id, String title, String text) {
        public NewDocument {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }

    /** What an addition did: documents new to the corpus, and documents it already held with the same texts. */
    public record AddReport(int added, int unchanged) {
    }

    /** What {@link #fill} did to a query's candidates. */
    public record FillReport(boolean replaced, int added, int total) {
    }

    private final ProjectStore store;

    public CorpusRepository(ProjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Adds documents to the corpus, all or none. A document whose id the corpus already holds with the same title
     * and text is left as it is; one whose id it holds with another text is refused (the whole addition is), naming
     * the id — a corpus id names one text.
     */
    public AddReport add(List<NewDocument> documents, ImportProgress progress) {
        Objects.requireNonNull(progress, "progress");
        synchronized (store) {
            return store.write("add " + documents.size() + " documents to the corpus", () -> {
                var c = store.connection();
                int added = 0;
                int unchanged = 0;
                Set<String> seen = new HashSet<>();
                try (PreparedStatement inCorpus = c.prepareStatement("SELECT d.title, d.text FROM corpus k "
                        + "JOIN documents d ON d.id = k.document_id WHERE k.external_id = ?");
                     PreparedStatement find = c.prepareStatement(
                             "SELECT id FROM documents WHERE external_id = ? AND text = ? AND title IS ? LIMIT 1");
                     PreparedStatement insertDocument = c.prepareStatement(
                             "INSERT INTO documents(external_id, title, text) VALUES (?, ?, ?)",
                             Statement.RETURN_GENERATED_KEYS);
                     PreparedStatement insertCorpus = c.prepareStatement(
                             "INSERT INTO corpus(document_id, external_id) VALUES (?, ?)")) {
                    for (int i = 0; i < documents.size(); i++) {
                        NewDocument d = documents.get(i);
                        String title = d.title() == null || d.title().isBlank() ? null : d.title();
                        if (!seen.add(d.id())) {
                            throw new SQLException("document id \"" + d.id() + "\" appears twice in what is added");
                        }
                        inCorpus.setString(1, d.id());
                        try (ResultSet rs = inCorpus.executeQuery()) {
                            if (rs.next()) {
                                if (Objects.equals(rs.getString(1), title) && rs.getString(2).equals(d.text())) {
                                    unchanged++;
                                    continue;
                                }
                                throw new SQLException("the corpus already holds a document \"" + d.id()
                                        + "\" with another text");
                            }
                        }
                        long key = -1;
                        find.setString(1, d.id());
                        find.setString(2, d.text());
                        find.setString(3, title);
                        try (ResultSet rs = find.executeQuery()) {
                            if (rs.next()) {
                                key = rs.getLong(1); // already a candidate somewhere: share it, and its grades
                            }
                        }
                        if (key < 0) {
                            insertDocument.setString(1, d.id());
                            insertDocument.setString(2, title);
                            insertDocument.setString(3, d.text());
                            insertDocument.executeUpdate();
                            key = ProjectStore.generatedKey(insertDocument);
                        }
                        insertCorpus.setLong(1, key);
                        insertCorpus.setString(2, d.id());
                        insertCorpus.executeUpdate();
                        added++;
                        if ((i + 1) % PROGRESS_EVERY == 0) {
                            progress.progress(i + 1, documents.size());
                        }
                    }
                }
                if (added > 0 && store.setting(TOKEN_KEY).isEmpty()) {
                    store.putSetting(TOKEN_KEY, UUID.randomUUID().toString());
                }
                progress.progress(documents.size(), documents.size());
                return new AddReport(added, unchanged);
            });
        }
    }

    /** Empties the corpus. Its documents stay wherever they are candidates; embeddings stay for reuse. */
    public int clear() {
        synchronized (store) {
            return store.write("empty the corpus", () -> {
                try (Statement s = store.connection().createStatement()) {
                    return s.executeUpdate("DELETE FROM corpus");
                }
            });
        }
    }

    public int size() {
        synchronized (store) {
            return store.read(() -> {
                try (Statement s = store.connection().createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM corpus")) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            });
        }
    }

    /** Moves whenever the corpus or the text of one of its documents changes. */
    public long generation() {
        synchronized (store) {
            return store.read(() -> {
                try (Statement s = store.connection().createStatement();
                     ResultSet rs = s.executeQuery("SELECT generation FROM corpus_state WHERE id = 1")) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
        }
    }

    /**
     * What an index of this corpus is built from: this project's corpus token and the corpus generation. Two
     * projects never share one, and any change to the corpus gives a new one.
     */
    public String fingerprint() {
        synchronized (store) {
            return store.setting(TOKEN_KEY).orElse("empty") + ":" + generation();
        }
    }

    /**
     * Every corpus document in corpus order: by document row ({@code corpus.document_id} is the table's row id), which
     * is the order they were added except that a document that was a candidate before it joined the corpus, and so
     * shares that older row, comes earlier.
     */
    public List<Entry> all() {
        synchronized (store) {
            return store.read(() -> {
                List<Entry> out = new ArrayList<>();
                try (Statement s = store.connection().createStatement();
                     ResultSet rs = s.executeQuery("SELECT d.id, k.external_id, d.title, d.text FROM corpus k "
                             + "JOIN documents d ON d.id = k.document_id ORDER BY k.rowid")) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return out;
            });
        }
    }

    /**
     * Every corpus document's id and key, in {@link #all}'s order — what retrieval needs to turn hits into
     * candidates, without holding the texts.
     */
    public Map<String, Long> keys() {
        synchronized (store) {
            return store.read(() -> {
                Map<String, Long> out = new java.util.LinkedHashMap<>();
                try (Statement s = store.connection().createStatement();
                     ResultSet rs = s.executeQuery("SELECT external_id, document_id FROM corpus ORDER BY rowid")) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            });
        }
    }

    /**
     * Up to {@code limit} corpus documents after position {@code after} (0 for the first page), in {@link #all}'s
     * order: for reading a big corpus a page at a time.
     *
     * @return the page; its entries' positions are {@code after + 1 …}
     */
    public List<Entry> page(long after, int limit) {
        synchronized (store) {
            return store.read(() -> {
                List<Entry> out = new ArrayList<>(Math.min(limit, 10_000));
                try (PreparedStatement ps = store.connection().prepareStatement("SELECT d.id, k.external_id, "
                        + "d.title, d.text FROM corpus k JOIN documents d ON d.id = k.document_id "
                        + "ORDER BY k.rowid LIMIT ? OFFSET ?")) {
                    ps.setInt(1, limit);
                    ps.setLong(2, after);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                        }
                    }
                }
                return out;
            });
        }
    }

    /** The corpus documents with these keys, in the order given (unknown keys are left out). */
    public List<Entry> entries(List<Long> documentKeys) {
        synchronized (store) {
            return store.read(() -> {
                List<Entry> out = new ArrayList<>(documentKeys.size());
                try (PreparedStatement ps = store.connection().prepareStatement("SELECT d.id, k.external_id, "
                        + "d.title, d.text FROM corpus k JOIN documents d ON d.id = k.document_id "
                        + "WHERE k.document_id = ?")) {
                    for (long key : documentKeys) {
                        ps.setLong(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
                                        rs.getString(4)));
                            }
                        }
                    }
                }
                return out;
            });
        }
    }

    /**
     * The kept embeddings by {@code model} of the corpus documents whose current text ({@link Entry#searchText}) is
     * the one each was made from. Reads the corpus row by row, so the texts are never all held at once.
     */
    public Map<Long, float[]> currentEmbeddings(String model) {
        Objects.requireNonNull(model, "model");
        synchronized (store) {
            return store.read(() -> {
                Map<Long, float[]> out = new HashMap<>();
                try (PreparedStatement ps = store.connection().prepareStatement("SELECT d.id, d.title, d.text, "
                        + "e.text_sha256, e.vector FROM corpus k JOIN documents d ON d.id = k.document_id "
                        + "JOIN document_embeddings e ON e.document_id = k.document_id AND e.model = ?")) {
                    ps.setString(1, model);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Entry e = new Entry(rs.getLong(1), null, rs.getString(2), rs.getString(3));
                            if (sha256(e.searchText()).equals(rs.getString(4))) {
                                out.put(e.documentKey(), floats(rs.getBytes(5)));
                            }
                        }
                    }
                }
                return out;
            });
        }
    }

    /** The corpus document with this id. */
    public Optional<Entry> find(String id) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement("SELECT d.id, k.external_id, "
                        + "d.title, d.text FROM corpus k JOIN documents d ON d.id = k.document_id "
                        + "WHERE k.external_id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4))) : Optional.empty();
                    }
                }
            });
        }
    }

    /**
     * Makes retrieved documents a query's candidates. A query without runs gets exactly these candidates, in this
     * order (its grades stay: they belong to the query and the document, and a judged document left out still counts
     * as relevant when runs are evaluated). A query with runs keeps every candidate it has, because its runs ranked
     * them; the retrieved documents it lacks are added after them, in retrieval order.
     *
     * @param documentKeys the retrieved corpus documents' keys ({@link Entry#documentKey}), best first
     * @param scores       their retrieval scores ({@code NaN} for none)
     */
    public FillReport fill(long queryId, long[] documentKeys, double[] scores) {
        if (documentKeys.length != scores.length) {
            throw new IllegalArgumentException(documentKeys.length + " documents but " + scores.length + " scores");
        }
        synchronized (store) {
            return store.write("fill the candidates of query " + queryId, () -> {
                var c = store.connection();
                boolean hasRuns;
                // Runs of the query's variants count (no variant_id filter): they ranked these candidates too, so
                // none of them may be taken away under them.
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM runs WHERE query_id = ?")) {
                    ps.setLong(1, queryId);
                    try (ResultSet rs = ps.executeQuery()) {
                        hasRuns = rs.next() && rs.getInt(1) > 0;
                    }
                }
                Set<Long> present = new HashSet<>();
                Set<String> presentIds = new HashSet<>();
                int next = 1;
                if (hasRuns) {
                    for (StoredCandidate sc : store.candidates(queryId)) {
                        present.add(sc.documentId());
                        presentIds.add(sc.candidate().docId());
                        next = Math.max(next, sc.candidate().originalRank() + 1);
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM candidates WHERE query_id = ?")) {
                        ps.setLong(1, queryId);
                        ps.executeUpdate();
                    }
                }
                Map<Long, String> ids = externalIds(documentKeys);
                int added = 0;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO candidates(query_id, document_id, "
                        + "original_rank, first_stage_score) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < documentKeys.length; i++) {
                        String id = ids.get(documentKeys[i]);
                        if (id == null) {
                            throw new SQLException("no document with key " + documentKeys[i]);
                        }
                        // One candidate per document id: a run names its documents by id.
                        if (!present.add(documentKeys[i]) || !presentIds.add(id)) {
                            continue;
                        }
                        ps.setLong(1, queryId);
                        ps.setLong(2, documentKeys[i]);
                        ps.setInt(3, next++);
                        ProjectStore.setDouble(ps, 4, scores[i]);
                        ps.executeUpdate();
                        added++;
                    }
                }
                return new FillReport(!hasRuns, added, next - 1);
            });
        }
    }

    /**
     * The document keys of documents from outside the corpus (a search engine's hits): an identical document already
     * in the project (same id, title and text) is shared, so it keeps its grades; another is added. All or none.
     */
    public long[] documentKeys(List<NewDocument> documents) {
        synchronized (store) {
            return store.write("add " + documents.size() + " documents", () -> {
                long[] keys = new long[documents.size()];
                var c = store.connection();
                try (PreparedStatement find = c.prepareStatement(
                        "SELECT id FROM documents WHERE external_id = ? AND text = ? AND title IS ? LIMIT 1");
                     PreparedStatement insert = c.prepareStatement(
                             "INSERT INTO documents(external_id, title, text) VALUES (?, ?, ?)",
                             Statement.RETURN_GENERATED_KEYS)) {
                    for (int i = 0; i < documents.size(); i++) {
                        NewDocument d = documents.get(i);
                        String title = d.title() == null || d.title().isBlank() ? null : d.title();
                        find.setString(1, d.id());
                        find.setString(2, d.text());
                        find.setString(3, title);
                        keys[i] = -1;
                        try (ResultSet rs = find.executeQuery()) {
                            if (rs.next()) {
                                keys[i] = rs.getLong(1);
                            }
                        }
                        if (keys[i] < 0) {
                            insert.setString(1, d.id());
                            insert.setString(2, title);
                            insert.setString(3, d.text());
                            insert.executeUpdate();
                            keys[i] = ProjectStore.generatedKey(insert);
                        }
                    }
                }
                return keys;
            });
        }
    }

    private Map<Long, String> externalIds(long[] keys) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT external_id FROM documents WHERE id = ?")) {
            for (long key : keys) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(key, rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- embeddings

    /** One kept embedding: the document, the hash of the text embedded, the vector. */
    public record Embedding(long documentKey, String textSha256, float[] vector) {
    }

    /**
     * The kept embeddings of these documents by {@code model}, each only if it was made from the text given for it
     * now ({@link #sha256}); documents without a current one are absent from the map.
     *
     * @param texts document key → the text that would be embedded now
     */
    public Map<Long, float[]> embeddings(String model, Map<Long, String> texts) {
        Objects.requireNonNull(model, "model");
        synchronized (store) {
            return store.read(() -> {
                Map<Long, float[]> out = new HashMap<>();
                try (PreparedStatement ps = store.connection().prepareStatement("SELECT document_id, text_sha256, "
                        + "vector FROM document_embeddings WHERE model = ?")) {
                    ps.setString(1, model);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String text = texts.get(rs.getLong(1));
                            if (text != null && sha256(text).equals(rs.getString(2))) {
                                out.put(rs.getLong(1), floats(rs.getBytes(3)));
                            }
                        }
                    }
                }
                return out;
            });
        }
    }

    /** Keeps embeddings by {@code model}, replacing older ones of the same documents; all or none. */
    public void putEmbeddings(String model, List<Embedding> embeddings) {
        Objects.requireNonNull(model, "model");
        synchronized (store) {
            store.write("keep " + embeddings.size() + " embeddings", () -> {
                try (PreparedStatement ps = store.connection().prepareStatement("INSERT OR REPLACE INTO "
                        + "document_embeddings(document_id, model, text_sha256, dimensions, vector) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
                    for (Embedding e : embeddings) {
                        ps.setLong(1, e.documentKey());
                        ps.setString(2, model);
                        ps.setString(3, e.textSha256());
                        ps.setInt(4, e.vector().length);
                        ps.setBytes(5, bytes(e.vector()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
    }

    /** The number of embeddings kept for {@code model}. */
    public int embeddingCount(String model) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT count(*) FROM document_embeddings WHERE model = ?")) {
                    ps.setString(1, model);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : 0;
                    }
                }
            });
        }
    }

    /** The hex SHA-256 of a text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
