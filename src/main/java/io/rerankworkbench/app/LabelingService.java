package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.eval.Agreement;
import io.rerankworkbench.eval.AgreementReport;
import io.rerankworkbench.eval.Conflict;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.eval.Rating;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.LabelingProgress;
import io.rerankworkbench.store.LabelingRepository;
import io.rerankworkbench.store.LabelingSession;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Labeling sessions for the labeling window: starting and resuming sessions, each query's candidates in the
 * session's seeded order, grading, undo, notes, progress and agreement between annotators.
 *
 * <p>Threading: every method reads or writes the project file; call from the {@code io} lane (the view model
 * submits them through a {@link TaskRunner}). {@link #seededShuffle} is pure.
 */
public final class LabelingService {

    /** Annotator name used in agreement statistics for judgments that name none (e.g. imported qrels). */
    public static final String UNNAMED_ANNOTATOR = "(unnamed)";

    private final ProjectStore store;
    private final LabelingRepository repository;
    private final AnnotatorSettings annotators;
    private final Random seeds = new SecureRandom();

    /** A session ready to label: its row, its scale and its queries in labeling order. */
    public record SessionPlan(LabelingSession session, GradeScale scale, List<StoredQuery> queries) {
        public SessionPlan {
            queries = List.copyOf(queries);
        }
    }

    /**
     * One candidate to grade.
     *
     * @param latestScore the score of the query's latest completed run, or NaN
     * @param grade       the session's current grade of it, or null
     */
    public record LabelItem(StoredCandidate candidate, double latestScore, Judgment grade) {
    }

    /** A grade undone: the removed judgment and the document's grade in the session now (null if none). */
    public record Undone(Judgment removed, Judgment current) {
    }

    /** A conflict with the query and document it is about. */
    public record ConflictDetail(Conflict conflict, StoredQuery query, StoredCandidate candidate) {
    }

    /**
     * Agreement over some queries, with what the view needs to name them.
     *
     * @param annotators who graded any of the queries, sorted
     * @param scale      the scale the grades were read on (labels, ordinal or not)
     */
    public record AgreementOverview(AgreementReport report, Map<Long, StoredQuery> queries,
                                    List<ConflictDetail> conflicts, List<String> annotators, GradeScale scale) {
        public AgreementOverview {
            annotators = List.copyOf(annotators);
        }
    }

    /**
     * The scale agreement is read on when no session says which: grades are ordered and named by their number (a
     * grade outside 0-1 is named by its number too, see {@link GradeScale#label}).
     */
    public static final GradeScale NUMBERED_GRADES = new GradeScale("grades", true,
            List.of(new GradeScale.Level(0, "0"), new GradeScale.Level(1, "1")));

    public LabelingService(ProjectStore store, AnnotatorSettings annotators) {
        this.store = Objects.requireNonNull(store, "store");
        this.repository = new LabelingRepository(store);
        this.annotators = Objects.requireNonNull(annotators, "annotators");
    }

    /**
     * Who is labeling, as far as this computer knows.
     *
     * @param name       the name to prefill: the remembered one, else a suggestion (possibly empty)
     * @param remembered whether someone gave {@code name} before; if not, the window asks
     */
    public record Annotator(String name, boolean remembered) {
    }

    /** The name to prefill the annotator field with, and whether it was given before. */
    public Annotator annotator() {
        return annotators.saved().map(n -> new Annotator(n, true))
                .orElseGet(() -> new Annotator(annotators.suggestion(), false));
    }

    /** The name to prefill the annotator field with. */
    public String defaultAnnotator() {
        return annotators.annotator();
    }

    /** Remembers who is labeling on this computer (the answer to "Who is labeling?", or a changed name). */
    public void rememberAnnotator(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an annotator needs a name");
        }
        annotators.saveAnnotator(name);
    }

    /** The project's sessions, oldest first. */
    public List<LabelingSession> sessions() {
        return repository.sessions();
    }

    /** Starts a session with a fresh random seed and remembers the annotator's name for next time. */
    public SessionPlan start(String name, GradeScale scale, String annotator, boolean blind, List<Long> queryIds) {
        return start(name, scale, annotator, blind, queryIds, seeds.nextLong());
    }

    /** As above with a given seed (tests, reproducible orders). */
    public SessionPlan start(String name, GradeScale scale, String annotator, boolean blind, List<Long> queryIds,
                             long seed) {
        if (queryIds.isEmpty()) {
            throw new IllegalArgumentException("a labeling session needs at least one query");
        }
        String who = annotator == null || annotator.isBlank() ? null : annotator.strip();
        LabelingSession session = repository.createSession(name.strip(), scale.toJson(), who, seed, blind, queryIds);
        if (who != null) {
            annotators.saveAnnotator(who);
        }
        return plan(session);
    }

    /** Resumes a session. */
    public SessionPlan open(long sessionId) {
        return plan(repository.session(sessionId).orElseThrow(
                () -> new IllegalArgumentException("no labeling session " + sessionId)));
    }

    private SessionPlan plan(LabelingSession session) {
        List<StoredQuery> queries = new ArrayList<>();
        for (long id : repository.sessionQueryIds(session.id())) {
            store.query(id).ifPresent(queries::add);
        }
        return new SessionPlan(session, GradeScale.fromJson(session.scaleJson()), queries);
    }

    /**
     * A query's candidates in the session's order (the same every time for the same session and query), each with
     * the latest run's score and the session's current grade.
     */
    public List<LabelItem> items(LabelingSession session, long queryId) {
        List<StoredCandidate> candidates = seededShuffle(store.candidates(queryId), querySeed(session.seed(), queryId));
        Map<Candidate, Double> scores = latestScores(queryId);
        Map<Long, Judgment> grades = repository.sessionGrades(session.id(), queryId);
        List<LabelItem> out = new ArrayList<>(candidates.size());
        for (StoredCandidate c : candidates) {
            out.add(new LabelItem(c, scores.getOrDefault(c.candidate(), Double.NaN), grades.get(c.documentId())));
        }
        return out;
    }

    private Map<Candidate, Double> latestScores(long queryId) {
        List<StoredRun> runs = store.runs(queryId);
        Map<Candidate, Double> out = new HashMap<>();
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).status() == RunStatus.COMPLETED) {
                for (ScoredCandidate sc : runs.get(i).ranking().results()) {
                    out.put(sc.candidate(), sc.score());
                }
                break;
            }
        }
        return out;
    }

    /**
     * A Fisher–Yates shuffle driven by {@code new Random(seed)}: the same seed and list give the same order on every
     * run and every machine (java.util.Random's sequence is specified).
     */
    public static <T> List<T> seededShuffle(List<T> items, long seed) {
        List<T> out = new ArrayList<>(items);
        Random random = new Random(seed);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, random.nextInt(i + 1));
        }
        return out;
    }

    /** Each query gets its own order from the session seed, so two queries' lists are not shuffled alike. */
    static long querySeed(long sessionSeed, long queryId) {
        return sessionSeed ^ (queryId * 0x9E3779B97F4A7C15L);
    }

    /** Grades a candidate in the session; {@code note} null keeps the current note (see {@link LabelingRepository}). */
    public Judgment grade(LabelingSession session, long queryId, long documentId, int grade, String note) {
        return repository.grade(session.id(), queryId, documentId, grade, note);
    }

    /** Removes the session's last grade; the row is deleted (see {@link LabelingRepository#undoLast}). */
    public Optional<Undone> undo(LabelingSession session) {
        return repository.undoLast(session.id()).map(removed -> new Undone(removed,
                repository.sessionGrade(session.id(), removed.queryId(), removed.documentId()).orElse(null)));
    }

    /** Sets the note of a graded candidate; empty when it is not graded in the session yet. */
    public Optional<Judgment> setNote(LabelingSession session, long queryId, long documentId, String note) {
        return repository.setNote(session.id(), queryId, documentId, note);
    }

    /** Labeled and total candidates of each of the session's queries. */
    public List<LabelingProgress> progress(LabelingSession session) {
        return repository.progress(session.id());
    }

    /** Agreement of every annotator's current grades over {@code queryIds}, graded on {@code scale}. */
    public AgreementOverview agreement(List<Long> queryIds, GradeScale scale) {
        List<Rating> ratings = new ArrayList<>();
        Map<Long, StoredQuery> queries = new LinkedHashMap<>();
        for (long queryId : queryIds) {
            store.query(queryId).ifPresent(q -> queries.put(queryId, q));
            for (Judgment j : repository.currentJudgments(queryId)) {
                ratings.add(new Rating(queryId, j.documentId(),
                        j.annotator() == null ? UNNAMED_ANNOTATOR : j.annotator(), j.grade()));
            }
        }
        AgreementReport report = Agreement.analyze(ratings, queryIds, scale);
        List<String> annotators = ratings.stream().map(Rating::annotator).distinct().sorted().toList();
        Map<Long, Map<Long, StoredCandidate>> candidates = new HashMap<>();
        List<ConflictDetail> details = new ArrayList<>();
        for (Conflict c : report.conflicts()) {
            StoredCandidate candidate = candidates.computeIfAbsent(c.queryId(), q -> {
                Map<Long, StoredCandidate> byDocument = new HashMap<>();
                store.candidates(q).forEach(sc -> byDocument.put(sc.documentId(), sc));
                return byDocument;
            }).get(c.documentId());
            details.add(new ConflictDetail(c, queries.get(c.queryId()), candidate));
        }
        return new AgreementOverview(report, queries, details, annotators, scale);
    }

    /**
     * Agreement over every query of the project that has a grade, whoever gave it and whether or not a session did:
     * what the Agreement tab shows before a session is open. Grades are read on the scale of the project's latest
     * session, or as {@link #NUMBERED_GRADES} when there is none (judgments imported from qrels).
     */
    public AgreementOverview projectAgreement() {
        List<Long> graded = store.querySummaries().stream().filter(q -> q.judgedDocuments() > 0)
                .map(q -> q.query().id()).toList();
        List<LabelingSession> all = repository.sessions();
        GradeScale scale = NUMBERED_GRADES;
        if (!all.isEmpty()) {
            try {
                scale = GradeScale.fromJson(all.get(all.size() - 1).scaleJson());
            } catch (IllegalArgumentException unreadable) {
                // A scale another tool wrote badly: the grades are still numbers.
            }
        }
        return agreement(graded, scale);
    }
}
