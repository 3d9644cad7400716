package io.rerankworkbench.app;

import io.rerankworkbench.app.EvaluationService.QueryData;
import io.rerankworkbench.app.EvaluationService.Ranker;
import io.rerankworkbench.app.EvaluationService.Snapshot;
import io.rerankworkbench.eval.metrics.Scored;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.store.Judgment;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what {@link EvaluationService#load} evaluates: every judged query with its candidates, judgments, the newest
 * completed run of each ranker, and the same for each of its variants (a variant is judged by its query's grades).
 * Blocks on the database.
 */
final class EvaluationLoader {

    private final ProjectStore project;
    private final VariantRepository variantStore;
    /** The query's own rankers by "kind:model", oldest first. */
    private final Map<String, Ranker> rankers = new LinkedHashMap<>();
    /** Each variant number's rankers by "kind:model", oldest first. */
    private final Map<Integer, Map<String, Ranker>> variantRankers = new TreeMap<>();
    /** The kinds that made runs of each model, to tell two kinds of one model apart. */
    private final Map<String, Set<String>> kindsByModel = new HashMap<>();

    private EvaluationLoader(ProjectStore project) {
        this.project = project;
        this.variantStore = new VariantRepository(project);
    }

    /** See {@link EvaluationService#load}. */
    static Snapshot load(ProjectStore project, CancellationToken cancel) {
        return new EvaluationLoader(project).read(cancel);
    }

    private Snapshot read(CancellationToken cancel) {
        List<QueryData> queries = new ArrayList<>();
        Set<String> annotators = new LinkedHashSet<>();
        int ungraded = 0;
        for (StoredQuery q : project.listQueries()) {
            if (cancel != null && cancel.isCancelled()) {
                throw new CancelledException();
            }
            List<Judgment> judgments = project.judgments(q.id());
            if (judgments.isEmpty()) {
                ungraded++;
                continue;
            }
            judgments.forEach(j -> annotators.add(GradeChoice.name(j)));
            List<StoredCandidate> candidates = new ArrayList<>(project.candidates(q.id()));
            candidates.sort((a, b) -> Integer.compare(a.candidate().originalRank(), b.candidate().originalRank()));
            Map<Long, String> docIds = new HashMap<>();
            List<String> ids = new ArrayList<>(candidates.size());
            for (StoredCandidate c : candidates) {
                docIds.put(c.documentId(), c.candidate().docId());
                ids.add(c.candidate().docId());
            }
            Map<RankingRef, List<Scored>> runs = new LinkedHashMap<>();
            add(project.runs(q.id()), 0, rankers, runs);
            Map<Integer, String> variants = new TreeMap<>();
            for (StoredVariant v : variantStore.list(q.id())) {
                variants.put(v.number(), v.text());
                add(variantStore.runs(v.id()), v.number(),
                        variantRankers.computeIfAbsent(v.number(), n -> new LinkedHashMap<>()), runs);
            }
            runs.put(RankingRef.ORIGINAL, EvaluationService.givenOrder(ids));
            queries.add(new QueryData(q.externalId(), q.text(), ids, judgments, docIds, runs, variants));
        }
        List<Ranker> out = new ArrayList<>();
        rankers.values().forEach(r -> out.add(named(r)));
        variantRankers.values().forEach(m -> m.values().forEach(r -> out.add(named(r))));
        if (!queries.isEmpty()) {
            out.add(new Ranker(RankingRef.ORIGINAL, CompareService.ORIGINAL_LABEL));
        }
        return new Snapshot(queries, out, new ArrayList<>(annotators), ungraded);
    }

    /**
     * Takes each completed run of {@code stored} (oldest first: a newer run of the same ranker replaces it) into
     * {@code runs}, noting its ranker.
     *
     * @param variant the variant's number, 0 for the query's own runs
     */
    private void add(List<StoredRun> stored, int variant, Map<String, Ranker> known,
                     Map<RankingRef, List<Scored>> runs) {
        for (StoredRun run : stored) {
            if (run.status() != RunStatus.COMPLETED) {
                continue;
            }
            String kind = run.ranking().ranker();
            String model = run.ranking().model();
            RankingRef ref = variant == 0 ? RankingRef.system(kind, model) : RankingRef.variant(variant, kind, model);
            kindsByModel.computeIfAbsent(model, m -> new LinkedHashSet<>()).add(kind);
            known.putIfAbsent(kind + ":" + model, new Ranker(ref, ref.label()));
            runs.remove(ref);
            runs.put(ref, EvaluationService.scored(run.ranking().results()));
        }
    }

    /** "model", "kind:model" where two kinds share the model; "v1 · model", "v1 · kind:model" for a variant's. */
    private Ranker named(Ranker r) {
        String kind;
        String model;
        String prefix = "";
        if (r.ref() instanceof RankingRef.ByVariant v) {
            kind = v.rankerKind();
            model = v.model();
            prefix = "v" + v.variant() + " · ";
        } else {
            RankingRef.ByRanker b = (RankingRef.ByRanker) r.ref();
            kind = b.rankerKind();
            model = b.model();
        }
        return new Ranker(r.ref(), prefix + (kindsByModel.get(model).size() > 1 ? kind + ":" + model : model));
    }
}
