package io.rerankworkbench.store;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.core.TextSpan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open project file ({@code .rwb}): one SQLite database in WAL mode.
 *
 * <p>There is no save step: every write method has committed when it returns (one statement in autocommit, or one
 * explicit transaction for multi-row writes), so a crash — even SIGKILL — loses nothing that was reported written.
 * {@code synchronous=FULL}: in WAL mode, NORMAL survives a process crash but may lose the last commits on power loss
 * or an OS crash; the writes here are human work (grades) and imports that are one transaction each, so the one
 * extra fsync per commit is cheap and buys durability against power loss too.
 *
 * <p>Only one {@code ProjectStore} may have a file open at a time, across processes (see {@link ProjectLock}).
 *
 * <p>Threading: methods are synchronized on the store and block on disk; call them from the {@code io} executor,
 * never from the FX thread.
 */
public final class ProjectStore implements AutoCloseable {

    /** {@code PRAGMA application_id}: "RWB1". Tells a project from any other SQLite file. */
    public static final int APPLICATION_ID = 0x52574231;

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final int PROGRESS_EVERY = 2_000;

    private final Path file;
    private final Connection connection;
    private final ProjectLock lock;
    private boolean closed;

    private ProjectStore(Path file, Connection connection, ProjectLock lock) {
        this.file = file;
        this.connection = connection;
        this.lock = lock;
    }

    // ---------------------------------------------------------------------------------------------------- lifecycle

    /** Creates a new, empty project at {@code file}; refuses to overwrite anything. */
    public static ProjectStore create(Path file) throws ProjectOpenException {
        return create(file, Migrations.standard());
    }

    static ProjectStore create(Path file, Migrations migrations) throws ProjectOpenException {
        Path path = file.toAbsolutePath();
        if (Files.exists(path)) {
            throw new ProjectOpenException(path, ProjectOpenException.Reason.ALREADY_EXISTS,
                    "Cannot create " + path + ": a file with that name already exists.");
        }
        ProjectLock lock = ProjectLock.acquire(path);
        Connection connection = null;
        try {
            connection = connect(path);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
            }
            lock.lockDatabase(path); // the file exists now
            configure(connection);
            migrate(connection, 0, migrations);
            return new ProjectStore(path, connection, lock);
        } catch (ProjectOpenException | SQLException | RuntimeException e) {
            ProjectOpenException failure = e instanceof ProjectOpenException known ? known
                    : new ProjectOpenException(path, ProjectOpenException.Reason.FAILED,
                    "Cannot create project " + path + ": " + e.getMessage(), e);
            closeAll(failure, connection, lock);
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                try {
                    Files.deleteIfExists(path.resolveSibling(path.getFileName() + suffix));
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    /** Opens an existing project, bringing its schema up to date. */
    public static ProjectStore open(Path file) throws ProjectOpenException {
        return open(file, Migrations.standard());
    }

    static ProjectStore open(Path file, Migrations migrations) throws ProjectOpenException {
        Path path = file.toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new ProjectOpenException(path, ProjectOpenException.Reason.NOT_FOUND,
                    "Cannot open " + path + ": no such file.");
        }
        ProjectLock.checkNotHeldHere(path);
        checkHeader(path);
        ProjectLock lock = ProjectLock.acquire(path);
        Connection connection = null;
        try {
            lock.lockDatabase(path);
            connection = connect(path);
            // Look before touching: nothing is written to a file that turns out not to be ours.
            int applicationId = intPragma(connection, "application_id");
            int version = intPragma(connection, "user_version");
            if (applicationId != APPLICATION_ID) {
                throw new ProjectOpenException(path, ProjectOpenException.Reason.NOT_A_PROJECT,
                        path.getFileName() + " is an SQLite database but not a Rerank Workbench project (" + path
                                + ").");
            }
            if (version > migrations.latestVersion()) {
                throw new ProjectOpenException(path, ProjectOpenException.Reason.NEWER_VERSION,
                        path.getFileName() + " was saved by a newer Rerank Workbench (project format " + version
                                + "; this version reads formats up to " + migrations.latestVersion()
                                + "). Update the app to open it.");
            }
            configure(connection);
            migrate(connection, version, migrations);
            return new ProjectStore(path, connection, lock);
        } catch (ProjectOpenException e) {
            closeAll(e, connection, lock);
            throw e;
        } catch (SQLException e) {
            int code = e.getErrorCode() & 0xff;
            ProjectOpenException failure = code == SQLITE_NOTADB || code == SQLITE_CORRUPT
                    ? new ProjectOpenException(path, ProjectOpenException.Reason.NOT_A_DATABASE,
                            path.getFileName() + " is not a Rerank Workbench project, or it is damaged (" + path
                                    + ").", e)
                    : new ProjectOpenException(path, ProjectOpenException.Reason.FAILED,
                            "Cannot open " + path + ": " + e.getMessage(), e);
            closeAll(failure, connection, lock);
            throw failure;
        } catch (RuntimeException e) {
            ProjectOpenException failure = new ProjectOpenException(path, ProjectOpenException.Reason.FAILED,
                    "Cannot open " + path + ": " + e.getMessage(), e);
            closeAll(failure, connection, lock);
            throw failure;
        }
    }

    private static void checkHeader(Path path) throws ProjectOpenException {
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new ProjectOpenException(path, ProjectOpenException.Reason.FAILED,
                    "Cannot read " + path + ": " + e.getMessage(), e);
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
            throw new ProjectOpenException(path, ProjectOpenException.Reason.NOT_A_DATABASE,
                    path.getFileName() + " is not a Rerank Workbench project: it is not an SQLite database (" + path
                            + ").");
        }
    }

    private static Connection connect(Path path) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + path);
    }

    private static void configure(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
                if (!"wal".equalsIgnoreCase(rs.getString(1))) {
                    // Some network file systems cannot share memory for the WAL index; SQLite then keeps its
                    // rollback journal, which is just as durable, only slower for readers.
                    System.getLogger(ProjectStore.class.getName()).log(System.Logger.Level.WARNING,
                            "WAL mode unavailable, journal_mode is " + rs.getString(1));
                }
            }
            s.execute("PRAGMA synchronous = FULL");
        }
    }

    private static void migrate(Connection connection, int from, Migrations migrations) throws SQLException {
        for (Migrations.Step step : migrations.after(from)) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : step.statements()) {
                    s.execute(sql);
                }
                // user_version lives in the file header and changes inside the transaction: a step is all or nothing.
                s.execute("PRAGMA user_version = " + step.version());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static int intPragma(Connection connection, String name) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void closeAll(Exception primary, Connection connection, ProjectLock lock) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                primary.addSuppressed(e);
            }
        }
        try {
            lock.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /**
     * Deletes a closed project's file with its WAL, shared-memory and lock sidecars (for untitled projects that are
     * discarded, and a file Save As replaces). Refuses while any process has the project open.
     */
    public static void deleteProjectFiles(Path file) throws IOException {
        Path path = file.toAbsolutePath();
        try (ProjectLock lock = ProjectLock.acquire(path)) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(path.resolveSibling(path.getFileName() + "-wal"));
            Files.deleteIfExists(path.resolveSibling(path.getFileName() + "-shm"));
        } catch (ProjectOpenException e) {
            throw new IOException(e.getMessage(), e);
        }
        Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".lock"));
        // The retrieval indexes kept beside the project (FILE.rwb.index): rebuilt from the project, so they go too.
        Path indexes = path.resolveSibling(path.getFileName() + ".index");
        if (Files.isDirectory(indexes)) {
            try (java.util.stream.Stream<Path> all = Files.walk(indexes)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version of the open file (after migration, the newest this app knows). */
    public synchronized int schemaVersion() {
        return (int) read(() -> intPragma(connection, "user_version"));
    }

    /** A pragma's current value as text, for diagnostics and tests (e.g. {@code journal_mode}). */
    synchronized String pragma(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("bad pragma name " + name);
        }
        return read(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            connection.close(); // the last connection checkpoints the WAL into the main file and removes it
        } catch (SQLException e) {
            failure = new IOException("Closing " + file + " failed: " + e.getMessage(), e);
        }
        try {
            lock.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ------------------------------------------------------------------------------------------------------ queries

    public synchronized StoredQuery addQuery(String externalId, String text) {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(text, "text");
        Instant now = Instant.now();
        return write("add query " + externalId, () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO queries(external_id, text, created_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, externalId);
                ps.setString(2, text);
                ps.setString(3, now.toString());
                ps.executeUpdate();
                return new StoredQuery(generatedKey(ps), externalId, text, now);
            }
        });
    }

    /** Changes the query's id as the user sees it. */
    public synchronized void renameQuery(long queryId, String newExternalId) {
        Objects.requireNonNull(newExternalId, "newExternalId");
        updateOne("rename query", "UPDATE queries SET external_id = ? WHERE id = ?", newExternalId, queryId);
    }

    public synchronized void updateQueryText(long queryId, String text) {
        Objects.requireNonNull(text, "text");
        updateOne("edit query", "UPDATE queries SET text = ? WHERE id = ?", text, queryId);
    }

    /**
     * Deletes the query with its candidates, runs, variants (with their runs) and judgments (documents stay: other
     * queries may share them).
     */
    public synchronized void deleteQuery(long queryId) {
        write("delete query", () -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM queries WHERE id = ?")) {
                ps.setLong(1, queryId);
                return ps.executeUpdate();
            }
        });
    }

    public synchronized List<StoredQuery> listQueries() {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, external_id, text, created_at FROM queries ORDER BY id")) {
                List<StoredQuery> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredQuery(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Instant.parse(rs.getString(4))));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Every query with its candidate, run and judged-document counts, in creation order. The run count is of the
     * query's own runs: a variant's runs are numbered and listed with the variant ({@link VariantRepository}), and
     * counting them here would promise runs that {@link #runs} does not show.
     */
    public synchronized List<QuerySummary> querySummaries() {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT q.id, q.external_id, q.text, q.created_at, "
                            + "(SELECT count(*) FROM candidates c WHERE c.query_id = q.id), "
                            + "(SELECT count(*) FROM runs r WHERE r.query_id = q.id AND r.variant_id IS NULL), "
                            + "(SELECT count(DISTINCT j.document_id) FROM judgments j JOIN candidates c "
                            + "   ON c.query_id = j.query_id AND c.document_id = j.document_id "
                            + "   WHERE j.query_id = q.id) "
                            + "FROM queries q ORDER BY q.id")) {
                List<QuerySummary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QuerySummary(new StoredQuery(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Instant.parse(rs.getString(4))), rs.getInt(5), rs.getInt(6), rs.getInt(7)));
                    }
                }
                return out;
            }
        });
    }

    /** Whether a query id is taken (ids are unique in a project). */
    public synchronized boolean hasQueryId(String externalId) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM queries WHERE external_id = ?")) {
                ps.setString(1, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Whether a query has runs or grades, which fix its text and candidates (it is duplicated to be edited). A run of
     * one of its variants counts: it ranked the query's candidates and is judged by the query's grades, so changing
     * either would change what that run means, just as for the query's own runs.
     */
    public synchronized boolean isFixed(long queryId) {
        return read(() -> {
            // Every run of the query, its variants' included (query_id is set on those too).
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM runs WHERE query_id = ?) "
                            + "OR EXISTS (SELECT 1 FROM judgments WHERE query_id = ?)")) {
                ps.setLong(1, queryId);
                ps.setLong(2, queryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    /**
     * Replaces a query's candidates, in one transaction. Refused once the query has runs or grades, which refer to
     * its candidates: such a query is duplicated to be edited, so nothing kept loses its meaning. Runs of the query's
     * variants count: they ranked these candidates too.
     */
    public synchronized long[] replaceCandidates(long queryId, List<NewCandidate> rows) {
        return write("replace candidates", () -> {
            // No variant_id filter: a variant's run refers to these candidates as much as the query's own runs do.
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT (SELECT count(*) FROM runs WHERE query_id = ?) + "
                            + "(SELECT count(*) FROM judgments WHERE query_id = ?)")) {
                ps.setLong(1, queryId);
                ps.setLong(2, queryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        throw new SQLException("the query has runs or grades; duplicate it to change its candidates");
                    }
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM candidates WHERE query_id = ?")) {
                ps.setLong(1, queryId);
                ps.executeUpdate();
            }
            return addCandidates(queryId, rows, ImportProgress.NONE);
        });
    }

    /**
     * Copies a query and its candidates (not its runs, variants or grades) under a new id, in one transaction.
     *
     * @return the copy
     */
    public synchronized StoredQuery duplicateQuery(long queryId, String newExternalId) {
        return write("duplicate query", () -> {
            StoredQuery source = query(queryId).orElseThrow(() -> new SQLException("no query " + queryId));
            StoredQuery copy = addQuery(newExternalId, source.text());
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO candidates(query_id, document_id, original_rank, first_stage_score) "
                            + "SELECT ?, document_id, original_rank, first_stage_score FROM candidates "
                            + "WHERE query_id = ?")) {
                ps.setLong(1, copy.id());
                ps.setLong(2, queryId);
                ps.executeUpdate();
            }
            return copy;
        });
    }

    /**
     * Writes a consistent copy of the whole project to {@code target} (which must not exist), while it stays open.
     * Used by Save As; the copy is a complete database (no WAL files needed beside it).
     */
    public synchronized void copyTo(Path target) {
        Objects.requireNonNull(target, "target");
        read(() -> {
            try (PreparedStatement ps = connection.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, target.toAbsolutePath().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public synchronized Optional<StoredQuery> query(long queryId) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, external_id, text, created_at FROM queries WHERE id = ?")) {
                ps.setLong(1, queryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredQuery(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.parse(rs.getString(4)))) : Optional.empty();
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------- documents, candidates

    /**
     * Adds candidates to a query in one transaction: all rows or none. A document already in the project with the
     * same id, title and text is shared rather than copied (a corpus reused across queries); a document id that
     * names a different text (pasted candidates are numbered 1, 2, … in every query) gets its own row.
     *
     * @return the document key of each row, in row order
     */
    public synchronized long[] addCandidates(long queryId, List<NewCandidate> rows, ImportProgress progress) {
        Objects.requireNonNull(progress, "progress");
        long total = rows.size();
        return write("add " + total + " candidates", () -> {
            long[] documentIds = new long[rows.size()];
            try (PreparedStatement find = connection.prepareStatement(
                         "SELECT id FROM documents WHERE external_id = ? AND text = ? AND title IS ? LIMIT 1");
                 PreparedStatement insertDocument = connection.prepareStatement(
                         "INSERT INTO documents(external_id, title, text) VALUES (?, ?, ?)",
                         Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement insertCandidate = connection.prepareStatement(
                         "INSERT INTO candidates(query_id, document_id, original_rank, first_stage_score) "
                                 + "VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    NewCandidate row = rows.get(i);
                    long documentId = -1;
                    find.setString(1, row.docId());
                    find.setString(2, row.text());
                    find.setString(3, row.title());
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            documentId = rs.getLong(1);
                        }
                    }
                    if (documentId < 0) {
                        insertDocument.setString(1, row.docId());
                        insertDocument.setString(2, row.title());
                        insertDocument.setString(3, row.text());
                        insertDocument.executeUpdate();
                        documentId = generatedKey(insertDocument);
                    }
                    documentIds[i] = documentId;
                    insertCandidate.setLong(1, queryId);
                    insertCandidate.setLong(2, documentId);
                    insertCandidate.setInt(3, row.originalRank());
                    setDouble(insertCandidate, 4, row.firstStageScore());
                    insertCandidate.executeUpdate();
                    if ((i + 1) % PROGRESS_EVERY == 0) {
                        progress.progress(i + 1, total);
                    }
                }
            }
            progress.progress(total, total);
            return documentIds;
        });
    }

    /** A query's candidates in original-rank order. */
    public synchronized List<StoredCandidate> candidates(long queryId) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT d.id, c.original_rank, d.external_id, d.text, d.title, c.first_stage_score "
                            + "FROM candidates c JOIN documents d ON d.id = c.document_id "
                            + "WHERE c.query_id = ? ORDER BY c.original_rank, d.id")) {
                ps.setLong(1, queryId);
                List<StoredCandidate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredCandidate(rs.getLong(1),
                                new Candidate(rs.getInt(2), rs.getString(3), rs.getString(4)), rs.getString(5),
                                getDouble(rs, 6)));
                    }
                }
                return out;
            }
        });
    }

    // --------------------------------------------------------------------------------------------------------- runs

    /**
     * Keeps a run of a query: the ranking with every per-document finding, in one transaction. Each ranked candidate
     * must be one of the query's stored candidates (matched by document id).
     *
     * @return the run's key
     */
    public synchronized long recordRun(long queryId, Ranking ranking, String paramsJson, String usageJson,
                                       Instant startedAt, Instant finishedAt, RunStatus status) {
        return recordRun(queryId, null, ranking, paramsJson, usageJson, startedAt, finishedAt, status);
    }

    /**
     * Keeps a run of a query ({@code variantId} null) or of one of its variants; the one writer of {@code runs} rows
     * outside bulk imports. The caller has checked that the variant belongs to the query.
     */
    synchronized long recordRun(long queryId, Long variantId, Ranking ranking, String paramsJson, String usageJson,
                                Instant startedAt, Instant finishedAt, RunStatus status) {
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(status, "status");
        return write("record run", () -> {
            Map<String, Long> documentIds = new HashMap<>();
            for (StoredCandidate c : candidates(queryId)) {
                documentIds.putIfAbsent(c.candidate().docId(), c.documentId());
            }
            long runId;
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO runs(query_id, ranker_kind, model, params_json, started_at, finished_at, "
                            + "duration_ms, usage_json, status, variant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, queryId);
                ps.setString(2, ranking.ranker());
                ps.setString(3, ranking.model());
                ps.setString(4, paramsJson);
                ps.setString(5, startedAt == null ? null : startedAt.toString());
                ps.setString(6, finishedAt == null ? null : finishedAt.toString());
                ps.setDouble(7, ranking.elapsed().toNanos() / 1e6);
                ps.setString(8, usageJson);
                ps.setString(9, status.dbValue());
                if (variantId == null) {
                    ps.setNull(10, Types.INTEGER);
                } else {
                    ps.setLong(10, variantId);
                }
                ps.executeUpdate();
                runId = generatedKey(ps);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO run_scores(run_id, document_id, score, probability, rank, tokens_dropped, "
                            + "chunk_start, chunk_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ScoredCandidate sc : ranking.results()) {
                    Long documentId = documentIds.get(sc.candidate().docId());
                    if (documentId == null) {
                        throw new SQLException("document " + sc.candidate().docId() + " is not a candidate of query "
                                + queryId);
                    }
                    ps.setLong(1, runId);
                    ps.setLong(2, documentId);
                    setDouble(ps, 3, sc.score());
                    setDouble(ps, 4, sc.probability());
                    ps.setInt(5, sc.rank());
                    ps.setInt(6, sc.tokensDropped());
                    if (sc.bestChunk() == null) {
                        ps.setNull(7, Types.INTEGER);
                        ps.setNull(8, Types.INTEGER);
                    } else {
                        ps.setInt(7, sc.bestChunk().start());
                        ps.setInt(8, sc.bestChunk().end());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return runId;
        });
    }

    /**
     * A query's own runs, oldest first (so numbered 1, 2, …), each with its results in rank order. Runs of the query's
     * variants are not among them: they are {@link VariantRepository#runs}, numbered apart.
     */
    public synchronized List<StoredRun> runs(long queryId) {
        return read(() -> {
            Query query = query(queryId).map(StoredQuery::toQuery).orElseThrow(
                    () -> new SQLException("no query " + queryId));
            return runs(queryId, null, 0, query);
        });
    }

    /**
     * The runs of a query ({@code variantId} null: its own) or of one of its variants, oldest first, numbered from 1;
     * each ranking carries {@code query} (the variant's text for a variant) and each run the variant's number
     * ({@code variant}, 0 for the query's own).
     */
    List<StoredRun> runs(long queryId, Long variantId, int variant, Query query) throws SQLException {
        List<StoredRun> out = new ArrayList<>();
        try (PreparedStatement runs = connection.prepareStatement(
                     "SELECT id, ranker_kind, model, params_json, started_at, finished_at, duration_ms, "
                             + "usage_json, status FROM runs WHERE query_id = ? AND variant_id IS ? "
                             + "ORDER BY id");
             PreparedStatement scores = connection.prepareStatement(
                     "SELECT c.original_rank, d.external_id, d.text, s.score, s.rank, s.tokens_dropped, "
                             + "s.probability, s.chunk_start, s.chunk_end FROM run_scores s "
                             + "JOIN documents d ON d.id = s.document_id "
                             + "JOIN candidates c ON c.query_id = ? AND c.document_id = s.document_id "
                             + "WHERE s.run_id = ? ORDER BY s.rank, d.id")) {
            runs.setLong(1, queryId);
            if (variantId == null) {
                runs.setNull(2, Types.INTEGER);
            } else {
                runs.setLong(2, variantId);
            }
            try (ResultSet rs = runs.executeQuery()) {
                while (rs.next()) {
                    long runId = rs.getLong(1);
                    List<ScoredCandidate> results = new ArrayList<>();
                    scores.setLong(1, queryId);
                    scores.setLong(2, runId);
                    try (ResultSet s = scores.executeQuery()) {
                        while (s.next()) {
                            int chunkStart = s.getInt(8);
                            TextSpan chunk = s.wasNull() ? null : new TextSpan(chunkStart, s.getInt(9));
                            results.add(new ScoredCandidate(
                                    new Candidate(s.getInt(1), s.getString(2), s.getString(3)),
                                    getDouble(s, 4), s.getInt(5), s.getInt(6), getDouble(s, 7), chunk));
                        }
                    }
                    double ms = rs.getDouble(7);
                    Ranking ranking = new Ranking(query, results, rs.getString(2), rs.getString(3),
                            Duration.ofNanos(Math.round(ms * 1e6)));
                    out.add(new StoredRun(runId, queryId, out.size() + 1, ranking, rs.getString(4),
                            rs.getString(8), instant(rs.getString(5)), instant(rs.getString(6)),
                            RunStatus.fromDb(rs.getString(9)), variantId, variant));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- judgments, sessions

    /** Records a grade; it is on disk when this returns. */
    public synchronized Judgment addJudgment(long queryId, long documentId, int grade, String annotator,
                                             Long sessionId, String note) {
        Instant now = Instant.now();
        return write("add judgment", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO judgments(query_id, document_id, grade, annotator, session_id, created_at, note) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, queryId);
                ps.setLong(2, documentId);
                ps.setInt(3, grade);
                ps.setString(4, annotator);
                if (sessionId == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setLong(5, sessionId);
                }
                ps.setString(6, now.toString());
                ps.setString(7, note);
                ps.executeUpdate();
                return new Judgment(generatedKey(ps), queryId, documentId, grade, annotator, sessionId, now, note);
            }
        });
    }

    /** A query's judgments, oldest first. */
    public synchronized List<Judgment> judgments(long queryId) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, query_id, document_id, grade, annotator, session_id, created_at, note "
                            + "FROM judgments WHERE query_id = ? ORDER BY id")) {
                ps.setLong(1, queryId);
                List<Judgment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long session = rs.getLong(6);
                        Long sessionId = rs.wasNull() ? null : session;
                        out.add(new Judgment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                                rs.getString(5), sessionId, Instant.parse(rs.getString(7)), rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    /** Starts a labeling session; the scale is stored as the caller's JSON. */
    public synchronized long addLabelingSession(String name, String scaleJson, String annotator, long seed,
                                                boolean blind) {
        Instant now = Instant.now();
        return write("add labeling session", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO labeling_sessions(name, scale_json, annotator, seed, blind, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, scaleJson);
                ps.setString(3, annotator);
                ps.setLong(4, seed);
                ps.setInt(5, blind ? 1 : 0);
                ps.setString(6, now.toString());
                ps.executeUpdate();
                return generatedKey(ps);
            }
        });
    }

    // ----------------------------------------------------------------------------------------------------- settings

    public synchronized Optional<String> setting(String key) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public synchronized void putSetting(String key, String value) {
        write("save setting " + key, () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO settings(key, value) VALUES (?, ?) "
                            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, key);
                ps.setString(2, value);
                return ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /**
     * Runs {@code work} as one transaction: everything it writes through this store (including other write methods,
     * which join it) is committed before this returns, or nothing is. For multi-step imports and restores.
     */
    public synchronized <T> T inTransaction(String what, java.util.function.Supplier<T> work) {
        return write(what, work::get);
    }

    /** The open connection, for the store package's other repositories; only under this store's monitor. */
    Connection connection() {
        ensureOpen();
        return connection;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
    }

    <T> T read(SqlWork<T> work) {
        ensureOpen();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("Reading " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} as one transaction, committed before this returns, or rolled back entirely. */
    <T> T write(String what, SqlWork<T> work) {
        ensureOpen();
        try {
            if (!connection.getAutoCommit()) {
                return work.run(); // nested: the outer write commits
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not " + what + " in " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private void updateOne(String what, String sql, String value, long id) {
        int changed = write(what, () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        if (changed != 1) {
            throw new StoreException("Could not " + what + ": no row " + id, null);
        }
    }

    static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }

    static void setDouble(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    static double getDouble(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : value;
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
