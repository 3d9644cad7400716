package io.rerankworkbench.cli;

import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.eval.metrics.Conventions;
import io.rerankworkbench.eval.metrics.Evaluator;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.eval.metrics.Scored;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoreException;
import io.rerankworkbench.store.StoredQuery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code eval PROJECT.rwb --runs A,B…}: a project's runs against its own grades (each document's newest grade, as
 * the window shows it), the rankings named as {@code compare --runs} names them. A query counts when it has grades;
 * a ranking is evaluated on the queries where it resolves (the others are missing from it, as for a run file).
 */
final class EvalProject {

    private EvalProject() {
    }

    static List<EvalOutput.RunEvaluation> evaluate(Path project, List<String> names, List<MeasureSpec> specs,
                                                   Conventions conventions) throws CliException {
        List<RankingRef> refs = new ArrayList<>();
        for (String name : names) {
            try {
                refs.add(RankingRef.parse(name));
            } catch (IllegalArgumentException e) {
                throw new CliException(Cli.EXIT_USAGE, "--runs: " + e.getMessage());
            }
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<Map<String, List<Scored>>> runs = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            runs.add(new LinkedHashMap<>());
        }
        try (ProjectStore store = ProjectStore.open(project)) {
            CompareService service = new CompareService(() -> store);
            for (StoredQuery q : store.listQueries()) {
                Optional<CompareService.QueryRankings> rankings = service.rankings(q.id());
                if (rankings.isEmpty() || rankings.get().grades().isEmpty()) {
                    continue;
                }
                qrels.put(q.externalId(), rankings.get().grades());
                for (int i = 0; i < refs.size(); i++) {
                    Optional<CompareService.Side> side = CompareService.resolve(rankings.get(), refs.get(i));
                    if (side.isPresent()) {
                        List<Scored> docs = new ArrayList<>();
                        for (ScoredCandidate c : side.get().ranking().results()) {
                            docs.add(new Scored(c.candidate().docId(), c.score()));
                        }
                        runs.get(i).put(q.externalId(), docs);
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
            throw new CliException(Cli.EXIT_USAGE, project + " has no grades to evaluate against (label queries "
                    + "first)");
        }
        List<EvalOutput.RunEvaluation> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            if (runs.get(i).isEmpty()) {
                throw new CliException(Cli.EXIT_USAGE, "none of the " + qrels.size() + " graded queries of "
                        + project + " has " + names.get(i).strip() + " (see 'project runs " + project + "')");
            }
            out.add(new EvalOutput.RunEvaluation(refs.get(i).label(),
                    Evaluator.evaluate(runs.get(i), qrels, specs, conventions)));
        }
        return out;
    }
}
