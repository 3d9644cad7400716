package io.rerankworkbench.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Labeling sessions and their grades in a project file.
 *
 * <p>Grades are appended (docs/PROJECT_FORMAT.md): a regrade is a new {@code judgments} row and the newest row per
 * (query, document, annotator) is the current grade, so the history of regrades is kept. Two operations change
 * existing rows, deliberately:
 * <ul>
 *   <li><b>Undo</b> ({@link #undoLast}) deletes the session's newest judgment row. Undo means "I did not mean to give
 *       that grade", so it leaves no trace; the previous grade of that document (if any) is current again.</li>
 *   <li><b>Notes</b> ({@link #setNote}) update the {@code note} of the annotator's current judgment of a document in
 *       place. A note comments on the current grade rather than being a grade itself, so it adds no row. A regrade
 *       carries the current note forward to its new row unless it brings its own; undoing the regrade brings back
 *       the earlier row with its own note. A document without a grade has no row to hold a note: the labeling view
 *       keeps such a note pending and writes it with the grade ({@link #grade}'s {@code note}).</li>
 * </ul>
 *
 * <p>Threading: like {@link ProjectStore}, every method blocks on disk and holds the store's monitor; call from the
 * {@code io} executor. Every write has committed when it returns.
 */
public final class LabelingRepository {

    private static final String JUDGMENT_COLUMNS =
            "j.id, j.query_id, j.document_id, j.grade, j.annotator, j.session_id, j.created_at, j.note";

    private final ProjectStore store;

    public LabelingRepository(ProjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Starts a session over {@code queryIds} (in that order): the session and its query list in one transaction. */
    public LabelingSession createSession(String name, String scaleJson, String annotator, long seed, boolean blind,
                                         List<Long> queryIds) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scaleJson, "scaleJson");
        synchronized (store) {
            long id = store.write("start labeling session", () -> {
                long sessionId = store.addLabelingSession(name, scaleJson, annotator, seed, blind);
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "INSERT INTO labeling_session_queries(session_id, query_id, position) VALUES (?, ?, ?)")) {
                    int position = 0;
                    for (long queryId : queryIds) {
                        ps.setLong(1, sessionId);
                        ps.setLong(2, queryId);
                        ps.setInt(3, position++);
                        ps.executeUpdate();
                    }
                }
                return sessionId;
            });
            return session(id).orElseThrow();
        }
    }

    /** All sessions, oldest first. */
    public List<LabelingSession> sessions() {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT id, name, scale_json, annotator, seed, blind, created_at FROM labeling_sessions "
                                + "ORDER BY id")) {
                    List<LabelingSession> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(session(rs));
                        }
                    }
                    return out;
                }
            });
        }
    }

    public Optional<LabelingSession> session(long sessionId) {
        synchronized (store) {
            return store.read(() -> {
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "SELECT id, name, scale_json, annotator, seed, blind, created_at FROM labeling_sessions "
                                + "WHERE id = ?")) {
                    ps.setLong(1, sessionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(session(rs)) : Optional.empty();
                    }
                }
            });
        }
    }

    /**
     * The session's queries in labeling order. Sessions written by format version 1 list no queries; for them this
     * is the queries they graded, in the order they were first graded.
     */
    public List<Long> sessionQueryIds(long sessionId) {
        synchronized (store) {
            return store.read(() -> {
                List<Long> out = longs("SELECT query_id FROM labeling_session_queries WHERE session_id = ? "
                        + "ORDER BY position, query_id", sessionId);
                return out.isEmpty() ? longs("SELECT query_id FROM judgments WHERE session_id = ? "
                        + "GROUP BY query_id ORDER BY MIN(id)", sessionId) : out;
            });
        }
    }

    /**
     * Records the session annotator's grade; on disk when this returns.
     *
     * @param note the grade's note, or null to carry forward the note of the document's current grade in this
     *             session (a regrade keeps its note)
     */
    public Judgment grade(long sessionId, long queryId, long documentId, int grade, String note) {
        synchronized (store) {
            return store.write("save grade", () -> {
                LabelingSession session = session(sessionId).orElseThrow(
                        () -> new SQLException("no labeling session " + sessionId));
                String kept = note != null ? note
                        : sessionGrade(sessionId, queryId, documentId).map(Judgment::note).orElse(null);
                return store.addJudgment(queryId, documentId, grade, session.annotator(), sessionId, kept);
            });
        }
    }

    /** The current grade of one document in this session (the newest row the session wrote for it). */
    public Optional<Judgment> sessionGrade(long sessionId, long queryId, long documentId) {
        synchronized (store) {
            return store.read(() -> {
                List<Judgment> rows = judgments("SELECT " + JUDGMENT_COLUMNS + " FROM judgments j "
                        + "WHERE j.session_id = ? AND j.query_id = ? AND j.document_id = ? ORDER BY j.id DESC LIMIT 1",
                        sessionId, queryId, documentId);
                return rows.stream().findFirst();
            });
        }
    }

    /** The session's current grade of each of a query's documents that it graded, by document key. */
    public Map<Long, Judgment> sessionGrades(long sessionId, long queryId) {
        synchronized (store) {
            return store.read(() -> {
                Map<Long, Judgment> out = new LinkedHashMap<>();
                for (Judgment j : judgments("SELECT " + JUDGMENT_COLUMNS + " FROM judgments j "
                        + "WHERE j.session_id = ? AND j.query_id = ? ORDER BY j.id", sessionId, queryId)) {
                    out.put(j.documentId(), j); // later rows replace earlier ones: newest wins
                }
                return out;
            });
        }
    }

    /** Every judgment row of the session, oldest first (regrades included). */
    public List<Judgment> sessionJudgments(long sessionId) {
        synchronized (store) {
            return store.read(() -> judgments("SELECT " + JUDGMENT_COLUMNS + " FROM judgments j "
                    + "WHERE j.session_id = ? ORDER BY j.id", sessionId));
        }
    }

    /**
     * The current grade of every annotator for each of the query's documents: the newest row per (document,
     * annotator), whatever session wrote it, ordered by document then annotator. What agreement is computed on.
     */
    public List<Judgment> currentJudgments(long queryId) {
        synchronized (store) {
            return store.read(() -> judgments("SELECT " + JUDGMENT_COLUMNS + " FROM judgments j "
                    + "WHERE j.query_id = ? AND j.id = (SELECT MAX(k.id) FROM judgments k WHERE k.query_id = j.query_id "
                    + "AND k.document_id = j.document_id AND k.annotator IS j.annotator) "
                    + "ORDER BY j.document_id, j.annotator", queryId));
        }
    }

    /**
     * Removes the session's newest judgment row (see the class comment: undo leaves no trace).
     *
     * @return the removed judgment, or empty when the session has none
     */
    public Optional<Judgment> undoLast(long sessionId) {
        synchronized (store) {
            return store.write("undo grade", () -> {
                List<Judgment> last = judgments("SELECT " + JUDGMENT_COLUMNS + " FROM judgments j "
                        + "WHERE j.session_id = ? ORDER BY j.id DESC LIMIT 1", sessionId);
                if (last.isEmpty()) {
                    return Optional.<Judgment>empty();
                }
                try (PreparedStatement ps = store.connection().prepareStatement("DELETE FROM judgments WHERE id = ?")) {
                    ps.setLong(1, last.get(0).id());
                    ps.executeUpdate();
                }
                return Optional.of(last.get(0));
            });
        }
    }

    /**
     * Sets (or with null or blank text, clears) the note of the document's current grade in this session, in place.
     *
     * @return the judgment with its new note, or empty when the session has not graded the document (keep the note
     *         and pass it to {@link #grade})
     */
    public Optional<Judgment> setNote(long sessionId, long queryId, long documentId, String note) {
        String text = note == null || note.isBlank() ? null : note.strip();
        synchronized (store) {
            return store.write("save note", () -> {
                Optional<Judgment> current = sessionGrade(sessionId, queryId, documentId);
                if (current.isEmpty()) {
                    return current;
                }
                try (PreparedStatement ps = store.connection().prepareStatement(
                        "UPDATE judgments SET note = ? WHERE id = ?")) {
                    if (text == null) {
                        ps.setNull(1, Types.VARCHAR);
                    } else {
                        ps.setString(1, text);
                    }
                    ps.setLong(2, current.get().id());
                    ps.executeUpdate();
                }
                Judgment j = current.get();
                return Optional.of(new Judgment(j.id(), j.queryId(), j.documentId(), j.grade(), j.annotator(),
                        j.sessionId(), j.createdAt(), text));
            });
        }
    }

    /** For each of the session's queries, in order: candidates the session graded, of all candidates. */
    public List<LabelingProgress> progress(long sessionId) {
        synchronized (store) {
            List<Long> queries = sessionQueryIds(sessionId);
            return store.read(() -> {
                List<LabelingProgress> out = new ArrayList<>();
                try (PreparedStatement total = store.connection().prepareStatement(
                             "SELECT COUNT(*) FROM candidates WHERE query_id = ?");
                     PreparedStatement labeled = store.connection().prepareStatement(
                             "SELECT COUNT(DISTINCT j.document_id) FROM judgments j JOIN candidates c "
                                     + "ON c.query_id = j.query_id AND c.document_id = j.document_id "
                                     + "WHERE j.session_id = ? AND j.query_id = ?")) {
                    for (long queryId : queries) {
                        total.setLong(1, queryId);
                        labeled.setLong(1, sessionId);
                        labeled.setLong(2, queryId);
                        out.add(new LabelingProgress(queryId, count(labeled), count(total)));
                    }
                }
                return out;
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static int count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private List<Long> longs(String sql, long parameter) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setLong(1, parameter);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private List<Judgment> judgments(String sql, long... parameters) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setLong(i + 1, parameters[i]);
            }
            List<Judgment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long session = rs.getLong(6);
                    Long sessionId = rs.wasNull() ? null : session;
                    out.add(new Judgment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                            sessionId, ProjectStore.instant(rs.getString(7)), rs.getString(8)));
                }
            }
            return out;
        }
    }

    private static LabelingSession session(ResultSet rs) throws SQLException {
        return new LabelingSession(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getInt(6) == 1, ProjectStore.instant(rs.getString(7)));
    }
}
