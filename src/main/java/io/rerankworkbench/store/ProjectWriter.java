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
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Writes {@link ProjectData} (an import, or a bundle read back) into a project.
 *
 * <p>First every record is checked against the data and the project; if anything is wrong the report lists it and
 * nothing is written. Then everything is written in one transaction: all rows or none, even if the disk fills up
 * half-way.
 *
 * <p>Rules:
 * <ul>
 *   <li>A query id that is new becomes a query (its {@code createdAt}, or now when the data has none). A query id the
 *       project already has is merged — the data's candidates, runs and judgments are added to it — but only when
 *       the text is the same; otherwise that is a problem. A document the query already has as a candidate (same
 *       document id) is a problem too.</li>
 *   <li>Documents are stored as {@link ProjectStore#addCandidates} stores them: a document with the same id, title
 *       and text as one already in the project (or earlier in the data) shares its row. Only documents that a
 *       candidate, run score, judgment or corpus entry refers to are written.</li>
 *   <li>Corpus entries join the project's corpus in the data's order, as {@link CorpusRepository#add} adds them: a
 *       document id the corpus already holds with the same title and text is left as it is; with another text it is
 *       a problem (a corpus id names one text), as is a corpus entry naming no document of the data, the same
 *       document twice, or two documents with the same id.</li>
 *   <li>Run scores and judgments refer to a document by its key in the data; failing that, by the document id of a
 *       candidate of that query (in the data, then in the project), which is how qrels and TREC runs name
 *       documents. A run score must be for a candidate of its query; a judgment may be for any document.</li>
 *   <li>Runs, sessions and judgments are always added (never merged), judgments in list order so that the newest
 *       grade stays the newest. Judgments without a time get the import time.</li>
 *   <li>Queries that runs, sessions or judgments name must be in the data or in the project.</li>
 *   <li>A query's variants are added with it; a merged query gains those whose text it does not have as a variant
 *       yet (one it has already is that variant, as a shared document is). A variant's text must not be blank, be
 *       its query's text, or be another variant's of the query in the data; variant keys are unique in the data. A
 *       run that names a variant ({@link RunRecord#variantKey()}) must name a variant of its own query in the
 *       data.</li>
 * </ul>
 *
 * <p>Speed: statements are prepared once and rows are sent in batches; the document lookup uses the
 * {@code documents(external_id)} index. 100,000 candidates take a few seconds.
 */
public final class ProjectWriter {

    /** At most this many problems are listed; the last entry then says how many more there were. */
    public static final int MAX_PROBLEMS = 500;

    static final int PROGRESS_EVERY = 5_000;
    private static final int BATCH = 5_000;
    private static final Set<String> STATUSES = Set.of("completed", "failed", "cancelled");

    private ProjectWriter() {
    }

    /** Checks {@code data} against the project without writing anything; the report's {@code written} is false. */
    public static WriteReport check(ProjectStore store, ProjectData data) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(data, "data");
        synchronized (store) {
            Plan plan = store.read(() -> new Plan(store.connection(), data));
            return WriteReport.refused(plan.problems.list());
        }
    }

    /** Checks and writes, refusing on any problem. */
    public static WriteReport write(ProjectStore store, ProjectData data, ImportProgress progress) {
        return write(store, data, false, progress);
    }

    /**
     * Checks {@code data} against the project and, when nothing stops it, writes it in one transaction.
     *
     * @param skipBadRows leave out candidates and judgments with a {@linkplain WriteProblem#skippable() skippable}
     *                    problem instead of refusing; other problems still refuse
     * @param progress    told about written rows (documents, candidates, run scores, judgments) every few thousand
     *                    rows; it may throw (e.g. on cancel) to abandon the write, which then leaves nothing
     * @return the problems (nothing written), or what was added
     * @throws StoreException when writing fails; nothing was written
     */
    public static WriteReport write(ProjectStore store, ProjectData data, boolean skipBadRows,
                                    ImportProgress progress) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(progress, "progress");
        synchronized (store) {
            Plan plan = store.read(() -> new Plan(store.connection(), data));
            if (plan.problems.blocking(skipBadRows)) {
                return WriteReport.refused(plan.problems.list());
            }
            return store.write("import " + data.queries().size()
                    + (data.queries().size() == 1 ? " query" : " queries"),
                    () -> new Writing(store.connection(), plan, progress).run());
        }
    }

    // ------------------------------------------------------------------------------------------------- checking

    /** A document reference resolved at check time: a key of the data, or a document row already in the project. */
    private record Ref(String dataKey, long rowId) {
        static Ref data(String key) {
            return new Ref(key, -1);
        }

        static Ref row(long id) {
            return new Ref(null, id);
        }
    }

    private record ExistingQuery(long rowId, String text) {
    }

    private record ExistingCandidate(long documentId, String title, String text) {
        boolean sameAs(DocumentRecord d) {
            return text.equals(d.text()) && Objects.equals(title, d.title());
        }
    }

    /** A query the data or the project has, with what the checks need to know about its candidates. */
    private static final class Target {
        final String id;
        final QueryRecord record;          // null: only in the project
        final ExistingQuery existing;      // null: only in the data
        final List<CandidateRecord> toInsert = new ArrayList<>();
        final Set<String> candidateKeys = new HashSet<>();
        final Map<String, String> candidateKeyByDocId = new HashMap<>();
        Map<String, ExistingCandidate> existingCandidates = Map.of();
        long rowId = -1;

        Target(String id, QueryRecord record, ExistingQuery existing) {
            this.id = id;
            this.record = record;
            this.existing = existing;
        }
    }

    private record RunPlan(RunRecord record, Target target, List<Ref> refs, VariantPlan variant) {
    }

    /** A variant of the data: a new row of its query, or one the (merged) query already has. */
    private static final class VariantPlan {
        final VariantRecord record;
        final Target target;
        long rowId;                        // -1 until written, or the row the project already has

        VariantPlan(VariantRecord record, Target target, long rowId) {
            this.record = record;
            this.target = target;
            this.rowId = rowId;
        }
    }

    private record JudgmentPlan(JudgmentRecord record, Target target, Ref ref) {
    }

    private static final class Problems {
        private final List<WriteProblem> list = new ArrayList<>();
        private int count;
        private boolean anyBlocking;

        void add(String origin, String reason, boolean skippable) {
            count++;
            anyBlocking |= !skippable;
            if (list.size() < MAX_PROBLEMS) {
                list.add(new WriteProblem(origin, reason, skippable));
            }
        }

        boolean blocking(boolean skipBadRows) {
            return anyBlocking || (count > 0 && !skipBadRows);
        }

        List<WriteProblem> list() {
            if (count <= list.size()) {
                return list;
            }
            List<WriteProblem> out = new ArrayList<>(list);
            out.add(new WriteProblem(null, "… and " + (count - list.size()) + " more problems",
                    !anyBlocking));
            return out;
        }
    }

    /** Everything checked and resolved, ready to write. */
    private static final class Plan {
        final Problems problems = new Problems();
        final Map<String, DocumentRecord> documents = new LinkedHashMap<>();
        final Map<String, Target> targets = new LinkedHashMap<>();
        final List<Target> dataQueries = new ArrayList<>();
        final List<RunPlan> runs = new ArrayList<>();
        /** Variants by their key in the data, in the data's order. */
        final Map<String, VariantPlan> variants = new LinkedHashMap<>();
        final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
        final Map<String, List<Target>> sessionQueries = new HashMap<>();
        final List<JudgmentPlan> judgments = new ArrayList<>();
        final Set<String> referencedKeys = new HashSet<>();
        /** Corpus entries to add, in the data's order. */
        final List<CorpusRecord> corpus = new ArrayList<>();
        int corpusUnchanged;
        long skippedRows;

        private final Connection connection;
        private final Map<String, ExistingQuery> projectQueries = new HashMap<>();

        Plan(Connection connection, ProjectData data) throws SQLException {
            this.connection = connection;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, external_id, text FROM queries")) {
                while (rs.next()) {
                    projectQueries.put(rs.getString(2), new ExistingQuery(rs.getLong(1), rs.getString(3)));
                }
            }
            for (DocumentRecord d : data.documents()) {
                if (documents.putIfAbsent(d.key(), d) != null) {
                    problems.add("document " + d.key(), "the key " + d.key() + " names two documents", false);
                }
            }
            checkQueries(data.queries());
            checkRuns(data.runs());
            checkSessions(data.sessions());
            checkJudgments(data.judgments());
            checkCorpus(data.corpus());
        }

        private void checkCorpus(List<CorpusRecord> entries) throws SQLException {
            if (entries.isEmpty()) {
                return;
            }
            Map<String, ExistingCandidate> inProject = new HashMap<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT k.external_id, d.id, d.title, d.text FROM corpus k "
                         + "JOIN documents d ON d.id = k.document_id")) {
                while (rs.next()) {
                    inProject.put(rs.getString(1), new ExistingCandidate(rs.getLong(2), rs.getString(3),
                            rs.getString(4)));
                }
            }
            Set<String> keys = new HashSet<>();
            Map<String, String> keyById = new HashMap<>();
            for (CorpusRecord entry : entries) {
                String key = entry.documentKey();
                String where = entry.origin() != null ? entry.origin() : "corpus document " + key;
                DocumentRecord d = documents.get(key);
                if (d == null) {
                    problems.add(where, "the corpus names document " + key + ", which the import does not have",
                            false);
                    continue;
                }
                if (!keys.add(key)) {
                    problems.add(where, "the corpus lists document " + key + " twice", false);
                    continue;
                }
                String other = keyById.putIfAbsent(d.id(), key);
                if (other != null) {
                    problems.add(where, "the corpus has two documents with id " + d.id() + " (" + other + " and "
                            + key + "); a corpus id names one document", false);
                    continue;
                }
                ExistingCandidate old = inProject.get(d.id());
                if (old != null) {
                    if (old.text().equals(d.text()) && Objects.equals(blankToNull(old.title()),
                            blankToNull(d.title()))) {
                        corpusUnchanged++;
                    } else {
                        problems.add(where, "the project's corpus already holds document " + d.id()
                                + " with another text (\"" + abbreviate(old.text()) + "\", here \""
                                + abbreviate(d.text()) + "\")", false);
                    }
                    continue;
                }
                corpus.add(entry);
                referencedKeys.add(key);
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }

        private void checkQueries(List<QueryRecord> queries) throws SQLException {
            for (QueryRecord q : queries) {
                String where = q.origin() != null ? q.origin() : "query " + q.id();
                if (targets.containsKey(q.id())) {
                    problems.add(where, "the query id " + q.id() + " appears twice", false);
                    continue;
                }
                ExistingQuery existing = projectQueries.get(q.id());
                if (existing != null && !existing.text().equals(q.text())) {
                    problems.add(where, "the project already has query " + q.id() + " with a different text (\""
                            + abbreviate(existing.text()) + "\", here \"" + abbreviate(q.text()) + "\")", false);
                    continue;
                }
                Target t = new Target(q.id(), q, existing);
                if (existing != null) {
                    t.existingCandidates = existingCandidates(existing.rowId());
                }
                targets.put(q.id(), t);
                dataQueries.add(t);
                checkVariants(q, t, where);
                for (CandidateRecord c : q.candidates()) {
                    DocumentRecord d = documents.get(c.documentKey());
                    if (d == null) {
                        problems.add(where, "candidate " + c.documentKey() + " (rank " + c.originalRank()
                                + ") names no document of the import", false);
                        continue;
                    }
                    if (t.candidateKeyByDocId.containsKey(d.id())) {
                        problems.add(where, "document " + d.id() + " is a candidate twice (ranks "
                                + rankOf(q, t.candidateKeyByDocId.get(d.id())) + " and " + c.originalRank() + ")",
                                false);
                        continue;
                    }
                    ExistingCandidate old = t.existingCandidates.get(d.id());
                    if (old != null) {
                        problems.add(where, old.sameAs(d)
                                ? "document " + d.id() + " is already a candidate of this query in the project"
                                : "the query already has a different document with id " + d.id()
                                        + " in the project", true);
                        skippedRows++;
                        continue;
                    }
                    t.toInsert.add(c);
                    t.candidateKeys.add(c.documentKey());
                    t.candidateKeyByDocId.put(d.id(), c.documentKey());
                    referencedKeys.add(c.documentKey());
                }
            }
        }

        private void checkVariants(QueryRecord q, Target t, String where) throws SQLException {
            if (q.variants().isEmpty()) {
                return;
            }
            Map<String, Long> inProject = new HashMap<>();
            if (t.existing != null) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT id, text FROM query_variants WHERE query_id = ?")) {
                    ps.setLong(1, t.existing.rowId());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            inProject.put(rs.getString(2), rs.getLong(1));
                        }
                    }
                }
            }
            Map<String, String> keyByText = new HashMap<>();
            for (VariantRecord v : q.variants()) {
                String at = v.origin() != null ? v.origin() : where;
                String text = v.text().strip();
                if (variants.containsKey(v.key())) {
                    problems.add(at, "the variant key " + v.key() + " appears twice", false);
                } else if (text.isEmpty()) {
                    problems.add(at, "variant " + v.key() + " of query " + q.id() + " has no text", false);
                } else if (text.equals(q.text().strip())) {
                    problems.add(at, "variant " + v.key() + " of query " + q.id() + " is the query's own text", false);
                } else if (keyByText.containsKey(text)) {
                    problems.add(at, "variants " + keyByText.get(text) + " and " + v.key() + " of query " + q.id()
                            + " have the same text (\"" + abbreviate(text) + "\")", false);
                } else {
                    keyByText.put(text, v.key());
                    variants.put(v.key(), new VariantPlan(v, t, inProject.getOrDefault(text, -1L)));
                }
            }
        }

        private static int rankOf(QueryRecord q, String key) {
            for (CandidateRecord c : q.candidates()) {
                if (c.documentKey().equals(key)) {
                    return c.originalRank();
                }
            }
            return -1;
        }

        /** The query by its user-visible id, from the data or the project; null when neither has it. */
        private Target target(String queryId) throws SQLException {
            Target t = targets.get(queryId);
            if (t != null) {
                return t;
            }
            ExistingQuery existing = projectQueries.get(queryId);
            if (existing == null) {
                return null;
            }
            t = new Target(queryId, null, existing);
            t.existingCandidates = existingCandidates(existing.rowId());
            targets.put(queryId, t);
            return t;
        }

        private Map<String, ExistingCandidate> existingCandidates(long queryRowId) throws SQLException {
            Map<String, ExistingCandidate> out = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT d.id, d.external_id, d.title, d.text FROM candidates c "
                            + "JOIN documents d ON d.id = c.document_id WHERE c.query_id = ?")) {
                ps.setLong(1, queryRowId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.putIfAbsent(rs.getString(2),
                                new ExistingCandidate(rs.getLong(1), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        }

        /** A candidate of {@code t} named by a data key or a document id; null when it is none. */
        private Ref candidate(Target t, String reference) {
            DocumentRecord d = documents.get(reference);
            if (d != null) {
                if (t.candidateKeys.contains(reference)) {
                    return Ref.data(reference);
                }
                ExistingCandidate old = t.existingCandidates.get(d.id());
                return old != null && old.sameAs(d) ? Ref.row(old.documentId()) : null;
            }
            return byDocumentId(t, reference);
        }

        private Ref byDocumentId(Target t, String documentId) {
            String key = t.candidateKeyByDocId.get(documentId);
            if (key != null) {
                return Ref.data(key);
            }
            ExistingCandidate old = t.existingCandidates.get(documentId);
            return old == null ? null : Ref.row(old.documentId());
        }

        private void checkRuns(List<RunRecord> list) throws SQLException {
            Set<String> keys = new HashSet<>();
            for (RunRecord r : list) {
                String where = "run " + r.key() + " (query " + r.queryId() + ")";
                if (!keys.add(r.key())) {
                    problems.add(where, "the run key " + r.key() + " appears twice", false);
                    continue;
                }
                if (!STATUSES.contains(r.status())) {
                    problems.add(where, "status must be completed, failed or cancelled, was \"" + r.status() + "\"",
                            false);
                }
                Target t = target(r.queryId());
                if (t == null) {
                    problems.add(where, missingQuery(r.queryId()), false);
                    continue;
                }
                VariantPlan variant = null;
                if (r.variantKey() != null) {
                    variant = variants.get(r.variantKey());
                    if (variant == null || variant.target != t) {
                        problems.add(where, "it names variant " + r.variantKey() + ", which is not a variant of query "
                                + r.queryId() + " in the import", false);
                        continue;
                    }
                }
                List<Ref> refs = new ArrayList<>(r.scores().size());
                Set<Object> seen = new HashSet<>();
                for (RunScoreRecord s : r.scores()) {
                    Ref ref = candidate(t, s.documentKey());
                    if (ref == null) {
                        problems.add(where, "document " + s.documentKey() + " (rank " + s.rank()
                                + ") is not a candidate of query " + r.queryId(), false);
                        continue;
                    }
                    if (!seen.add(identity(ref))) {
                        problems.add(where, "document " + s.documentKey() + " is scored twice", false);
                        continue;
                    }
                    if (s.chunked() && s.chunkEnd() < s.chunkStart()) {
                        problems.add(where, "document " + s.documentKey() + ": chunk end " + s.chunkEnd()
                                + " is before its start " + s.chunkStart(), false);
                    }
                    refs.add(ref);
                    if (ref.dataKey() != null) {
                        referencedKeys.add(ref.dataKey());
                    }
                }
                this.runs.add(new RunPlan(r, t, refs, variant));
            }
        }

        /** Candidates of one query are unique by document id, whichever way they were reached. */
        private Object identity(Ref ref) {
            return ref.dataKey() != null ? "d:" + documents.get(ref.dataKey()).id() : ref.rowId();
        }

        private void checkSessions(List<SessionRecord> list) throws SQLException {
            for (SessionRecord s : list) {
                String where = "session " + s.key() + " (\"" + abbreviate(s.name()) + "\")";
                if (sessions.putIfAbsent(s.key(), s) != null) {
                    problems.add(where, "the session key " + s.key() + " appears twice", false);
                    continue;
                }
                List<Target> covered = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (String queryId : s.queryIds()) {
                    Target t = target(queryId);
                    if (t == null) {
                        problems.add(where, missingQuery(queryId), false);
                    } else if (!seen.add(queryId)) {
                        problems.add(where, "lists query " + queryId + " twice", false);
                    } else {
                        covered.add(t);
                    }
                }
                sessionQueries.put(s.key(), covered);
            }
        }

        private void checkJudgments(List<JudgmentRecord> list) throws SQLException {
            int n = 0;
            for (JudgmentRecord j : list) {
                n++;
                String where = j.origin() != null ? j.origin()
                        : "judgment " + n + " (query " + j.queryId() + ", document " + j.documentKey() + ")";
                Target t = target(j.queryId());
                if (t == null) {
                    problems.add(where, missingQuery(j.queryId()), true);
                    skippedRows++;
                    continue;
                }
                if (j.sessionKey() != null && !sessions.containsKey(j.sessionKey())) {
                    problems.add(where, "names labeling session " + j.sessionKey() + ", which the import does not "
                            + "have", false);
                    continue;
                }
                Ref ref = documents.containsKey(j.documentKey()) ? Ref.data(j.documentKey())
                        : byDocumentId(t, j.documentKey());
                if (ref == null) {
                    problems.add(where, "document " + j.documentKey() + " is neither in the import nor a candidate "
                            + "of query " + j.queryId() + " in the project", true);
                    skippedRows++;
                    continue;
                }
                if (ref.dataKey() != null) {
                    referencedKeys.add(ref.dataKey());
                }
                judgments.add(new JudgmentPlan(j, t, ref));
            }
        }

        private String missingQuery(String queryId) {
            return "query " + queryId + " is neither in the import nor in the project";
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\R", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    // -------------------------------------------------------------------------------------------------- writing

    private record Content(String id, String title, String text) {
    }

    /** The one transaction: rows in dependency order, ids handed out in advance so inserts can be batched. */
    private static final class Writing {
        private final Connection connection;
        private final Plan plan;
        private final ImportProgress progress;
        private final Instant now = Instant.now();
        private final Map<String, Long> documentRows = new HashMap<>();
        private long total;
        private long done;
        private long nextReport = PROGRESS_EVERY;

        private int queriesAdded;
        private int queriesMerged;
        private int documentsAdded;
        private int documentsShared;
        private long candidates;
        private long runScores;

        Writing(Connection connection, Plan plan, ImportProgress progress) {
            this.connection = connection;
            this.plan = plan;
            this.progress = progress;
        }

        WriteReport run() throws SQLException {
            total = plan.referencedKeys.size();
            for (Target t : plan.dataQueries) {
                total += t.toInsert.size();
            }
            for (RunPlan r : plan.runs) {
                total += r.refs().size();
            }
            total += plan.judgments.size();
            total += plan.corpus.size();

            queries();
            variants();
            documents();
            candidates();
            Map<String, Long> sessionIds = sessions();
            runs();
            judgments(sessionIds);
            corpus();
            progress.progress(total, total);
            return new WriteReport(plan.problems.list(), true, queriesAdded, queriesMerged, documentsAdded,
                    documentsShared, candidates, plan.runs.size(), runScores, plan.sessions.size(),
                    plan.judgments.size(), plan.skippedRows, plan.corpus.size(), plan.corpusUnchanged);
        }

        private void step() {
            done++;
            if (done >= nextReport) {
                progress.progress(done, total);
                nextReport += PROGRESS_EVERY;
            }
        }

        private long nextId(String table) throws SQLException {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private void queries() throws SQLException {
            long next = nextId("queries");
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO queries(id, external_id, text, created_at) VALUES (?, ?, ?, ?)")) {
                for (Target t : plan.dataQueries) {
                    if (t.existing != null) {
                        t.rowId = t.existing.rowId();
                        queriesMerged++;
                        continue;
                    }
                    t.rowId = next++;
                    ps.setLong(1, t.rowId);
                    ps.setString(2, t.id);
                    ps.setString(3, t.record.text());
                    ps.setString(4, (t.record.createdAt() == null ? now : t.record.createdAt()).toString());
                    ps.addBatch();
                    queriesAdded++;
                }
                ps.executeBatch();
            }
            for (Target t : plan.targets.values()) {
                if (t.rowId < 0) {
                    t.rowId = t.existing.rowId(); // only in the project: named by a run, session or judgment
                }
            }
        }

        /** Adds the variants the project does not have yet, after their queries (they refer to them). */
        private void variants() throws SQLException {
            long next = nextId("query_variants");
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO query_variants(id, query_id, text, created_at) VALUES (?, ?, ?, ?)")) {
                for (VariantPlan v : plan.variants.values()) {
                    if (v.rowId >= 0) {
                        continue;
                    }
                    v.rowId = next++;
                    ps.setLong(1, v.rowId);
                    ps.setLong(2, v.target.rowId);
                    ps.setString(3, v.record.text().strip());
                    ps.setString(4, (v.record.createdAt() == null ? now : v.record.createdAt()).toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        private void documents() throws SQLException {
            long next = nextId("documents");
            Map<Content, Long> added = new HashMap<>();
            try (PreparedStatement find = connection.prepareStatement(
                         "SELECT id FROM documents WHERE external_id = ? AND text = ? AND title IS ? LIMIT 1");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO documents(id, external_id, title, text) VALUES (?, ?, ?, ?)")) {
                int pending = 0;
                // In the data's order, so that new rows are numbered as the source lists them.
                for (DocumentRecord d : plan.documents.values()) {
                    if (!plan.referencedKeys.contains(d.key())) {
                        continue;
                    }
                    Content content = new Content(d.id(), d.title(), d.text());
                    Long row = added.get(content);
                    if (row == null) {
                        find.setString(1, d.id());
                        find.setString(2, d.text());
                        find.setString(3, d.title());
                        try (ResultSet rs = find.executeQuery()) {
                            if (rs.next()) {
                                row = rs.getLong(1);
                                documentsShared++;
                            }
                        }
                    } else {
                        documentsShared++;
                    }
                    if (row == null) {
                        row = next++;
                        insert.setLong(1, row);
                        insert.setString(2, d.id());
                        insert.setString(3, d.title());
                        insert.setString(4, d.text());
                        insert.addBatch();
                        added.put(content, row);
                        documentsAdded++;
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                    documentRows.put(d.key(), row);
                    step();
                }
                insert.executeBatch();
            }
        }

        private long row(Ref ref) {
            return ref.dataKey() != null ? documentRows.get(ref.dataKey()) : ref.rowId();
        }

        private void candidates() throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO candidates(query_id, document_id, original_rank, first_stage_score) "
                            + "VALUES (?, ?, ?, ?)")) {
                int pending = 0;
                for (Target t : plan.dataQueries) {
                    for (CandidateRecord c : t.toInsert) {
                        ps.setLong(1, t.rowId);
                        ps.setLong(2, documentRows.get(c.documentKey()));
                        ps.setInt(3, c.originalRank());
                        ProjectStore.setDouble(ps, 4, c.firstStageScore());
                        ps.addBatch();
                        candidates++;
                        if (++pending == BATCH) {
                            ps.executeBatch();
                            pending = 0;
                        }
                        step();
                    }
                }
                ps.executeBatch();
            }
        }

        private Map<String, Long> sessions() throws SQLException {
            Map<String, Long> ids = new HashMap<>();
            long next = nextId("labeling_sessions");
            try (PreparedStatement ps = connection.prepareStatement(
                         "INSERT INTO labeling_sessions(id, name, scale_json, annotator, seed, blind, created_at) "
                                 + "VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement covers = connection.prepareStatement(
                         "INSERT INTO labeling_session_queries(session_id, query_id, position) VALUES (?, ?, ?)")) {
                for (SessionRecord s : plan.sessions.values()) {
                    long id = next++;
                    ids.put(s.key(), id);
                    ps.setLong(1, id);
                    ps.setString(2, s.name());
                    ps.setString(3, s.scaleJson());
                    ps.setString(4, s.annotator());
                    ps.setLong(5, s.seed());
                    ps.setInt(6, s.blind() ? 1 : 0);
                    ps.setString(7, s.createdAt().toString());
                    ps.addBatch();
                    int position = 0;
                    for (Target t : plan.sessionQueries.get(s.key())) {
                        covers.setLong(1, id);
                        covers.setLong(2, t.rowId);
                        covers.setInt(3, position++);
                        covers.addBatch();
                    }
                }
                ps.executeBatch();
                covers.executeBatch();
            }
            return ids;
        }

        private void runs() throws SQLException {
            long next = nextId("runs");
            try (PreparedStatement ps = connection.prepareStatement(
                         "INSERT INTO runs(id, query_id, ranker_kind, model, params_json, started_at, finished_at, "
                                 + "duration_ms, usage_json, status, variant_id) "
                                 + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement scores = connection.prepareStatement(
                         "INSERT INTO run_scores(run_id, document_id, score, probability, rank, tokens_dropped, "
                                 + "chunk_start, chunk_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (RunPlan run : plan.runs) {
                    RunRecord r = run.record();
                    long id = next++;
                    ps.setLong(1, id);
                    ps.setLong(2, run.target().rowId);
                    ps.setString(3, r.rankerKind());
                    ps.setString(4, r.model());
                    ps.setString(5, r.paramsJson());
                    ps.setString(6, r.startedAt() == null ? null : r.startedAt().toString());
                    ps.setString(7, r.finishedAt() == null ? null : r.finishedAt().toString());
                    ProjectStore.setDouble(ps, 8, r.durationMs());
                    ps.setString(9, r.usageJson());
                    ps.setString(10, r.status());
                    if (run.variant() == null) {
                        ps.setNull(11, Types.INTEGER);
                    } else {
                        ps.setLong(11, run.variant().rowId);
                    }
                    ps.addBatch();
                    for (int i = 0; i < r.scores().size(); i++) {
                        RunScoreRecord s = r.scores().get(i);
                        scores.setLong(1, id);
                        scores.setLong(2, row(run.refs().get(i)));
                        ProjectStore.setDouble(scores, 3, s.score());
                        ProjectStore.setDouble(scores, 4, s.probability());
                        scores.setInt(5, s.rank());
                        scores.setInt(6, s.tokensDropped());
                        if (s.chunked()) {
                            scores.setInt(7, s.chunkStart());
                            scores.setInt(8, s.chunkEnd());
                        } else {
                            scores.setNull(7, Types.INTEGER);
                            scores.setNull(8, Types.INTEGER);
                        }
                        scores.addBatch();
                        runScores++;
                        if (++pending == BATCH) {
                            ps.executeBatch(); // the runs first: scores refer to them
                            scores.executeBatch();
                            pending = 0;
                        }
                        step();
                    }
                }
                ps.executeBatch();
                scores.executeBatch();
            }
        }

        /** Adds the corpus entries; the triggers move the corpus generation, as for {@link CorpusRepository#add}. */
        private void corpus() throws SQLException {
            if (plan.corpus.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO corpus(document_id, external_id) VALUES (?, ?)")) {
                int pending = 0;
                for (CorpusRecord entry : plan.corpus) {
                    ps.setLong(1, documentRows.get(entry.documentKey()));
                    ps.setString(2, plan.documents.get(entry.documentKey()).id());
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                    step();
                }
                ps.executeBatch();
            }
            // The project's corpus token, made with its first corpus document (as CorpusRepository.add does).
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING")) {
                ps.setString(1, CorpusRepository.TOKEN_KEY);
                ps.setString(2, UUID.randomUUID().toString());
                ps.executeUpdate();
            }
        }

        private void judgments(Map<String, Long> sessionIds) throws SQLException {
            long next = nextId("judgments");
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO judgments(id, query_id, document_id, grade, annotator, session_id, created_at, note) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (JudgmentPlan judgment : plan.judgments) {
                    JudgmentRecord j = judgment.record();
                    ps.setLong(1, next++);
                    ps.setLong(2, judgment.target().rowId);
                    ps.setLong(3, row(judgment.ref()));
                    ps.setInt(4, j.grade());
                    ps.setString(5, j.annotator());
                    if (j.sessionKey() == null) {
                        ps.setNull(6, Types.INTEGER);
                    } else {
                        ps.setLong(6, sessionIds.get(j.sessionKey()));
                    }
                    ps.setString(7, (j.createdAt() == null ? now : j.createdAt()).toString());
                    ps.setString(8, j.note());
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                    step();
                }
                ps.executeBatch();
            }
        }
    }
}
