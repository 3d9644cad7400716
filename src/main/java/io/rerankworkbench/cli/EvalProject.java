package io.rerankworkbench.cli;

import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.EvaluationService;
import io.rerankworkbench.app.GradeChoice;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Evaluator;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Scored;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoreException;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code eval PROJECT.rwb [--runs A,B…] [--grades …]}: a project's runs against its own grades (by default each
 * document's newest grade, as the window shows it), the rankings named as {@code compare --runs} names them; without
 * {@code --runs}, every ranker with a completed run of a graded query, then the original order — the rows of the
 * Evaluate panel, the query variants' rankers among them. A query counts when it has a grade under the chosen rule; a
 * ranking is evaluated on the queries where it resolves (the others are missing from it, as for a run file); a
 * variant's ranking ({@code v1:MODEL}, {@code v1.2}) is judged by its query's grades, and only on the queries that
 * have that variant (with {@code -c}, a query without it does not count 0).
 */
final class EvalProject {

    private EvalProject() {
    }

    static List<EvalOutput.RunEvaluation> evaluate(Path project, List<String> names, GradeChoice grades,
                                                   List<MeasureSpec> specs, Conventions conventions)
            throws CliException {
        List<RankingRef> refs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            try {
                RankingRef ref = RankingRef.parse(name);
                refs.add(ref);
                labels.add(ref.label());
            } catch (IllegalArgumentException e) {
                throw new CliException(Cli.EXIT_USAGE, "--runs: " + e.getMessage());
            }
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<Map<String, List<Scored>>> runs = new ArrayList<>();
        // per ranking, the judgments of the queries it can rank (a variant's: the queries that have the variant)
        List<Map<String, Map<String, Integer>>> judged = new ArrayList<>();
        try (ProjectStore store = ProjectStore.open(project)) {
            if (refs.isEmpty()) {
                for (EvaluationService.Ranker r : new EvaluationService(() -> store).load(CancellationToken.NONE)
                        .rankers()) {
                    refs.add(r.ref());
                    labels.add(r.label());
                }
            }
            for (int i = 0; i < refs.size(); i++) {
                runs.add(new LinkedHashMap<>());
                judged.add(variant(refs.get(i)) > 0 ? new LinkedHashMap<>() : qrels);
            }
            CompareService service = new CompareService(() -> store);
            for (StoredQuery q : store.listQueries()) {
                Optional<CompareService.QueryRankings> rankings = service.rankings(q.id());
                if (rankings.isEmpty()) {
                    continue;
                }
                Map<Long, String> docIds = new HashMap<>();
                List<String> given = new ArrayList<>();
                for (StoredCandidate c : rankings.get().candidates()) {
                    docIds.put(c.documentId(), c.candidate().docId());
                }
                rankings.get().candidates().stream()
                        .sorted((a, b) -> Integer.compare(a.candidate().originalRank(), b.candidate().originalRank()))
                        .forEach(c -> given.add(c.candidate().docId()));
                Map<String, Integer> graded = grades.grades(store.judgments(q.id()), docIds);
                if (graded.isEmpty()) {
                    continue;
                }
                qrels.put(q.externalId(), graded);
                for (int i = 0; i < refs.size(); i++) {
                    int variant = variant(refs.get(i));
                    if (variant > 0 && rankings.get().variant(variant).isPresent()) {
                        judged.get(i).put(q.externalId(), graded);
                    }
                    if (refs.get(i) == RankingRef.ORIGINAL) {
                        runs.get(i).put(q.externalId(), EvaluationService.givenOrder(given));
                        continue;
                    }
                    Optional<CompareService.Side> side = CompareService.resolve(rankings.get(), refs.get(i));
                    if (side.isPresent()) {
                        runs.get(i).put(q.externalId(), EvaluationService.scored(side.get().ranking().results()));
                    }
                }
            }
        } catch (ProjectOpenException e) {
            throw new CliException(Cli.EXIT_USAGE, e.getMessage());
        } catch (StoreException e) {
            throw new CliException(Cli.EXIT_FAILURE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, project + ": could not be closed: " + e.getMessage());
        }
        if (qrels.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, project + " has no grades to evaluate against"
                    + (grades.annotator() != null ? " from " + grades.label() + " (check --grades)"
                    : " (label queries first)"));
        }
        if (refs.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, project + " has no runs of its graded queries (see 'project "
                    + "rerank')");
        }
        List<EvalOutput.RunEvaluation> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            if (runs.get(i).isEmpty()) {
                throw new CliException(Cli.EXIT_USAGE, "none of the " + qrels.size() + " graded queries of "
                        + project + " has " + labels.get(i) + " (see 'project runs " + project + "')");
            }
            out.add(new EvalOutput.RunEvaluation(labels.get(i),
                    Evaluator.evaluate(runs.get(i), judged.get(i), specs, conventions)));
        }
        return out;
    }

    /** The variant a reference ranks for, 0 for the query's own text. */
    private static int variant(RankingRef ref) {
        if (ref instanceof RankingRef.ByVariant v) {
            return v.variant();
        }
        return ref instanceof RankingRef.VariantRun v ? v.variant() : 0;
    }
}
