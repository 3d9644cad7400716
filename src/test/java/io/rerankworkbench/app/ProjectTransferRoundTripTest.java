package io.rerankworkbench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.app.ProjectTransferService.ImportOutcome;
import io.rerankworkbench.app.ProjectTransferService.ImportSettings;
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
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.DocumentScore;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.io.exports.ExportFormat;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.CancelledException;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.CorpusRepository.NewDocument;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectReader;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredCandidate;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.store.StoredRun;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import io.rerankworkbench.testing.SampleProject;
import io.rerankworkbench.testing.StrictBundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Project → bundle → new project: every field survives; only internal keys may differ. */
class ProjectTransferRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ProjectTransferService service = new ProjectTransferService(
            (sources, settings) -> StrictBundleReader.read(sources.get(0)), CLOCK);

    @Test
    void everyFieldSurvivesABundleRoundTrip() throws Exception {
        Path source = dir.resolve("source.rwb");
        SampleProject.create(source);
        Path bundle = dir.resolve("bundle.json");
        service.export(source, null, ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);

        Path target = dir.resolve("target.rwb");
        ImportOutcome outcome = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.written()).isTrue();
        assertThat(outcome.summary()).isEqualTo("3 queries, 5 documents, 6 candidates, 3 runs, "
                + "2 labeling sessions, 6 judgments; 0 rows skipped");

        ProjectData before = read(source);
        ProjectData after = read(target);
        assertThat(normalize(after)).isEqualTo(normalize(before));
        // and the sample really has what the round trip is meant to prove
        assertThat(before.queries()).hasSize(3);
        assertThat(before.queries().get(0).candidates()).extracting(CandidateRecord::firstStageScore)
                .anyMatch(s -> Double.isNaN(s)).anyMatch(s -> s == 12.5);
        assertThat(before.runs()).anyMatch(r -> r.scores().stream().anyMatch(RunScoreRecord::chunked))
                .anyMatch(r -> r.scores().stream().anyMatch(s -> s.tokensDropped() > 0))
                .anyMatch(r -> r.usageJson() != null).anyMatch(r -> "failed".equals(r.status()))
                .anyMatch(r -> r.finishedAt() == null);
        assertThat(before.sessions()).extracting(SessionRecord::queryIds)
                .containsExactly(List.of("q2", "q1"), List.of("q1"));
        assertThat(before.judgments()).extracting(JudgmentRecord::annotator).contains("ana", "bob", null);

        // Exporting the copy gives the same bytes: keys, order and numbers are stable.
        Path again = dir.resolve("again.json");
        service.export(target, null, ExportFormat.BUNDLE, again, ExportOptions.DEFAULT);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(bundle));
    }

    @Test
    void aSelectionRoundTripsIntoAnExistingProject() throws Exception {
        Path source = dir.resolve("source.rwb");
        SampleProject.create(source);
        Path bundle = dir.resolve("q2.json");
        service.export(source, List.of("q2"), ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);

        Path target = dir.resolve("target.rwb");
        try (ProjectStore store = ProjectStore.create(target)) {
            store.addQuery("other", "already here");
        }
        ImportOutcome outcome = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(outcome.written()).isTrue();
        ProjectData after = read(target);
        assertThat(after.queries()).extracting(QueryRecord::id).containsExactly("other", "q2");
        assertThat(after.sessions()).extracting(SessionRecord::name).containsExactly("first pass");
        assertThat(after.sessions().get(0).queryIds()).containsExactly("q2");
        assertThat(after.judgments()).singleElement().extracting(JudgmentRecord::grade).isEqualTo(2);

        // the same bundle again: every candidate is already there, so nothing is written
        ImportOutcome twice = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(twice.written()).isFalse();
        assertThat(twice.problems()).extracting(Object::toString)
                .contains("q2.json: query q2: document paris is already a candidate of this query in the project");
        assertThat(read(target)).isEqualTo(after);
    }

    @Test
    void problemsOfTheSourcesStopTheImportAndLeaveNoNewProject() throws Exception {
        ProjectTransferService failing = new ProjectTransferService((sources, settings) ->
                new io.rerankworkbench.io.imports.ImportResult(ProjectData.empty(), List.of(
                        new io.rerankworkbench.io.imports.ImportProblem(sources.get(0), 3, "expected 4 fields")), 0));
        Path target = dir.resolve("new.rwb");
        Path src = Files.writeString(dir.resolve("qrels.txt"), "x");
        ImportOutcome outcome = failing.importInto(target, List.of(src), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(outcome.written()).isFalse();
        assertThat(outcome.problems()).extracting(Object::toString).containsExactly("qrels.txt:3: expected 4 fields");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("new.rwb.lock")).doesNotExist();
    }

    @Test
    void aCancelDuringTheWriteLeavesNothing() throws Exception {
        Path source = dir.resolve("source.rwb");
        SampleProject.create(source);
        Path bundle = dir.resolve("bundle.json");
        service.export(source, null, ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        Path target = dir.resolve("target.rwb");
        try (ProjectStore store = ProjectStore.create(target)) {
            store.addQuery("keep", "me");
        }
        boolean[] cancelled = {false};
        assertThatThrownBy(() -> service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                (done, total) -> cancelled[0] = true, () -> cancelled[0]))
                .isInstanceOf(CancelledException.class);
        assertThat(read(target).queries()).extracting(QueryRecord::id).containsExactly("keep");
    }

    /**
     * The sample project with a corpus of four documents: two that are also candidates (paris of q1 and q2, lyon of
     * q1: the corpus shares their rows, and their grades) and two that are no query's candidate.
     */
    private Path sampleWithCorpus() throws Exception {
        Path source = dir.resolve("source.rwb");
        SampleProject.create(source);
        try (ProjectStore store = ProjectStore.open(source)) {
            new CorpusRepository(store).add(List.of(
                    new NewDocument("berlin", "Berlin", "Berlin is the capital of Germany."),
                    new NewDocument("paris", "Paris", "Paris is the capital of France."),
                    new NewDocument("rome", null, "Rome has seven hills.\nAnd a river."),
                    new NewDocument("lyon", null, "Lyon, \"the\" second city,\nhas a river.")), ImportProgress.NONE);
        }
        return source;
    }

    private static List<List<String>> corpus(Path file) throws Exception {
        try (ProjectStore store = ProjectStore.open(file)) {
            return new CorpusRepository(store).all().stream()
                    .map(e -> java.util.Arrays.asList(e.id(), e.title(), e.text())).toList();
        }
    }

    /**
     * The sample project with variants: q1 has two (the first with two runs, one made between the query's own runs
     * so that the two kinds interleave in the file; the second with none), q3 one with no runs.
     */
    private Path sampleWithVariants() throws Exception {
        Path source = dir.resolve("source.rwb");
        SampleProject.create(source);
        try (ProjectStore store = ProjectStore.open(source)) {
            VariantRepository variants = new VariantRepository(store);
            StoredQuery q1 = store.listQueries().get(0);
            StoredVariant french = variants.add(q1.id(), "french capital");
            variants.add(q1.id(), "seat of the \"french\" government\nsecond line");
            variants.add(store.listQueries().get(2).id(), "nobody ran this either");
            List<Candidate> cands = store.candidates(q1.id()).stream().map(StoredCandidate::candidate).toList();
            Ranking one = new Ranking(french.toQuery(q1), Ranking.rank(cands, List.of(
                    new DocumentScore(0.71, Double.NaN, 0, null), new DocumentScore(0.1, Double.NaN, 3, null),
                    new DocumentScore(-0.25, 0.5, 0, new TextSpan(2, 9)))), "bi-encoder", "all-MiniLM-L6-v2",
                    Duration.ofNanos(3_100_001));
            variants.recordRun(french.id(), one, "{\"pooling\":\"mean\"}", null, SampleProject.T0.plusSeconds(500),
                    SampleProject.T0.plusSeconds(501), RunStatus.COMPLETED);
            Ranking own = new Ranking(q1.toQuery(), Ranking.rank(cands, List.of(
                    new DocumentScore(1, Double.NaN, 0, null), new DocumentScore(2, Double.NaN, 0, null),
                    new DocumentScore(3, Double.NaN, 0, null))), "bm25", "bm25", Duration.ofMillis(1));
            store.recordRun(q1.id(), own, null, null, null, null, RunStatus.COMPLETED);
            Ranking two = new Ranking(french.toQuery(q1), Ranking.rank(cands.subList(0, 1), List.of(
                    new DocumentScore(9, Double.NaN, 0, null))), "cohere", "rerank v3.5", Duration.ofMillis(300));
            variants.recordRun(french.id(), two, null, "{\"billed_units\":{\"search_units\":1}}", null, null,
                    RunStatus.CANCELLED);
        }
        return source;
    }

    @Test
    void variantsAndTheirRunsSurviveABundleRoundTrip() throws Exception {
        Path source = sampleWithVariants();
        Path bundle = dir.resolve("bundle.json");
        service.export(source, null, ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        JsonNode root = JSON.readTree(bundle.toFile());
        assertThat(root.get("version").intValue()).isEqualTo(3);
        assertThat(root.get("queries").get(0).get("variants")).hasSize(2);
        assertThat(root.get("queries").get(1).has("variants")).as("no empty array for a query without").isFalse();

        Path target = dir.resolve("target.rwb");
        ImportOutcome outcome = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.written()).isTrue();

        ProjectData before = read(source);
        ProjectData after = read(target);
        assertThat(normalize(after)).isEqualTo(normalize(before));
        assertThat(before.runs()).filteredOn(r -> r.variantKey() != null).hasSize(2);

        // what the app shows of them: the same variants, numbers, runs and scores
        try (ProjectStore a = ProjectStore.open(source); ProjectStore b = ProjectStore.open(target)) {
            VariantRepository va = new VariantRepository(a);
            VariantRepository vb = new VariantRepository(b);
            for (int i = 0; i < 3; i++) {
                long qa = a.listQueries().get(i).id();
                long qb = b.listQueries().get(i).id();
                assertThat(shown(b.runs(qb))).isEqualTo(shown(a.runs(qa)));
                List<StoredVariant> listA = va.list(qa);
                List<StoredVariant> listB = vb.list(qb);
                assertThat(listB).extracting(StoredVariant::number, StoredVariant::text, StoredVariant::createdAt)
                        .isEqualTo(listA.stream().map(v -> org.assertj.core.groups.Tuple.tuple(v.number(), v.text(),
                                v.createdAt())).toList());
                for (int k = 0; k < listA.size(); k++) {
                    assertThat(shown(vb.runs(listB.get(k).id()))).isEqualTo(shown(va.runs(listA.get(k).id())));
                }
            }
            assertThat(va.runs(va.list(a.listQueries().get(0).id()).get(0).id())).hasSize(2);
            assertThat(a.runs(a.listQueries().get(0).id())).hasSize(3);
        }

        // Exporting the copy gives the same bytes but for run keys: the source made q1's later runs after q2's run,
        // while an import writes runs query by query. From then on the bytes are stable.
        Path again = dir.resolve("again.json");
        service.export(target, null, ExportFormat.BUNDLE, again, ExportOptions.DEFAULT);
        assertThat(Files.readString(again).replaceAll("\"key\" : \"\\d+\",\\s+\"query\"", "RUN"))
                .isEqualTo(Files.readString(bundle).replaceAll("\"key\" : \"\\d+\",\\s+\"query\"", "RUN"));
        Path third = dir.resolve("third.rwb");
        assertThat(service.importInto(third, List.of(again), ImportSettings.DEFAULT, ImportProgress.NONE,
                CancellationToken.NONE).written()).isTrue();
        Path thirdBundle = dir.resolve("third.json");
        service.export(third, null, ExportFormat.BUNDLE, thirdBundle, ExportOptions.DEFAULT);
        assertThat(Files.readString(thirdBundle)).isEqualTo(Files.readString(again));
    }

    @Test
    void aBundleWithVariantsImportedAgainReusesTheVariantsOfTheSameText() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        service.export(sampleWithVariants(), List.of("q3"), ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        Path target = dir.resolve("target.rwb");
        try (ProjectStore store = ProjectStore.create(target)) {
            long q3 = store.addQuery("q3", "nobody ran this").id();
            new VariantRepository(store).add(q3, "nobody ran this either");
        }
        ImportOutcome outcome = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.written()).isTrue();
        try (ProjectStore store = ProjectStore.open(target)) {
            assertThat(new VariantRepository(store).list(store.listQueries().get(0).id()))
                    .extracting(StoredVariant::text).containsExactly("nobody ran this either");
        }
    }

    /** What the window shows of runs: number, ranker, model, status, and per document its id, score and rank. */
    private static List<Object> shown(List<StoredRun> runs) {
        List<Object> out = new ArrayList<>();
        for (StoredRun r : runs) {
            out.add(java.util.Arrays.asList(r.number(), r.ranking().query(), r.ranking().ranker(),
                    r.ranking().model(), r.status(), r.startedAt(), r.finishedAt(), r.paramsJson(), r.usageJson(),
                    r.ranking().results().stream().map(sc -> List.of(sc.candidate().docId(), bits(sc.score()),
                            bits(sc.probability()), sc.rank(), sc.tokensDropped(), String.valueOf(sc.bestChunk())))
                            .toList()));
        }
        return out;
    }

    @Test
    void theCorpusSurvivesABundleRoundTrip() throws Exception {
        Path source = sampleWithCorpus();
        List<List<String>> corpusBefore = corpus(source);
        assertThat(corpusBefore).extracting(e -> e.get(0)).containsExactly("paris", "lyon", "berlin", "rome");
        Path bundle = dir.resolve("bundle.json");
        service.export(source, null, ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        JsonNode root = JSON.readTree(bundle.toFile());
        assertThat(root.get("version").intValue()).isEqualTo(2);
        assertThat(root.get("corpus")).hasSize(4);

        Path target = dir.resolve("target.rwb");
        ImportOutcome outcome = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.summary()).isEqualTo("3 queries, 7 documents, 6 candidates, 3 runs, "
                + "2 labeling sessions, 6 judgments, 4 corpus documents; 0 rows skipped");

        // ids, titles, texts and order; and everything else as before
        assertThat(corpus(target)).isEqualTo(corpusBefore);
        ProjectData before = read(source);
        ProjectData after = read(target);
        assertThat(normalize(after)).isEqualTo(normalize(before));
        try (ProjectStore store = ProjectStore.open(target)) {
            CorpusRepository corpus = new CorpusRepository(store);
            assertThat(corpus.generation()).isPositive();
            assertThat(corpus.fingerprint()).as("the copy has a corpus token of its own").doesNotStartWith("empty");
            // the corpus still shares the candidates' rows: paris is one document for q1, q2 and the corpus
            long paris = corpus.find("paris").orElseThrow().documentKey();
            assertThat(after.queries().get(0).candidates().get(0).documentKey()).isEqualTo(Long.toString(paris));
            assertThat(after.queries().get(1).candidates().get(0).documentKey()).isEqualTo(Long.toString(paris));
        }
        try (ProjectStore store = ProjectStore.open(source)) {
            String token = new CorpusRepository(store).fingerprint().split(":")[0];
            try (ProjectStore copy = ProjectStore.open(target)) {
                assertThat(new CorpusRepository(copy).fingerprint()).doesNotStartWith(token);
            }
        }

        // Exporting the copy gives the same bytes.
        Path again = dir.resolve("again.json");
        service.export(target, null, ExportFormat.BUNDLE, again, ExportOptions.DEFAULT);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(bundle));
    }

    @Test
    void aSelectionCarriesNoCorpus() throws Exception {
        Path source = sampleWithCorpus();
        Path bundle = dir.resolve("q1.json");
        service.export(source, List.of("q1"), ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        JsonNode root = JSON.readTree(bundle.toFile());
        assertThat(root.get("version").intValue()).isEqualTo(1);
        assertThat(root.has("corpus")).isFalse();
        assertThat(root.get("documents")).extracting(d -> d.get("id").textValue())
                .containsExactly("paris", "lyon", "d 3");
    }

    @Test
    void aCorpusDocumentTheProjectHoldsWithAnotherTextStopsTheImport() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        service.export(sampleWithCorpus(), null, ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        Path target = dir.resolve("target.rwb");
        try (ProjectStore store = ProjectStore.create(target)) {
            new CorpusRepository(store).add(List.of(new NewDocument("paris", "Paris",
                    "Paris is the capital of France."), new NewDocument("berlin", null, "Berlin is in Germany.")),
                    ImportProgress.NONE);
        }
        ProjectData untouched = read(target);

        // the app's own bundle reader, which keeps the line of every corpus entry
        ImportOutcome outcome = new ProjectTransferService(ImportSources.parsers(), CLOCK).importInto(target,
                List.of(bundle), ImportSettings.DEFAULT, ImportProgress.NONE, CancellationToken.NONE);

        assertThat(outcome.written()).isFalse();
        assertThat(outcome.skipMayHelp()).isFalse();
        assertThat(outcome.problems()).extracting(Object::toString).singleElement().asString()
                .matches("bundle\\.json:\\d+: the project's corpus already holds document berlin with another text "
                        + "\\(\"Berlin is in Germany\\.\", here \"Berlin is the capital of Germany\\.\"\\)");
        // the line is that of berlin's entry in "corpus"
        String problem = outcome.problems().get(0).toString();
        int line = Integer.parseInt(problem.substring("bundle.json:".length(), problem.indexOf(": ")));
        List<String> lines = Files.readAllLines(bundle);
        String berlinKey = JSON.readTree(bundle.toFile()).get("corpus").get(2).textValue();
        assertThat(lines.get(line - 1).strip()).isEqualTo("\"" + berlinKey + "\",");
        assertThat(read(target)).isEqualTo(untouched);
        assertThat(corpus(target)).extracting(e -> e.get(0)).containsExactly("paris", "berlin");
    }

    @Test
    void aCorpusDocumentTheProjectHoldsWithTheSameTextIsLeftAsItIs() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        service.export(sampleWithCorpus(), null, ExportFormat.BUNDLE, bundle, ExportOptions.DEFAULT);
        Path target = dir.resolve("target.rwb");
        long generation;
        try (ProjectStore store = ProjectStore.create(target)) {
            CorpusRepository corpus = new CorpusRepository(store);
            corpus.add(List.of(new NewDocument("rome", null, "Rome has seven hills.\nAnd a river.")),
                    ImportProgress.NONE);
            generation = corpus.generation();
        }

        ImportOutcome outcome = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.summary()).endsWith("6 judgments, 4 corpus documents (1 already in the corpus); "
                + "0 rows skipped");
        assertThat(outcome.report()).extracting(r -> r.corpusAdded(), r -> r.corpusUnchanged())
                .containsExactly(3, 1);
        assertThat(corpus(target)).extracting(e -> e.get(0)).containsExactlyInAnyOrder("rome", "paris", "lyon",
                "berlin");
        try (ProjectStore store = ProjectStore.open(target)) {
            CorpusRepository corpus = new CorpusRepository(store);
            assertThat(corpus.size()).isEqualTo(4);
            assertThat(corpus.generation()).isEqualTo(generation + 3);
        }
        // a second import changes nothing in the corpus, but its candidates are already there: refused as before
        ImportOutcome twice = service.importInto(target, List.of(bundle), ImportSettings.DEFAULT,
                ImportProgress.NONE, CancellationToken.NONE);
        assertThat(twice.written()).isFalse();
        assertThat(twice.problems()).extracting(Object::toString)
                .noneMatch(p -> p.contains("corpus"));
    }

    private static ProjectData read(Path file) throws Exception {
        try (ProjectStore store = ProjectStore.open(file)) {
            return ProjectReader.read(store, null);
        }
    }

    /**
     * The data with internal keys replaced by what they stand for (a document by its id, title and text; a run and
     * a session by their position) and JSON texts parsed, so that two projects compare field by field.
     */
    private static List<Object> normalize(ProjectData data) throws Exception {
        Map<String, List<String>> docs = new HashMap<>();
        for (DocumentRecord d : data.documents()) {
            docs.put(d.key(), java.util.Arrays.asList(d.id(), d.title(), d.text()));
        }
        Map<String, Integer> sessions = new HashMap<>();
        for (SessionRecord s : data.sessions()) {
            sessions.put(s.key(), sessions.size());
        }
        List<Object> out = new ArrayList<>();
        Map<String, String> variantTexts = new HashMap<>();
        for (QueryRecord q : data.queries()) {
            List<Object> candidates = new ArrayList<>();
            for (CandidateRecord c : q.candidates()) {
                candidates.add(List.of(docs.get(c.documentKey()), c.originalRank(), bits(c.firstStageScore())));
            }
            List<Object> variants = new ArrayList<>();
            for (VariantRecord v : q.variants()) {
                variantTexts.put(v.key(), v.text());
                variants.add(List.of(v.text(), v.createdAt()));
            }
            out.add(List.of("query", q.id(), q.text(), q.createdAt(), candidates, variants));
        }
        for (RunRecord r : data.runs()) {
            List<Object> scores = new ArrayList<>();
            for (RunScoreRecord s : r.scores()) {
                scores.add(List.of(docs.get(s.documentKey()), bits(s.score()), bits(s.probability()), s.rank(),
                        s.tokensDropped(), s.chunkStart(), s.chunkEnd()));
            }
            out.add(java.util.Arrays.asList("run", r.queryId(), r.rankerKind(), r.model(), json(r.paramsJson()),
                    r.startedAt(), r.finishedAt(), bits(r.durationMs()), json(r.usageJson()), r.status(), scores,
                    r.variantKey() == null ? null : variantTexts.get(r.variantKey())));
        }
        for (SessionRecord s : data.sessions()) {
            out.add(java.util.Arrays.asList("session", s.name(), json(s.scaleJson()), s.annotator(), s.seed(),
                    s.blind(), s.createdAt(), s.queryIds()));
        }
        for (JudgmentRecord j : data.judgments()) {
            out.add(java.util.Arrays.asList("judgment", j.queryId(), docs.get(j.documentKey()), j.grade(),
                    j.annotator(), j.sessionKey() == null ? null : sessions.get(j.sessionKey()), j.createdAt(),
                    j.note(), j.origin()));
        }
        for (CorpusRecord c : data.corpus()) {
            out.add(List.of("corpus", docs.get(c.documentKey())));
        }
        return out;
    }

    private static long bits(double value) {
        return Double.doubleToLongBits(value);
    }

    private static JsonNode json(String text) throws Exception {
        return text == null ? null : JSON.readTree(text);
    }
}
