package io.rerankworkbench.io.imports;

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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges what several sources produced into one {@link ProjectData}, keeping keys unique: a document with the same
 * id, title and text as one already merged becomes that one; other documents, sessions and runs keep their key when
 * it is free and get {@code key#2}, {@code key#3}, … otherwise, with every reference rewritten.
 *
 * <p>A query id seen again must have the same text (else a problem, and the later query is left out); the same
 * query with candidates in two sources is a problem too (two first-stage rankings cannot be one). Judgments that
 * name a document by id (qrels) are pointed at the merged candidate of their query with that id, and judgments known
 * by query text (Quepid) at the merged query with that text, when there is exactly one. Corpus entries of all sources
 * are kept in order, a document that two sources put in the corpus once; two different documents with one corpus id
 * are left for the project check to report at their lines. A query seen again gains the variants it does not have
 * (by text); a variant it has already is that one, and runs naming either key name the merged variant. Variant keys
 * are kept unique as run keys are.
 */
final class Merger {

    private final ReadContext ctx;
    private final Map<String, QueryRecord> queries = new LinkedHashMap<>();
    private final Map<String, Path> querySources = new HashMap<>();
    private final Map<String, DocumentRecord> documents = new LinkedHashMap<>();
    private final Map<String, List<DocumentRecord>> documentsById = new HashMap<>();
    private final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final Set<String> variantKeys = new HashSet<>();
    private final List<JudgmentRecord> judgments = new ArrayList<>();
    private final Map<String, CorpusRecord> corpus = new LinkedHashMap<>();
    /** Indexes into {@link #judgments} of those whose document is an id still to resolve. */
    private final Set<Integer> byDocumentId = new HashSet<>();
    private final List<JudgmentRecord> byQueryText = new ArrayList<>();
    /** Documents of queries left out: removed at the end unless something else refers to them. */
    private final Set<String> maybeOrphaned = new HashSet<>();

    Merger(ReadContext ctx) {
        this.ctx = ctx;
    }

    void add(ProjectData data, Path source) {
        Map<String, String> docKeys = new HashMap<>();
        for (DocumentRecord d : data.documents()) {
            docKeys.put(d.key(), documentKey(d));
        }
        // Queries of this source left out for a clash: their runs, judgments and session entries go with them
        // rather than attach to the other source's query of the same id.
        Set<String> leftOut = new HashSet<>();
        Map<String, String> variantKeyMap = new HashMap<>();
        for (QueryRecord q : data.queries()) {
            List<CandidateRecord> cands = q.candidates().stream()
                    .map(c -> new CandidateRecord(docKeys.get(c.documentKey()), c.originalRank(),
                            c.firstStageScore()))
                    .toList();
            QueryRecord existing = queries.get(q.id());
            if (existing == null) {
                queries.put(q.id(), new QueryRecord(q.id(), q.text(), q.createdAt(), cands,
                        variants(q.variants(), List.of(), variantKeyMap), q.origin()));
                querySources.put(q.id(), source);
                continue;
            }
            if (existing.text().equals(q.text()) && !q.variants().isEmpty()) {
                existing = new QueryRecord(existing.id(), existing.text(), existing.createdAt(),
                        existing.candidates(), variants(q.variants(), existing.variants(), variantKeyMap),
                        existing.origin());
                queries.put(q.id(), existing);
            }
            if (!existing.text().equals(q.text())) {
                ctx.problem(source, line(q), "query " + Values.quote(q.id()) + " is " + Values.quote(q.text())
                        + " here but " + Values.quote(existing.text()) + " in " + where(existing,
                        querySources.get(q.id())));
                ctx.badRows(Math.max(1, cands.size()));
                cands.forEach(c -> maybeOrphaned.add(c.documentKey()));
                leftOut.add(q.id());
            } else if (!cands.isEmpty() && !existing.candidates().isEmpty()) {
                ctx.problem(source, line(q), "query " + Values.quote(q.id()) + " has candidates here and in "
                        + where(existing, querySources.get(q.id())) + "; import one first-stage ranking per query");
                ctx.badRows(cands.size());
                cands.forEach(c -> maybeOrphaned.add(c.documentKey()));
            } else if (!cands.isEmpty()) {
                queries.put(q.id(), new QueryRecord(q.id(), existing.text(), existing.createdAt(), cands,
                        existing.variants(), existing.origin()));
                querySources.put(q.id(), source);
            }
        }
        Map<String, String> sessionKeys = new HashMap<>();
        for (SessionRecord s : data.sessions()) {
            String key = free(s.key(), sessions.keySet());
            sessionKeys.put(s.key(), key);
            sessions.put(key, new SessionRecord(key, s.name(), s.scaleJson(), s.annotator(), s.seed(), s.blind(),
                    s.createdAt(), s.queryIds().stream().filter(id -> !leftOut.contains(id)).toList()));
        }
        for (RunRecord r : data.runs()) {
            if (leftOut.contains(r.queryId())) {
                ctx.badRows(1 + r.scores().size());
                continue;
            }
            String key = free(r.key(), runs.keySet());
            List<RunScoreRecord> scores = r.scores().stream()
                    .map(s -> new RunScoreRecord(docKeys.get(s.documentKey()), s.score(), s.probability(), s.rank(),
                            s.tokensDropped(), s.chunkStart(), s.chunkEnd()))
                    .toList();
            String variant = r.variantKey() == null ? null
                    : variantKeyMap.getOrDefault(r.variantKey(), r.variantKey());
            runs.put(key, new RunRecord(key, r.queryId(), r.rankerKind(), r.model(), r.paramsJson(), r.startedAt(),
                    r.finishedAt(), r.durationMs(), r.usageJson(), r.status(), scores, variant));
        }
        for (JudgmentRecord j : data.judgments()) {
            if (leftOut.contains(j.queryId())) {
                ctx.badRow();
                continue;
            }
            String docKey = docKeys.get(j.documentKey());
            if (docKey == null) {
                byDocumentId.add(judgments.size());
                docKey = j.documentKey();
            }
            String session = j.sessionKey() == null ? null
                    : sessionKeys.getOrDefault(j.sessionKey(), j.sessionKey());
            judgments.add(new JudgmentRecord(j.queryId(), docKey, j.grade(), j.annotator(), session, j.createdAt(),
                    j.note(), j.origin()));
        }
        for (CorpusRecord c : data.corpus()) {
            String key = docKeys.get(c.documentKey());
            if (key != null) {
                corpus.putIfAbsent(key, new CorpusRecord(key, c.origin()));
            }
        }
    }

    void addByQueryText(List<JudgmentRecord> list) {
        byQueryText.addAll(list);
    }

    /**
     * {@code merged} followed by those of {@code added} whose text it lacks, each under a free key; records in
     * {@code keyMap} the key each of {@code added} has now.
     */
    private List<VariantRecord> variants(List<VariantRecord> added, List<VariantRecord> merged,
                                         Map<String, String> keyMap) {
        List<VariantRecord> out = new ArrayList<>(merged);
        Map<String, String> keyByText = new HashMap<>();
        merged.forEach(v -> keyByText.put(v.text().strip(), v.key()));
        for (VariantRecord v : added) {
            String same = keyByText.get(v.text().strip());
            if (same != null) {
                keyMap.put(v.key(), same);
                continue;
            }
            String key = free(v.key(), variantKeys);
            variantKeys.add(key);
            keyMap.put(v.key(), key);
            keyByText.put(v.text().strip(), key);
            out.add(new VariantRecord(key, v.text(), v.createdAt(), v.origin()));
        }
        return out;
    }

    private String documentKey(DocumentRecord d) {
        List<DocumentRecord> same = documentsById.get(d.id());
        if (same != null) {
            for (DocumentRecord e : same) {
                if (e.text().equals(d.text()) && Objects.equals(e.title(), d.title())) {
                    return e.key();
                }
            }
        }
        String key = free(d.key(), documents.keySet());
        DocumentRecord merged = new DocumentRecord(key, d.id(), d.title(), d.text());
        documents.put(key, merged);
        documentsById.computeIfAbsent(d.id(), k -> new ArrayList<>(1)).add(merged);
        return key;
    }

    private static String free(String key, Set<String> used) {
        String k = key;
        for (int n = 2; used.contains(k); n++) {
            k = key + "#" + n;
        }
        return k;
    }

    /** The key of the candidate of {@code queryId} whose document has id {@code docId}, if exactly one. */
    private String candidateById(String queryId, String docId) {
        QueryRecord q = queries.get(queryId);
        if (q == null) {
            return null;
        }
        String found = null;
        for (CandidateRecord c : q.candidates()) {
            if (documents.get(c.documentKey()).id().equals(docId)) {
                if (found != null) {
                    return null;
                }
                found = c.documentKey();
            }
        }
        return found;
    }

    /** The merged data; judgments by query text that match no (or several) merged queries are left in the list. */
    ProjectData result(List<JudgmentRecord> unresolvedByText) {
        List<JudgmentRecord> all = new ArrayList<>(judgments.size());
        for (int i = 0; i < judgments.size(); i++) {
            JudgmentRecord j = judgments.get(i);
            if (byDocumentId.contains(i)) {
                String key = candidateById(j.queryId(), j.documentKey());
                if (key != null) {
                    j = withQueryAndDoc(j, j.queryId(), key);
                }
            }
            all.add(j);
        }
        Map<String, List<String>> idsByText = new HashMap<>();
        for (QueryRecord q : queries.values()) {
            idsByText.computeIfAbsent(q.text().strip(), t -> new ArrayList<>(1)).add(q.id());
        }
        for (JudgmentRecord j : byQueryText) {
            List<String> ids = idsByText.get(j.queryId());
            if (ids != null && ids.size() == 1) {
                String key = candidateById(ids.get(0), j.documentKey());
                all.add(withQueryAndDoc(j, ids.get(0), key != null ? key : j.documentKey()));
            } else {
                unresolvedByText.add(j);
            }
        }
        if (!maybeOrphaned.isEmpty()) {
            Set<String> used = new HashSet<>();
            queries.values().forEach(q -> q.candidates().forEach(c -> used.add(c.documentKey())));
            runs.values().forEach(r -> r.scores().forEach(sc -> used.add(sc.documentKey())));
            all.forEach(j -> used.add(j.documentKey()));
            used.addAll(corpus.keySet());
            maybeOrphaned.removeAll(used);
            documents.keySet().removeAll(maybeOrphaned);
        }
        return new ProjectData(new ArrayList<>(queries.values()), new ArrayList<>(documents.values()),
                new ArrayList<>(sessions.values()), new ArrayList<>(runs.values()), all,
                new ArrayList<>(corpus.values()));
    }

    private static JudgmentRecord withQueryAndDoc(JudgmentRecord j, String queryId, String docKey) {
        return new JudgmentRecord(queryId, docKey, j.grade(), j.annotator(), j.sessionKey(), j.createdAt(), j.note(),
                j.origin());
    }

    /** The line a query was read at (its {@code file:line} origin), 0 when it has none. */
    private static long line(QueryRecord q) {
        String origin = q.origin();
        if (origin == null || origin.lastIndexOf(':') < 0) {
            return 0;
        }
        try {
            return Long.parseLong(origin.substring(origin.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "runs.tsv:12" where the other query was read, else the file's name. */
    private static String where(QueryRecord q, Path source) {
        return q.origin() != null ? q.origin() : TrecRunImport.name(source);
    }
}
