package io.rerankworkbench.store;

import java.util.List;
import java.util.Objects;

/**
 * The project file's schema history: numbered steps, each taking the file from version {@code n - 1} to {@code n}.
 * A file records the last step applied in {@code PRAGMA user_version}; opening it applies the later steps in order,
 * each in its own transaction. Steps are never edited once released — a change is a new step.
 */
public final class Migrations {

    /** One schema step: its version number and the SQL statements that produce it. */
    public record Step(int version, String description, List<String> statements) {
        public Step {
            if (version < 1) {
                throw new IllegalArgumentException("versions start at 1, was " + version);
            }
            Objects.requireNonNull(description, "description");
            statements = List.copyOf(statements);
        }
    }

    /** Version 1: the first released schema. docs/PROJECT_FORMAT.md describes it in words. */
    public static final List<String> V1 = List.of(
            """
            CREATE TABLE settings (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT
            )""",
            """
            CREATE TABLE queries (
                id          INTEGER PRIMARY KEY,
                external_id TEXT NOT NULL UNIQUE,
                text        TEXT NOT NULL,
                created_at  TEXT NOT NULL
            )""",
            """
            CREATE TABLE documents (
                id          INTEGER PRIMARY KEY,
                external_id TEXT NOT NULL,
                title       TEXT,
                text        TEXT NOT NULL
            )""",
            "CREATE INDEX documents_external_id ON documents(external_id)",
            """
            CREATE TABLE candidates (
                query_id          INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
                document_id       INTEGER NOT NULL REFERENCES documents(id),
                original_rank     INTEGER NOT NULL CHECK (original_rank >= 1),
                first_stage_score REAL,
                PRIMARY KEY (query_id, document_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX candidates_query_rank ON candidates(query_id, original_rank)",
            "CREATE INDEX candidates_document ON candidates(document_id)",
            """
            CREATE TABLE runs (
                id          INTEGER PRIMARY KEY,
                query_id    INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
                ranker_kind TEXT NOT NULL,
                model       TEXT NOT NULL,
                params_json TEXT,
                started_at  TEXT,
                finished_at TEXT,
                duration_ms REAL,
                usage_json  TEXT,
                status      TEXT NOT NULL
            )""",
            "CREATE INDEX runs_query ON runs(query_id, id)",
            """
            CREATE TABLE run_scores (
                run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                document_id    INTEGER NOT NULL REFERENCES documents(id),
                score          REAL,
                probability    REAL,
                rank           INTEGER NOT NULL CHECK (rank >= 1),
                tokens_dropped INTEGER NOT NULL DEFAULT 0 CHECK (tokens_dropped >= 0),
                chunk_start    INTEGER,
                chunk_end      INTEGER,
                PRIMARY KEY (run_id, document_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX run_scores_document ON run_scores(document_id)",
            """
            CREATE TABLE labeling_sessions (
                id         INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                scale_json TEXT NOT NULL,
                annotator  TEXT,
                seed       INTEGER NOT NULL,
                blind      INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
                created_at TEXT NOT NULL
            )""",
            """
            CREATE TABLE judgments (
                id          INTEGER PRIMARY KEY,
                query_id    INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
                document_id INTEGER NOT NULL REFERENCES documents(id),
                grade       INTEGER NOT NULL,
                annotator   TEXT,
                session_id  INTEGER REFERENCES labeling_sessions(id) ON DELETE SET NULL,
                created_at  TEXT NOT NULL,
                note        TEXT
            )""",
            "CREATE INDEX judgments_query_document ON judgments(query_id, document_id)",
            "CREATE INDEX judgments_document ON judgments(document_id)",
            "CREATE INDEX judgments_session ON judgments(session_id)");

    /**
     * Version 2: which queries a labeling session covers, and an index for "the newest grade per annotator" reads.
     * Sessions written by version 1 cover no listed queries; the app treats them as covering the queries they graded.
     */
    public static final List<String> V2 = List.of(
            """
            CREATE TABLE labeling_session_queries (
                session_id INTEGER NOT NULL REFERENCES labeling_sessions(id) ON DELETE CASCADE,
                query_id   INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
                position   INTEGER NOT NULL,
                PRIMARY KEY (session_id, query_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX labeling_session_queries_query ON labeling_session_queries(query_id)",
            "CREATE INDEX judgments_annotator ON judgments(query_id, annotator, document_id, id)");

    /**
     * Version 3: explanations kept because they were paid for (a hosted ranker bills every occlusion variant), so
     * reopening a project shows them again without re-scoring. One row per (query, document, ranker, method,
     * settings); the fingerprint of the texts it was computed on tells a current explanation from one made before the
     * query was edited. They go with their query or document.
     */
    public static final List<String> V3 = List.of(
            """
            CREATE TABLE explanations (
                id          INTEGER PRIMARY KEY,
                query_id    INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ranker      TEXT NOT NULL,
                method      TEXT NOT NULL,
                settings    TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                payload     TEXT NOT NULL,
                created_at  TEXT NOT NULL,
                UNIQUE (query_id, document_id, ranker, method, settings)
            )""",
            // The UNIQUE constraint's index serves lookups and per-query counts (query_id leads it); deleting a
            // document needs its own index to find the rows the cascade removes.
            "CREATE INDEX explanations_document ON explanations(document_id)");

    /**
     * Version 4: the project's corpus — documents held for retrieval rather than as a query's candidates — with a
     * generation counter that triggers move on every change to the corpus or to the text of a document in it (so an
     * index built from an older corpus is never taken for current), and document embeddings kept per model so that
     * reopening a project never embeds its corpus again.
     */
    public static final List<String> V4 = List.of(
            """
            CREATE TABLE corpus (
                document_id INTEGER PRIMARY KEY REFERENCES documents(id),
                external_id TEXT NOT NULL UNIQUE
            )""",
            """
            CREATE TABLE corpus_state (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            )""",
            "INSERT INTO corpus_state(id, generation) VALUES (1, 0)",
            """
            CREATE TRIGGER corpus_added AFTER INSERT ON corpus
            BEGIN UPDATE corpus_state SET generation = generation + 1; END""",
            """
            CREATE TRIGGER corpus_removed AFTER DELETE ON corpus
            BEGIN UPDATE corpus_state SET generation = generation + 1; END""",
            """
            CREATE TRIGGER corpus_document_changed AFTER UPDATE OF external_id, title, text ON documents
            WHEN EXISTS (SELECT 1 FROM corpus WHERE document_id = NEW.id)
            BEGIN UPDATE corpus_state SET generation = generation + 1; END""",
            """
            CREATE TABLE document_embeddings (
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                model       TEXT NOT NULL,
                text_sha256 TEXT NOT NULL,
                dimensions  INTEGER NOT NULL CHECK (dimensions > 0),
                vector      BLOB NOT NULL,
                PRIMARY KEY (document_id, model)
            ) WITHOUT ROWID""");

    /**
     * Version 5: query variants — other phrasings of a query, each with its own text and its own kept runs, sharing
     * the query's candidates and grades (grades belong to the query and the document). A run of a variant is a row of
     * {@code runs} with {@code variant_id} set (and {@code query_id} still its query's, so every query's rows stay
     * together); a query's own runs have {@code variant_id} NULL. Deleting a variant deletes its runs; deleting a
     * query deletes its variants. SQLite allows a REFERENCES clause on an added column whose default is NULL, and
     * enforces it (with its ON DELETE action) like one declared in CREATE TABLE.
     */
    public static final List<String> V5 = List.of(
            """
            CREATE TABLE query_variants (
                id         INTEGER PRIMARY KEY,
                query_id   INTEGER NOT NULL REFERENCES queries(id) ON DELETE CASCADE,
                text       TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (query_id, text)
            )""",
            "ALTER TABLE runs ADD COLUMN variant_id INTEGER REFERENCES query_variants(id) ON DELETE CASCADE",
            // Deleting a variant must find the runs its cascade removes, and a variant's runs are listed by it.
            "CREATE INDEX runs_variant ON runs(variant_id, id)");

    private static final Migrations STANDARD = new Migrations(List.of(
            new Step(1, "first schema: queries, documents, candidates, runs, judgments, sessions, settings", V1),
            new Step(2, "labeling sessions list their queries; index for current grades per annotator", V2),
            new Step(3, "explanations kept per query, document, ranker, method and settings", V3),
            new Step(4, "the corpus for retrieval, its generation, and document embeddings per model", V4),
            new Step(5, "query variants and the runs kept for them", V5)));

    private final List<Step> steps;

    /** Steps must be numbered 1, 2, 3, … with no gap. Tests build their own lists to exercise later steps. */
    public Migrations(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (int i = 0; i < this.steps.size(); i++) {
            if (this.steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("step " + (i + 1) + " is numbered " + this.steps.get(i).version());
            }
        }
    }

    /** The schema history this version of the app knows. */
    public static Migrations standard() {
        return STANDARD;
    }

    /** The newest version these steps produce. */
    public int latestVersion() {
        return steps.size();
    }

    /** The steps after {@code version}, in order. */
    public List<Step> after(int version) {
        return steps.subList(Math.min(Math.max(version, 0), steps.size()), steps.size());
    }
}
