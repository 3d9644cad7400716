package io.rerankworkbench.testing;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.SessionRecord;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.ProjectWriter;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.WriteReport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A small project with a bit of everything, made through the store's own API (queries, candidates, runs) and the
 * project writer (labeling sessions with their queries, judgments): a query whose text is a formula, candidates
 * with and without first-stage scores and titles, a document shared by two queries, pasted documents numbered 1, 2,
 * runs with probabilities, chunks, truncation, params and usage, a failed run, two annotators with regrades and
 * notes, and a query nobody ran.
 */
public final class SampleProject {

    public static final Instant T0 = Instant.parse("2026-11-20T09:00:00.123456Z");

    private SampleProject() {
    }

    /** Creates {@code file} with the sample content and closes it. */
    public static void create(Path file) throws ProjectOpenException, java.io.IOException {
        try (ProjectStore store = ProjectStore.create(file)) {
            fill(store);
        }
    }

    public static void fill(ProjectStore store) {
        long q1 = store.addQuery("q1", "capital of france").id();
        long q2 = store.addQuery("q2", "=cmd|' /C calc'!A0").id();
        store.addQuery("q3", "nobody ran this");
        store.addCandidates(q1, List.of(
                new NewCandidate(1, "paris", "Paris", "Paris is the capital of France.", 12.5),
                new NewCandidate(2, "lyon", null, "Lyon, \"the\" second city,\nhas a river.", Double.NaN),
                new NewCandidate(3, "d 3", "Spaced", "-1 is a number", 3.25)), ImportProgress.NONE);
        store.addCandidates(q2, List.of(
                new NewCandidate(1, "paris", "Paris", "Paris is the capital of France.", 1.0),
                new NewCandidate(2, "1", "pasted one"),
                new NewCandidate(3, "2", "@pasted two")), ImportProgress.NONE);

        List<Candidate> c1 = store.candidates(q1).stream().map(StoredCandidate::candidate).toList();
        Ranking first = new Ranking(new Query("q1", "capital of france"), Ranking.rank(c1, List.of(
                new DocumentScore(8.61, 0.9998, 0, null),
                new DocumentScore(-2.5, 0.07, 17, null),
                new DocumentScore(0.125, Double.NaN, 0, new TextSpan(40, 96)))),
                "cross-encoder", "ms-marco-MiniLM-L-6-v2", Duration.ofNanos(41_234_567));
        store.recordRun(q1, first, "{\"long_documents\":\"chunk\",\"overlap\":32,\"weights\":[0.5,1.25]}", null,
                T0.plusSeconds(60), T0.plusSeconds(61), RunStatus.COMPLETED);
        Ranking second = new Ranking(new Query("q1", "capital of france"), Ranking.rank(c1, List.of(
                new DocumentScore(0.2, Double.NaN, 0, null),
                new DocumentScore(0.9, Double.NaN, 0, null),
                new DocumentScore(0.4, Double.NaN, 0, null))),
                "cohere", "rerank v3.5", Duration.ofMillis(350));
        store.recordRun(q1, second, "{\"top_n\":null}", "{\"billed_units\":{\"search_units\":1}}",
                T0.plusSeconds(120), T0.plusSeconds(121), RunStatus.COMPLETED);
        List<Candidate> c2 = store.candidates(q2).stream().map(StoredCandidate::candidate).toList();
        Ranking failed = new Ranking(new Query("q2", "=cmd|' /C calc'!A0"), Ranking.rank(c2.subList(0, 1),
                List.of(new DocumentScore(1.5, Double.NaN, 0, null))), "jina", "jina-reranker-v2",
                Duration.ZERO);
        store.recordRun(q2, failed, null, null, T0.plusSeconds(180), null, RunStatus.FAILED);

        String scale = "{\"name\":\"graded 0-3\",\"ordinal\":true,\"levels\":[{\"grade\":0,\"label\":\"not relevant\"},"
                + "{\"grade\":1,\"label\":\"related\"},{\"grade\":2,\"label\":\"relevant\"},"
                + "{\"grade\":3,\"label\":\"highly relevant\"}]}";
        ProjectData labels = new ProjectData(List.of(), List.of(), List.of(
                new SessionRecord("s1", "first pass", scale, "ana", 42, true, T0.plusSeconds(200),
                        List.of("q2", "q1")),
                new SessionRecord("s2", "second opinion", "{\"name\":\"binary\",\"ordinal\":true,\"levels\":[]}",
                        null, -7, false, T0.plusSeconds(300), List.of("q1"))),
                List.of(), List.of(
                new JudgmentRecord("q1", "paris", 3, "ana", "s1", T0.plusSeconds(210), "clearly on topic", null),
                new JudgmentRecord("q1", "lyon", 1, "ana", "s1", T0.plusSeconds(211), null, null),
                new JudgmentRecord("q1", "paris", 2, "bob", "s2", T0.plusSeconds(310), "meh", null),
                new JudgmentRecord("q1", "lyon", 0, "ana", "s1", T0.plusSeconds(320), "regraded: wrong city", null),
                new JudgmentRecord("q2", "1", 2, "bob", null, T0.plusSeconds(330), null, null),
                new JudgmentRecord("q1", "d 3", 1, null, null, T0.plusSeconds(340), "no annotator", null)));
        WriteReport report = ProjectWriter.write(store, labels, ImportProgress.NONE);
        if (!report.written()) {
            throw new IllegalStateException("sample labels refused: " + report.problems());
        }
    }
}
