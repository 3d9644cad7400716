package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.VariantRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ProjectImportsTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportResult r) {
        return r.problems().stream().map(ImportProblem::toString).toList();
    }

    private static ImportResult read(Path... sources) {
        return ProjectImports.read(List.of(sources), ImportOptions.defaults());
    }

    @Test
    void detectsEachFormat() throws Exception {
        Path bundle = file("p.rwb.json", BundleImportTest.GOOD);
        file("beir/corpus.jsonl", "{\"_id\": \"c1\", \"text\": \"t\"}\n");
        file("beir/queries.jsonl", "{\"_id\": \"1\", \"text\": \"q\"}\n");
        file("beir/qrels/test.tsv", "query-id\tcorpus-id\tscore\n1\tc1\t1\n");
        Path csv = file("c.csv", "qid,query,docid,text\nq1,a,d1,t\n");
        Path quepid = file("ratings.csv", "query,docid,rating\na,d1,1\n");
        Path jsonl = file("c.jsonl", "{\"query\": \"a\", \"documents\": [\"x\"]}\n");
        Path run = file("bm25.run", "q1 Q0 d1 1 2.5 bm25\n");
        Path qrels = file("qrels.txt", "q1 0 d1 1\n");
        Path docs = file("docs.jsonl", "{\"_id\": \"d1\", \"text\": \"t\"}\n");
        Path other = file("other.json", "{\"a\": 1}");
        Path prose = file("notes.txt", "just some words\n");

        assertThat(ProjectImports.detect(bundle)).contains(ImportFormat.BUNDLE);
        assertThat(ProjectImports.detect(dir.resolve("beir"))).contains(ImportFormat.BEIR);
        assertThat(ProjectImports.detect(csv)).contains(ImportFormat.CSV);
        assertThat(ProjectImports.detect(quepid)).contains(ImportFormat.QUEPID);
        assertThat(ProjectImports.detect(jsonl)).contains(ImportFormat.JSONL);
        assertThat(ProjectImports.detect(run)).contains(ImportFormat.TREC_RUN);
        assertThat(ProjectImports.detect(qrels)).contains(ImportFormat.TREC_QRELS);
        assertThat(ProjectImports.detect(docs)).isEqualTo(Optional.empty());
        assertThat(ProjectImports.detect(other)).isEmpty();
        assertThat(ProjectImports.detect(prose)).isEmpty();
    }

    @Test
    void formatsHaveNamesForAPicker() {
        for (ImportFormat f : ImportFormat.values()) {
            assertThat(f.displayName()).isNotBlank();
            assertThat(f.describe()).isNotBlank().isNotEqualTo(f.displayName());
        }
        assertThat(ImportFormat.TREC_RUN.toString()).isEqualTo("TREC run + documents");
    }

    @Test
    void runIsPairedWithItsDocumentAndQueriesFilesByContent() throws Exception {
        Path run = file("bm25.trec", "101 Q0 d1 1 2.5 bm25\n101 Q0 d2 2 1.5 bm25\n");
        Path topics = file("topics.tsv", "101\twhat is a reranker\n");
        Path collection = file("collection.tsv", "d1\tfirst doc\nd2\tsecond doc\nd3\tunused\n");

        ImportResult r = read(topics, run, collection);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).containsExactly(new QueryRecord("101", "what is a reranker", null,
                List.of(new CandidateRecord("d1", 1, 2.5), new CandidateRecord("d2", 2, 1.5))));
        assertThat(r.data().documents()).extracting(DocumentRecord::text).containsExactly("first doc", "second doc");
    }

    @Test
    void documentFileWithoutARunIsAProblem() throws Exception {
        Path docs = file("docs.jsonl", "{\"_id\": \"d1\", \"text\": \"t\"}\n");

        ImportResult r = read(docs);

        assertThat(messages(r)).containsExactly("docs.jsonl: looks like a document or queries file (an id and a "
                + "text per line); give it together with the TREC run it belongs to");
        assertThat(r.fatal()).isTrue();
    }

    @Test
    void beirFilesGivenOneByOne() throws Exception {
        Path corpus = file("d/corpus.jsonl", "{\"_id\": \"c1\", \"title\": \"T\", \"text\": \"t\"}\n");
        Path queries = file("d/queries.jsonl", "{\"_id\": \"1\", \"text\": \"q\"}\n");
        Path qrels = file("d/qrels/dev.tsv", "query-id\tcorpus-id\tscore\n1\tc1\t2\n");

        ImportResult r = read(qrels, corpus, queries);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().judgments()).containsExactly(
                new JudgmentRecord("1", "c1", 2, "qrels", null, null, null, "dev.tsv:2"));
    }

    @Test
    void qrelsAndQuepidRatingsResolveAgainstCandidatesImportedWithThem() throws Exception {
        Path a = file("a.csv", "qid,query,docid,text\nq1,star wars,d1,one\nq1,star wars,d2,two\n");
        Path b = file("b.csv", "qid,query,docid,text\nq2,dune,d1,another text\n");
        Path qrels = file("qrels.txt", "q2 0 d1 1\nq9 0 x 1\n");
        Path ratings = file("ratings.csv", "query,docid,rating\nstar wars,d2,3\nunknown query,d1,0\n");

        ImportResult r = read(a, b, qrels, ratings);

        assertThat(r.problems()).isEmpty();
        // q2's "d1" has another text than q1's, so it got its own key.
        assertThat(r.data().documents()).extracting(DocumentRecord::key).containsExactly("d1", "d2", "d1#2");
        assertThat(r.data().queries().get(1).candidates()).containsExactly(new CandidateRecord("d1#2", 1, Double.NaN));
        assertThat(r.data().judgments()).containsExactly(
                new JudgmentRecord("q2", "d1#2", 1, "qrels", null, null, null, "qrels.txt:1"),
                new JudgmentRecord("q9", "x", 1, "qrels", null, null, null, "qrels.txt:2"),
                new JudgmentRecord("q1", "d2", 3, "quepid", null, null, null, "ratings.csv:2"));
        assertThat(r.judgmentsByQueryText()).containsExactly(
                new JudgmentRecord("unknown query", "d1", 0, "quepid", null, null, null, "ratings.csv:3"));
    }

    @Test
    void sameQueryIdWithAnotherTextIsAProblem() throws Exception {
        Path a = file("a.csv", "qid,query,docid,text\nq1,first,d1,one\n");
        Path b = file("b.jsonl", "{\"query_id\": \"q1\", \"query\": \"second\", \"documents\": [\"x\"]}\n");

        ImportResult r = ProjectImports.read(List.of(a, b), ImportOptions.defaults().withSkipBadRows(true));

        // both places with their lines: where the clash is and where the query was first read
        assertThat(messages(r)).containsExactly("b.jsonl:1: query \"q1\" is \"second\" here but \"first\" in a.csv:2");
        assertThat(r.skippedRows()).isEqualTo(1);
        assertThat(r.data().queries()).extracting(QueryRecord::text).containsExactly("first");
        assertThat(r.data().documents()).extracting(DocumentRecord::key).containsExactly("d1");
    }

    @Test
    void variantsOfOneQueryInTwoBundlesMergeByTextAndRunsFollowTheirKeys() throws Exception {
        Path first = file("a.json", BundleImportTest.WITH_VARIANTS);
        Path second = file("b.json", """
                {"format": "rerank-workbench-bundle", "version": 3,
                 "queries": [{"id": "q1", "text": "capital of france", "candidates": [],
                              "variants": [{"key": "v1", "text": "french capital"}, {"key": "v2", "text": "paris"}]}],
                 "documents": [],
                 "runs": [{"key": "7", "query": "q1", "ranker_kind": "k", "model": "m", "status": "completed",
                           "scores": [], "variant": "v2"},
                          {"key": "8", "query": "q1", "ranker_kind": "k", "model": "m", "status": "completed",
                           "scores": [], "variant": "v1"}]}
                """);

        ImportResult r = read(first, second);

        assertThat(messages(r)).isEmpty();
        QueryRecord q1 = r.data().queries().get(0);
        assertThat(q1.variants()).extracting(VariantRecord::key, VariantRecord::text).containsExactly(
                tuple("v1", "french capital"), tuple("v2", "seat of the french government"), tuple("v2#2", "paris"));
        assertThat(r.data().runs()).extracting(RunRecord::key, RunRecord::variantKey).containsExactly(
                tuple("7", null), tuple("8", "v1"), tuple("7#2", "v2#2"), tuple("8#2", "v1"));
    }

    @Test
    void aQueryLeftOutForAClashTakesItsRunsAndJudgmentsWithIt() throws Exception {
        Path a = file("a.csv", "qid,query,docid,text\nq1,another text,x1,one\n");
        Path bundle = file("p.rwb.json", BundleImportTest.GOOD);

        ImportResult r = ProjectImports.read(List.of(a, bundle), ImportOptions.defaults().withSkipBadRows(true));

        assertThat(messages(r)).containsExactly(
                "p.rwb.json: query \"q1\" is \"capital of france\" here but \"another text\" in a.csv:2");
        // The query with its 2 candidates, the run with its 2 scores, 2 judgments.
        assertThat(r.skippedRows()).isEqualTo(2 + 3 + 2);
        assertThat(r.data().runs()).isEmpty();
        assertThat(r.data().judgments()).isEmpty();
        assertThat(r.data().sessions()).singleElement().satisfies(s -> assertThat(s.queryIds()).isEmpty());
        assertThat(r.data().documents()).extracting(DocumentRecord::key).containsExactly("x1");
    }

    @Test
    void explicitFormatOverridesDetection() throws Exception {
        Path f = file("data.txt", "{\"query\": \"a\", \"documents\": [\"x\", \"y\"]}\n");
        Path run = file("ranking.out", "q1 Q0 d1 1 1 t\n");
        Path docs = file("texts.out", "d1\ttext\n");

        ImportResult jsonl = ProjectImports.read(List.of(f), ImportOptions.defaults().withFormat(ImportFormat.JSONL));
        ImportResult trec = ProjectImports.read(List.of(run, docs),
                ImportOptions.defaults().withFormat(ImportFormat.TREC_RUN));

        assertThat(jsonl.problems()).isEmpty();
        assertThat(jsonl.data().candidateCount()).isEqualTo(2);
        assertThat(trec.problems()).isEmpty();
        assertThat(trec.notes()).containsExactly("no queries file was given: each query's text is its id (ranking.out)");
        assertThat(trec.data().candidateCount()).isEqualTo(1);
    }

    @Test
    void unknownEmptyAndMissingSourcesAreClearProblems() throws Exception {
        Path prose = file("notes.txt", "just some words\n");
        Path empty = file("empty.trec", "\n");
        Path other = file("other.json", "{\"a\": 1}");

        ImportResult r = read(prose, empty, other, dir.resolve("gone.csv"), dir);

        assertThat(messages(r)).containsExactly(
                "notes.txt: could not tell the format: the first line is neither a TREC run line (qid Q0 docno rank "
                        + "score tag) nor a qrels line (qid iter docno grade); choose the format",
                "empty.trec: the file is empty",
                "other.json: not a Rerank Workbench bundle (it does not say \"format\": \"rerank-workbench-bundle\")",
                "gone.csv: file not found",
                dir.getFileName() + ": a folder is imported as a BEIR dataset, but this one has no corpus.jsonl");
        assertThat(r.fatal()).isTrue();
        assertThat(messages(ProjectImports.read(List.of(), ImportOptions.defaults())))
                .containsExactly("nothing to import: no file or folder was given");
    }

    @Test
    void csvOptionsFromTheDialogAreUsed() throws Exception {
        Path f = file("x.csv", "a;b\nq1;text one\n");
        ColumnMapping m = ColumnMapping.empty().with(CsvField.QUERY_TEXT, 0).with(CsvField.TEXT, 1);
        CsvOptions options = new CsvOptions(StandardCharsets.UTF_8, ';', true, m, false);

        ImportResult r = ProjectImports.read(List.of(f), ImportOptions.defaults().withCsv(options));

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).containsExactly(new QueryRecord("q1", "q1", null,
                List.of(new CandidateRecord("1", 1, Double.NaN))));
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("q").append(i / 10).append(" 0 d").append(i).append(" 1\n");
        }
        Path qrels = file("big.qrels", sb.toString());
        List<long[]> reports = new ArrayList<>();

        ImportResult done = ProjectImports.read(List.of(qrels), ImportOptions.defaults()
                .withProgress((rows, bytes, total) -> reports.add(new long[]{rows, bytes, total})));

        assertThat(done.problems()).isEmpty();
        assertThat(done.data().judgments()).hasSize(20_000);
        assertThat(reports).isNotEmpty();
        long[] last = reports.get(reports.size() - 1);
        assertThat(last[0]).isEqualTo(20_000);
        assertThat(last[1]).isEqualTo(last[2]).isEqualTo(Files.size(qrels));

        AtomicInteger polls = new AtomicInteger();
        ImportResult cancelled = ProjectImports.read(List.of(qrels), ImportOptions.defaults()
                .withCancelled(() -> polls.incrementAndGet() > 2));

        assertThat(messages(cancelled)).containsExactly("the import was cancelled");
        assertThat(cancelled.fatal()).isTrue();
        assertThat(cancelled.data().judgments()).isEmpty();
    }

    @Test
    void corporaOfSeveralBundlesAreMergedInOrderWithTheirLines() throws Exception {
        Path a = file("a.json", BundleImportTest.WITH_CORPUS);
        Path b = file("b.json", """
                {"format": "rerank-workbench-bundle", "version": 2,
                 "documents": [
                   {"key": "n1", "id": "nice", "title": null, "text": "Nice is by the sea."},
                   {"key": "x", "id": "lyon", "title": null, "text": "Lyon again."}
                 ],
                 "corpus": [
                   "n1",
                   "x"
                 ]}
                """);

        ImportResult r = read(a, b);

        assertThat(r.problems()).isEmpty();
        // nice is the same document in both (one corpus entry, a's); b's other lyon is a document of its own,
        // left for the project check to refuse at its line (a corpus id names one text)
        assertThat(r.data().corpus()).extracting(c -> c.documentKey() + "@" + c.origin())
                .containsExactly("d2@a.json:18", "d3@a.json:19", "x@b.json:8");
        assertThat(r.data().documents()).extracting(DocumentRecord::id)
                .containsExactly("paris", "lyon", "nice", "lyon");
    }
}
