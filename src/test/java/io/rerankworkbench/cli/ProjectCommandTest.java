package io.rerankworkbench.cli;

import io.rerankworkbench.app.ImportSources;
import io.rerankworkbench.app.ProjectTransferService.SourceReader;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.io.imports.ImportProblem;
import io.rerankworkbench.io.imports.ImportResult;
import io.rerankworkbench.store.CorpusRepository;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectReader;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.testing.SampleProject;
import io.rerankworkbench.testing.StrictBundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.rerankworkbench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code project import} and {@code project export}: summaries, problems on stderr, exit 2 and no output. */
class ProjectCommandTest {

    private static final SourceReader BUNDLES = (sources, settings) -> StrictBundleReader.read(sources.get(0));

    @TempDir
    Path dir;

    private Path sample() throws Exception {
        Path project = dir.resolve("sample.rwb");
        SampleProject.create(project);
        return project;
    }

    private Path bundle() throws Exception {
        Path bundle = dir.resolve("sample.json");
        Result r = run(BUNDLES, "project", "export", sample().toString(), "--format", "bundle", "--output",
                bundle.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return bundle;
    }

    private static ProjectData read(Path project) throws Exception {
        try (ProjectStore store = ProjectStore.open(project)) {
            return ProjectReader.read(store, null);
        }
    }

    @Test
    void importCreatesTheProjectAndPrintsAOneLineSummary() throws Exception {
        Path bundle = bundle();
        Path target = dir.resolve("new.rwb");
        Result r = run(BUNDLES, "project", "import", "--into", target.toString(), bundle.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Imported into new.rwb: 3 queries, 5 documents, 6 candidates, 3 runs, "
                + "2 labeling sessions, 6 judgments; 0 rows skipped" + System.lineSeparator());
        assertThat(read(target).judgments()).hasSize(6);
    }

    @Test
    void problemsInTheSourcesExitWith2AndCreateNothing() throws Exception {
        Path qrels = Files.writeString(dir.resolve("qrels.txt"), "q1 0 d1\n");
        SourceReader parser = (sources, settings) -> new ImportResult(ProjectData.empty(), List.of(
                new ImportProblem(sources.get(0), 1, "expected 4 fields, found 3"),
                new ImportProblem(sources.get(0), 0, "no judgments")), 0, false, List.of(), List.of());
        Path target = dir.resolve("new.rwb");
        Result r = run(parser, "project", "import", "--into", target.toString(), qrels.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("qrels.txt:1: expected 4 fields, found 3",
                "qrels.txt: no judgments",
                "rerank-workbench: error: 2 problems; nothing was imported into new.rwb (--skip-bad-rows leaves bad "
                        + "rows out)");
        assertThat(target).doesNotExist();
    }

    @Test
    void aProblemThatSkippingCannotMendGetsNoSkipHint() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "...");
        SourceReader parser = (sources, settings) -> new ImportResult(ProjectData.empty(), List.of(
                new ImportProblem(sources.get(0), 3, "a quoted value is not closed (a \" is missing)")), 0, true,
                List.of(), List.of());
        Result r = run(parser, "project", "import", "--into", dir.resolve("new.rwb").toString(), csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("bad.csv:3: a quoted value is not closed (a \" is missing)",
                "rerank-workbench: error: 1 problem; nothing was imported into new.rwb");
    }

    @Test
    void warningsOfTheParsersArePrintedOnStderr() throws Exception {
        Path csv = Files.writeString(dir.resolve("more.csv"), "query_id,query,doc_id,text\nq9,new,d1,Paris, France\n");
        Result r = run(io.rerankworkbench.app.ImportSources.parsers(), "project", "import", "--into",
                dir.resolve("new.rwb").toString(), csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.errLines()).containsExactly("rerank-workbench: warning: more.csv: 1 row has more columns than "
                + "the header (4): line 2; its extra cells were not imported (a delimiter inside an unquoted value?)");
        assertThat(r.out()).startsWith("Imported into new.rwb: 1 query,");
    }

    @Test
    void skipBadRowsImportsTheRestAndStillListsTheProblems() throws Exception {
        Path qrels = Files.writeString(dir.resolve("qrels.txt"), "...");
        SourceReader parser = (sources, settings) -> {
            assertThat(settings.skipBadRows()).isTrue();
            assertThat(settings.format()).isEqualTo("qrels");
            return new ImportResult(new ProjectData(List.of(new QueryRecord("q9", "new", null,
                    List.of(new CandidateRecord("k", 1, Double.NaN)))), List.of(new DocumentRecord("k", "d", null,
                    "t")), List.of(), List.of(), List.of()), List.of(new ImportProblem(sources.get(0), 2, "bad grade")),
                    1, false, List.of(), List.of()); // a row problem, not a fatal one: skipping may go on
        };
        Path target = sample();
        Result r = run(parser, "project", "import", "--into", target.toString(), "--format", "qrels",
                "--skip-bad-rows", qrels.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.errLines()).containsExactly("qrels.txt:2: bad grade");
        assertThat(r.out()).contains("1 query, 1 document, 1 candidate, 0 runs", "1 row skipped");
        assertThat(read(target).queries()).hasSize(4);
    }

    @Test
    void aConflictWithTheProjectExitsWith2AndChangesNothing() throws Exception {
        Path bundle = bundle();
        Path target = dir.resolve("sample.rwb");
        ProjectData before = read(target);
        Result r = run(BUNDLES, "project", "import", "--into", target.toString(), bundle.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).contains("sample.json: query q1: document paris is already a candidate of this query in the "
                + "project").last().asString().startsWith("rerank-workbench: error: ");
        assertThat(read(target)).isEqualTo(before);
    }

    @Test
    void importOfAMissingFileIsAUsageError() {
        Result r = run(BUNDLES, "project", "import", "--into", dir.resolve("p.rwb").toString(),
                dir.resolve("nope.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().endsWith("nope.json: no such file");
        assertThat(dir.resolve("p.rwb")).doesNotExist();
    }

    @Test
    void exportCsvOfSomeQueries() throws Exception {
        Path project = sample();
        Path out = dir.resolve("out.csv");
        Result r = run(BUNDLES, "project", "export", project.toString(), "--format", "csv", "--output",
                out.toString(), "--queries", "q2,q3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("Exported 1 query, 3 rows to " + out + "; nothing to write for "
                + "1 query (q3)");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).containsExactly(
                "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,"
                        + "variant,variant_text",
                "q2,'=cmd|' /C calc'!A0,,,,,paris,,1,,,Paris is the capital of France.,,",
                "q2,'=cmd|' /C calc'!A0,,,,,1,,2,2,,pasted one,,",
                "q2,'=cmd|' /C calc'!A0,,,,,2,,3,,,'@pasted two,,");
    }

    @Test
    void aTrecRunOrQrelsWithNothingInItIsRefusedAndNotWritten() throws Exception {
        Path project = sample();
        Path out = dir.resolve("empty.trec");
        Result r = run(BUNDLES, "project", "export", project.toString(), "--format", "trec", "--output",
                out.toString(), "--queries", "q3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to export: the chosen query has no run");
        assertThat(out).doesNotExist();
        Path qrels = dir.resolve("empty.qrels");
        Result q = run(BUNDLES, "project", "export", project.toString(), "--format", "qrels", "--output",
                qrels.toString(), "--queries", "q3");
        assertThat(q.code()).isEqualTo(2);
        assertThat(q.err()).contains("nothing to export: the chosen query has no grade");
        assertThat(qrels).doesNotExist();
        assertThat(dir.toFile().list()).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void runsAreListedWithTheNumbersThatExportRunChooses() throws Exception {
        Path project = sample();
        Result list = run(BUNDLES, "project", "runs", project.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).containsExactly(
                "QUERY RUN  RANKER         MODEL                   STATUS     DOCS  STARTED",
                "q1      1  cross-encoder  ms-marco-MiniLM-L-6-v2  completed     3  2026-11-20T09:01:00Z",
                "q1      2  cohere         rerank v3.5             completed     3  2026-11-20T09:02:00Z",
                "q2      1  jina           jina-reranker-v2        failed        1  2026-11-20T09:03:00Z");
        Result some = run(BUNDLES, "project", "runs", project.toString(), "--queries", "q3");
        assertThat(some.out().lines().toList()).containsExactly(
                "QUERY RUN  RANKER  MODEL  STATUS  DOCS  STARTED", "(no runs)");

        Path out = dir.resolve("first.csv");
        Result r = run(BUNDLES, "project", "export", project.toString(), "--format", "csv", "--run", "1",
                "--queries", "q1", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // Three ranked documents (one text holds a line break), all from Run 1.
        String first = Files.readString(out);
        assertThat(first.split("\r\nq1,capital of france,1,cross-encoder,ms-marco-MiniLM-L-6-v2,", -1)).hasSize(4);
        assertThat(first).doesNotContain("cohere");
        Result latest = run(BUNDLES, "project", "export", project.toString(), "--format", "csv",
                "--queries", "q1", "-o", out.toString());
        assertThat(latest.code()).as(latest.err()).isZero();
        String latestCsv = Files.readString(out);
        assertThat(latestCsv.split("\r\nq1,capital of france,2,cohere,rerank v3.5,", -1)).hasSize(4);
        assertThat(latestCsv).doesNotContain("cross-encoder");

        Result both = run(BUNDLES, "project", "export", project.toString(), "--format", "csv", "--run", "1",
                "--all-runs", "-o", out.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--run and --all-runs exclude each other");
        Result zero = run(BUNDLES, "project", "export", project.toString(), "--format", "trec", "--run", "0",
                "-o", out.toString());
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("run numbers start at 1");
        Result qrels = run(BUNDLES, "project", "export", project.toString(), "--format", "qrels", "--run", "1",
                "-o", out.toString());
        assertThat(qrels.code()).isEqualTo(2);
        assertThat(qrels.err()).contains("choosing a run applies to ranked lists (csv) and TREC runs");
    }

    @Test
    void exportQrelsWithAGradeRule() throws Exception {
        Path out = dir.resolve("qrels.txt");
        Path project = sample();
        Result r = run(BUNDLES, "project", "export", project.toString(), "--format", "qrels", "--grades", "MEAN",
                "--queries", "q2,q3", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo("q2 0 1 2\n");
        assertThat(r.out()).contains("Exported 1 query, 1 row to", "nothing to write for 1 query (q3)");
        Result bad = run(BUNDLES, "project", "export", project.toString(), "--format", "qrels", "--grades", "median",
                "-o", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--grades");
    }

    @Test
    void exportTrecRefusesAnIdWithASpaceAndWritesNothing() throws Exception {
        Path out = dir.resolve("run.trec");
        Result r = run(BUNDLES, "project", "export", sample().toString(), "--format", "trec", "--output",
                out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("rerank-workbench: error: cannot write a TREC "
                + "run file").contains("document id \"d 3\" contains whitespace");
        assertThat(out).doesNotExist();
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }

    @Test
    void exportOfAnUnknownQueryOrAllRunsAsTrecIsAUsageError() throws Exception {
        Path project = sample();
        Path out = dir.resolve("out.csv");
        Result unknown = run(BUNDLES, "project", "export", project.toString(), "--format", "csv", "--output",
                out.toString(), "--queries", "q1,q9");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly("rerank-workbench: error: sample.rwb has no query q9");
        Result allRuns = run(BUNDLES, "project", "export", project.toString(), "--format", "trec", "--all-runs",
                "--output", out.toString());
        assertThat(allRuns.code()).isEqualTo(2);
        Result missing = run(BUNDLES, "project", "export", dir.resolve("none.rwb").toString(), "--format", "csv",
                "--output", out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("none.rwb")).doesNotExist();
    }

    @Test
    void helpListsTheProjectCommands() {
        assertThat(run(BUNDLES, "--help").out().lines()).anyMatch(l -> l.matches("\\s+project\\s+\\S.*"));
        Result r = run(BUNDLES, "project", "export", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--format", "--output", "--queries", "--all-runs", "--run", "--grades", "--bom",
                "Exit codes:");
        assertThat(run(BUNDLES, "project", "--help").out()).contains("runs", "import", "export");
    }

    @Test
    void aBundleExportAndImportKeepTheCorpus() throws Exception {
        Path project = sample();
        try (ProjectStore store = ProjectStore.open(project)) {
            new CorpusRepository(store).add(List.of(
                    new CorpusRepository.NewDocument("paris", "Paris", "Paris is the capital of France."),
                    new CorpusRepository.NewDocument("nice", null, "Nice is by the sea.")), ImportProgress.NONE);
        }
        Path bundle = dir.resolve("with-corpus.json");
        Result export = run(ImportSources.parsers(), "project", "export", project.toString(), "--format", "bundle",
                "--output", bundle.toString());
        assertThat(export.code()).as(export.err()).isZero();

        Path target = dir.resolve("copy.rwb");
        Result imported = run(ImportSources.parsers(), "project", "import", "--into", target.toString(),
                bundle.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("Imported into copy.rwb: 3 queries, 6 documents, 6 candidates, 3 runs, "
                + "2 labeling sessions, 6 judgments, 2 corpus documents; 0 rows skipped" + System.lineSeparator());

        Result shown = run(ContextSource.FRESH, "project", "corpus", target.toString());
        assertThat(shown.code()).as(shown.err()).isZero();
        assertThat(shown.out()).isEqualTo("copy.rwb: 2 documents in the corpus; BM25 index to be built at the next "
                + "retrieval" + System.lineSeparator());
        try (ProjectStore store = ProjectStore.open(target)) {
            assertThat(new CorpusRepository(store).all()).extracting(CorpusRepository.Entry::searchText)
                    .containsExactly("Paris Paris is the capital of France.", "Nice is by the sea.");
        }

        // the same bundle into the copy again: the corpus is left as it is, the candidates are a conflict
        Result again = run(ImportSources.parsers(), "project", "import", "--into", target.toString(),
                bundle.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already a candidate").doesNotContain("the project's corpus");
    }
}
