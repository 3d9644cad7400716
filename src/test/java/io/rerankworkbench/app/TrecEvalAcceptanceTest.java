package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.io.exports.ExportFormat;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.eval.metrics.MeasureSpec;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.QuerySummary;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The TREC run and qrels the app exports are read by trec_eval itself (the reference C program, run from the
 * jtreceval artifact), and its nDCG@10 matches the value computed here from the same grades and ranking.
 */
class TrecEvalAcceptanceTest {

    @TempDir
    Path tmp;

    @Test
    void trecEvalReadsTheExportedRunAndQrelsOfTheSampleProject() throws Exception {
        Assumptions.assumeTrue(trec_eval.isPlatformSupported(), "no trec_eval binary for this platform");
        Path bundle = tmp.resolve("home-cooking.rwb.json");
        try (var in = getClass().getResourceAsStream("/io/rerankworkbench/samples/home-cooking/home-cooking.rwb.json")) {
            Files.copy(in, bundle);
        }
        ProjectTransferService transfers = new ProjectTransferService(ImportSources.parsers());
        Path run = tmp.resolve("run.trec");
        Path qrels = tmp.resolve("qrels.txt");
        Map<String, Double> expectedNdcg = new HashMap<>();
        try (ProjectStore store = ProjectStore.create(tmp.resolve("p.rwb"))) {
            assertThat(transfers.importInto(store, List.of(bundle), ProjectTransferService.ImportSettings.DEFAULT,
                    (d, t) -> { }, () -> false).written()).isTrue();
            for (QuerySummary q : store.querySummaries()) {
                // A stand-in ranker: the first-stage order reversed, so the run differs from the candidate order.
                List<StoredCandidate> stored = store.candidates(q.query().id());
                List<Candidate> candidates = stored.stream().map(StoredCandidate::candidate).toList();
                double[] scores = new double[candidates.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = candidates.get(i).originalRank() / 100.0;
                }
                Ranking ranking = new Ranking(q.query().toQuery(),
                        Ranking.rank(candidates, scores, new int[scores.length]), "test", "reversed",
                        Duration.ofMillis(3));
                store.recordRun(q.query().id(), ranking, null, null, Instant.now(), Instant.now(),
                        RunStatus.COMPLETED);
                if (q.judgedDocuments() > 0) {
                    expectedNdcg.put(q.query().externalId(), ndcgAt10(store, q, ranking));
                }
            }
            transfers.export(store, null, ExportFormat.TREC, run, ExportOptions.DEFAULT);
            transfers.export(store, null, ExportFormat.QRELS, qrels, ExportOptions.DEFAULT);
        }

        trec_eval te = new trec_eval();
        String[][] out = te.runAndGetOutput(new String[]{"-q", "-m", "num_q", "-m", "num_ret", "-m", "ndcg_cut.10",
                qrels.toString(), run.toString()});
        assertThat(te.getLastExitCode()).isZero();
        Map<String, String> all = new HashMap<>();
        Map<String, Double> perQuery = new HashMap<>();
        for (String[] row : out) {
            if (row.length < 3) {
                continue;
            }
            if (row[1].equals("all")) {
                all.put(row[0], row[2]);
            } else if (row[0].equals("ndcg_cut_10")) {
                perQuery.put(row[1], Double.parseDouble(row[2]));
            }
        }
        assertThat(all.get("num_q")).isEqualTo("7"); // the judged queries (q08–q10 have no grades)
        assertThat(perQuery.keySet()).isEqualTo(expectedNdcg.keySet());
        for (var e : expectedNdcg.entrySet()) {
            assertThat(perQuery.get(e.getKey())).as(e.getKey()).isCloseTo(e.getValue(), within(1e-4));
        }
    }

    /**
     * The Evaluate panel's numbers (EvaluationService over the project) are trec_eval's on the run and qrels the
     * project exports, per query and over the queries, for every measure they share.
     */
    @Test
    void theEvaluatePanelAgreesWithTrecEvalOnTheExportedFiles() throws Exception {
        Assumptions.assumeTrue(trec_eval.isPlatformSupported(), "no trec_eval binary for this platform");
        Path bundle = tmp.resolve("home-cooking.rwb.json");
        try (var in = getClass().getResourceAsStream("/io/rerankworkbench/samples/home-cooking/home-cooking.rwb.json")) {
            Files.copy(in, bundle);
        }
        ProjectTransferService transfers = new ProjectTransferService(ImportSources.parsers());
        Path run = tmp.resolve("run.trec");
        Path qrels = tmp.resolve("qrels.txt");
        EvaluationService.Report report;
        try (ProjectStore store = ProjectStore.create(tmp.resolve("panel.rwb"))) {
            transfers.importInto(store, List.of(bundle), ProjectTransferService.ImportSettings.DEFAULT, (d, t) -> { },
                    () -> false);
            Random random = new Random(3);
            for (QuerySummary q : store.querySummaries()) {
                List<Candidate> candidates = store.candidates(q.query().id()).stream()
                        .map(StoredCandidate::candidate).toList();
                double[] scores = new double[candidates.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = Math.round(random.nextDouble() * 20) / 20.0; // coarse: many ties
                }
                Ranking ranking = new Ranking(q.query().toQuery(),
                        Ranking.rank(candidates, scores, new int[scores.length]), "test", "coarse",
                        Duration.ofMillis(3));
                store.recordRun(q.query().id(), ranking, null, null, Instant.now(), Instant.now(),
                        RunStatus.COMPLETED);
            }
            EvaluationService.Snapshot snapshot = new EvaluationService(() -> store)
                    .load(CancellationToken.NONE);
            report = EvaluationService.evaluate(snapshot, EvaluationService.Request.defaults(snapshot),
                    CancellationToken.NONE);
            transfers.export(store, null, ExportFormat.TREC, run, ExportOptions.DEFAULT);
            transfers.export(store, null, ExportFormat.QRELS, qrels, ExportOptions.DEFAULT);
        }
        trec_eval te = new trec_eval();
        String[][] out = te.runAndGetOutput(new String[]{"-q", "-m", "map", "-m", "recip_rank", "-m", "P.10", "-m",
                "recall.10", "-m", "ndcg_cut.10", "-m", "map_cut.10", "-m", "success.10", qrels.toString(),
                run.toString()});
        assertThat(te.getLastExitCode()).isZero();
        EvaluationService.RankerResult coarse = report.results().get(0);
        assertThat(coarse.ranker().label()).isEqualTo("coarse");
        int compared = 0;
        for (String[] row : out) {
            if (row.length < 3 || row[0].equals("runid")) {
                continue;
            }
            MeasureSpec spec = report.metrics().stream().map(m -> m.spec())
                    .filter(m -> m.trecName().equals(row[0])).findFirst().orElseThrow();
            double ours = row[1].equals("all") ? coarse.evaluation().all(spec)
                    : coarse.evaluation().value(row[1], spec);
            assertThat(ours).as(row[0] + " " + row[1]).isCloseTo(Double.parseDouble(row[2]), within(1e-4));
            compared++;
        }
        assertThat(compared).isEqualTo(7 * 8); // 7 graded queries and all, 7 measures
    }

    /** nDCG@10 as trec_eval defines it: gain = grade, discount log2(rank + 1), ideal from all judged documents. */
    private static double ndcgAt10(ProjectStore store, QuerySummary q, Ranking ranking) {
        Map<Long, Integer> newest = new HashMap<>();
        store.judgments(q.query().id()).forEach(j -> newest.put(j.documentId(), j.grade()));
        Map<String, Integer> byDoc = new HashMap<>();
        for (StoredCandidate c : store.candidates(q.query().id())) {
            if (newest.containsKey(c.documentId())) {
                byDoc.put(c.candidate().docId(), newest.get(c.documentId()));
            }
        }
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranking.results().size()); i++) {
            int gain = byDoc.getOrDefault(ranking.results().get(i).candidate().docId(), 0);
            dcg += gain / (Math.log(i + 2) / Math.log(2));
        }
        List<Integer> ideal = new ArrayList<>(byDoc.values());
        ideal.sort((a, b) -> b - a);
        double idcg = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) {
            idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }
}
