package io.rerankworkbench.store;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.CorpusRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.RunScoreRecord;
import io.rerankworkbench.core.project.SessionRecord;
import io.rerankworkbench.core.project.VariantRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a project, or some of its queries, as {@link ProjectData}: the form exports and bundles are made from.
 *
 * <p>Keys: a document's {@link DocumentRecord#key()}, a run's {@link RunRecord#key()}, a variant's
 * {@link VariantRecord#key()} and a session's {@link SessionRecord#key()} are the project file's row ids as text;
 * queries are referred to by their user-visible id. Everything is read in one consistent snapshot (the store's monitor
 * is held and no write can interleave).
 *
 * <p>What a selection holds: the selected queries in id order with their candidates (original-rank order) and their
 * variants (oldest first), every document their candidates, run scores and judgments refer to (row-id order), their
 * runs oldest first with scores in rank order — a query's own runs and its variants' runs in the one order they were
 * made, a variant's run naming its variant ({@link RunRecord#variantKey()}), so a reader that numbers a query's runs as
 * the window does skips those that name a variant — their judgments oldest first, and the labeling sessions that list
 * one of them or gave one of their judgments — with each session's query list cut down to the selected queries. Reading
 * all queries also keeps sessions that cover no query yet, and the project's corpus (in corpus order, its documents
 * among the documents whether or not a query has them as candidates). A selection carries no corpus: the corpus belongs
 * to the project, not to a query, and can hold far more documents than the selected queries need.
 */
public final class ProjectReader {

    private ProjectReader() {
    }

    /**
     * Reads the given queries (by row id, as {@link StoredQuery#id()}), or all of them when {@code queryIds} is null.
     *
     * @throws IllegalArgumentException when a selected query does not exist
     * @throws StoreException           when the file cannot be read
     */
    public static ProjectData read(ProjectStore store, Collection<Long> queryIds) {
        Objects.requireNonNull(store, "store");
        synchronized (store) {
            return store.read(() -> new Reading(store.connection()).read(
                    queryIds == null ? null : new LinkedHashSet<>(queryIds)));
        }
    }

    /** One read: the statements and the lookups built along the way. */
    private static final class Reading {
        private final Connection connection;
        /** query row id → user-visible id, for the selected queries. */
        private final Map<Long, String> queryIds = new LinkedHashMap<>();
        private final Set<Long> documentIds = new TreeSet<>();

        Reading(Connection connection) {
            this.connection = connection;
        }

        ProjectData read(Set<Long> selection) throws SQLException {
            List<QueryRecord> queries = queries(selection);
            List<RunRecord> runs = runs();
            List<JudgmentRecord> judgments = new ArrayList<>();
            Set<Long> judgmentSessions = judgments(judgments);
            List<SessionRecord> sessions = sessions(selection == null, judgmentSessions);
            List<CorpusRecord> corpus = selection == null ? corpus() : List.of();
            return new ProjectData(queries, documents(), sessions, runs, judgments, corpus);
        }

        private List<QueryRecord> queries(Set<Long> selection) throws SQLException {
            List<long[]> rows = new ArrayList<>();
            Map<Long, String[]> found = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, external_id, text, created_at FROM queries ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (selection == null || selection.contains(id)) {
                        rows.add(new long[] {id});
                        found.put(id, new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
            }
            if (selection != null) {
                Set<Long> missing = new TreeSet<>(selection);
                missing.removeAll(found.keySet());
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("no such quer" + (missing.size() == 1 ? "y" : "ies")
                            + " in the project: " + missing);
                }
            }
            List<QueryRecord> out = new ArrayList<>(rows.size());
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT document_id, original_rank, first_stage_score FROM candidates "
                            + "WHERE query_id = ? ORDER BY original_rank, document_id");
                 PreparedStatement vs = connection.prepareStatement(
                         "SELECT id, text, created_at FROM query_variants WHERE query_id = ? ORDER BY id")) {
                for (long[] row : rows) {
                    long id = row[0];
                    String[] q = found.get(id);
                    queryIds.put(id, q[0]);
                    List<CandidateRecord> candidates = new ArrayList<>();
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long documentId = rs.getLong(1);
                            documentIds.add(documentId);
                            candidates.add(new CandidateRecord(Long.toString(documentId), rs.getInt(2),
                                    ProjectStore.getDouble(rs, 3)));
                        }
                    }
                    List<VariantRecord> variants = new ArrayList<>();
                    vs.setLong(1, id);
                    try (ResultSet rs = vs.executeQuery()) {
                        while (rs.next()) {
                            variants.add(new VariantRecord(Long.toString(rs.getLong(1)), rs.getString(2),
                                    Instant.parse(rs.getString(3))));
                        }
                    }
                    out.add(new QueryRecord(q[0], q[1], Instant.parse(q[2]), candidates, variants, null));
                }
            }
            return out;
        }

        private List<RunRecord> runs() throws SQLException {
            List<RunRecord> out = new ArrayList<>();
            try (PreparedStatement runs = connection.prepareStatement(
                         "SELECT id, ranker_kind, model, params_json, started_at, finished_at, duration_ms, "
                                 + "usage_json, status, variant_id FROM runs WHERE query_id = ? ORDER BY id");
                 PreparedStatement scores = connection.prepareStatement(
                         "SELECT document_id, score, probability, rank, tokens_dropped, chunk_start, chunk_end "
                                 + "FROM run_scores WHERE run_id = ? ORDER BY rank, document_id")) {
                for (Map.Entry<Long, String> query : queryIds.entrySet()) {
                    runs.setLong(1, query.getKey());
                    try (ResultSet rs = runs.executeQuery()) {
                        while (rs.next()) {
                            long runId = rs.getLong(1);
                            List<RunScoreRecord> results = new ArrayList<>();
                            scores.setLong(1, runId);
                            try (ResultSet s = scores.executeQuery()) {
                                while (s.next()) {
                                    long documentId = s.getLong(1);
                                    documentIds.add(documentId);
                                    int chunkStart = s.getInt(6);
                                    boolean chunked = !s.wasNull();
                                    int chunkEnd = s.getInt(7);
                                    results.add(new RunScoreRecord(Long.toString(documentId),
                                            ProjectStore.getDouble(s, 2), ProjectStore.getDouble(s, 3), s.getInt(4),
                                            s.getInt(5), chunked ? chunkStart : -1, chunked ? chunkEnd : -1));
                                }
                            }
                            out.add(new RunRecord(Long.toString(runId), query.getValue(), rs.getString(2),
                                    rs.getString(3), rs.getString(4), ProjectStore.instant(rs.getString(5)),
                                    ProjectStore.instant(rs.getString(6)), ProjectStore.getDouble(rs, 7),
                                    rs.getString(8), rs.getString(9), results,
                                    rs.getObject(10) == null ? null : Long.toString(rs.getLong(10))));
                        }
                    }
                }
            }
            return out;
        }

        /** Adds the selected queries' judgments, oldest first; returns the sessions they were given in. */
        private Set<Long> judgments(List<JudgmentRecord> out) throws SQLException {
            Set<Long> sessions = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT query_id, document_id, grade, annotator, session_id, created_at, note "
                            + "FROM judgments ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String query = queryIds.get(rs.getLong(1));
                    if (query == null) {
                        continue;
                    }
                    long documentId = rs.getLong(2);
                    documentIds.add(documentId);
                    long session = rs.getLong(5);
                    String sessionKey = null;
                    if (!rs.wasNull()) {
                        sessions.add(session);
                        sessionKey = Long.toString(session);
                    }
                    out.add(new JudgmentRecord(query, Long.toString(documentId), rs.getInt(3), rs.getString(4),
                            sessionKey, Instant.parse(rs.getString(6)), rs.getString(7), null));
                }
            }
            return sessions;
        }

        private List<SessionRecord> sessions(boolean all, Set<Long> judgmentSessions) throws SQLException {
            Map<Long, List<String>> covered = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT session_id, query_id FROM labeling_session_queries ORDER BY session_id, position, "
                            + "query_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String query = queryIds.get(rs.getLong(2));
                    if (query != null) {
                        covered.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(query);
                    }
                }
            }
            List<SessionRecord> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, name, scale_json, annotator, seed, blind, created_at FROM labeling_sessions "
                            + "ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (all || covered.containsKey(id) || judgmentSessions.contains(id)) {
                        out.add(new SessionRecord(Long.toString(id), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getInt(6) != 0, Instant.parse(rs.getString(7)),
                                covered.getOrDefault(id, List.of())));
                    }
                }
            }
            return out;
        }

        /** The corpus in {@link CorpusRepository#all()}'s order; adds its documents to those read. */
        private List<CorpusRecord> corpus() throws SQLException {
            List<CorpusRecord> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT document_id FROM corpus ORDER BY rowid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long documentId = rs.getLong(1);
                    documentIds.add(documentId);
                    out.add(new CorpusRecord(Long.toString(documentId)));
                }
            }
            return out;
        }

        private List<DocumentRecord> documents() throws SQLException {
            List<DocumentRecord> out = new ArrayList<>(documentIds.size());
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT external_id, title, text FROM documents WHERE id = ?")) {
                for (long id : documentIds) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("document " + id + " is referred to but missing");
                        }
                        out.add(new DocumentRecord(Long.toString(id), rs.getString(1), rs.getString(2),
                                rs.getString(3)));
                    }
                }
            }
            return out;
        }
    }
}
