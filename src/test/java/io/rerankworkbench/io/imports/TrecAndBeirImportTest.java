package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.QueryRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrecAndBeirImportTest {

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

    @Test
    void runWithJsonlDocumentsAndTsvQueries() throws Exception {
        Path run = file("bm25.trec", """
                q1 Q0 d2 2 7.5 bm25
                q1 Q0 d1 1 9.25 bm25
                q1 Q0 d3 2 8.0 bm25
                q2 Q0 d1 1 3 bm25
                """);
        Path docs = file("docs.jsonl", """
                {"_id": "d1", "title": "Paris", "text": "Paris is the capital."}
                {"id": "d2", "text": "Lyon is a city."}
                {"doc_id": "d3", "text": "Marseille is a port."}
                {"_id": "unused", "text": "never a candidate"}
                """);
        Path queries = file("queries.tsv", "q1\tcapital of france\nq2\tparis\nq9\tunused\n");

        ImportResult r = TrecRunImport.read(run, docs, queries, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).isEmpty();
        assertThat(r.data().queries()).containsExactly(
                new QueryRecord("q1", "capital of france", null, List.of(
                        new CandidateRecord("d1", 1, 9.25),
                        new CandidateRecord("d3", 2, 8.0), // rank tie with d2: higher score first
                        new CandidateRecord("d2", 3, 7.5))),
                new QueryRecord("q2", "paris", null, List.of(new CandidateRecord("d1", 1, 3.0))));
        assertThat(r.data().documents()).containsExactlyInAnyOrder(
                new DocumentRecord("d1", "d1", "Paris", "Paris is the capital."),
                new DocumentRecord("d2", "d2", null, "Lyon is a city."),
                new DocumentRecord("d3", "d3", null, "Marseille is a port."));
        assertThat(r.data().judgments()).isEmpty();
    }

    @Test
    void runWithoutQueriesFileUsesIdsAndSaysSo() throws Exception {
        Path run = file("x.run", "q1 Q0 d1 1 1.0 a\n");
        Path docs = file("docs.tsv", "d1\tsome text\n");

        ImportResult r = TrecRunImport.read(run, docs, null, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).containsExactly("no queries file was given: each query's text is its id (x.run)");
        assertThat(r.data().queries()).extracting(QueryRecord::text).containsExactly("q1");
    }

    @Test
    void malformedRunLines() throws Exception {
        Path run = file("run.trec", """
                q1 Q0 d1 1 1.0 tag
                q1 Q0 d2 2 0.5
                q1 Q0 d3 first 0.4 tag
                q1 Q0 d4 0 0.3 tag
                q1 Q0 d5 5 high tag
                q1 Q0 d1 6 0.1 tag
                q1 Q0 d9 7 0.05 tag
                q2 Q0 d1 1 1 tag
                """);
        Path docs = file("docs.tsv", "d1\tone\nd3\tthree\nd4\tfour\nd5\tfive\n");
        Path queries = file("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"first query\"}\n");

        ImportResult r = TrecRunImport.read(run, docs, queries, true);

        assertThat(messages(r)).containsExactly(
                "run.trec:2: expected 6 fields (qid Q0 docno rank score tag), found 5",
                "run.trec:3: rank \"first\" is not a whole number ≥ 1",
                "run.trec:4: rank \"0\" is not a whole number ≥ 1",
                "run.trec:5: score \"high\" is not a number",
                "run.trec:6: docno \"d1\" appears twice for query \"q1\" (first on line 1)",
                "run.trec:7: docno \"d9\" is not in docs.tsv",
                "run.trec:8: query \"q2\" is not in queries.jsonl");
        assertThat(r.skippedRows()).isEqualTo(7);
        assertThat(r.fatal()).isFalse();
        assertThat(r.data().queries()).containsExactly(new QueryRecord("q1", "first query", null,
                List.of(new CandidateRecord("d1", 1, 1.0))));
    }

    @Test
    void runWithMissingDocumentFileIsFatalOnce() throws Exception {
        Path run = file("run.trec", "q1 Q0 d1 1 1.0 tag\nq1 Q0 d2 2 0.5 tag\n");

        ImportResult r = TrecRunImport.read(run, dir.resolve("nope.jsonl"), null, true);

        assertThat(messages(r)).containsExactly("nope.jsonl: file not found");
        assertThat(r.fatal()).isTrue();
    }

    @Test
    void qrelsBecomeJudgmentsOnly() throws Exception {
        Path qrels = file("qrels.txt", "q1 0 d1 2\nq1 0 d2 0\n\nq2 0 d1 1.0\n");

        ImportResult r = TrecQrelsImport.read(qrels, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).isEmpty();
        assertThat(r.data().documents()).isEmpty();
        assertThat(r.data().judgments()).containsExactly(
                new JudgmentRecord("q1", "d1", 2, "qrels", null, null, null, "qrels.txt:1"),
                new JudgmentRecord("q1", "d2", 0, "qrels", null, null, null, "qrels.txt:2"),
                new JudgmentRecord("q2", "d1", 1, "qrels", null, null, null, "qrels.txt:4"));
    }

    @Test
    void malformedQrels() throws Exception {
        Path qrels = file("qrels.txt", "q1 0 d1 2\nq1 0 d2 relevant\nq1 0 d3\nq1 0 d4 1.5\nq1 0 d1 1\n");

        ImportResult r = TrecQrelsImport.read(qrels, false);

        assertThat(messages(r)).containsExactly(
                "qrels.txt:2: grade \"relevant\" is not an integer",
                "qrels.txt:3: expected 4 fields (qid iter docno grade), found 3",
                "qrels.txt:4: grade \"1.5\" is not an integer",
                "qrels.txt:5: docno \"d1\" is judged twice for query \"q1\" (first on line 1)");
        assertThat(r.skippedRows()).isZero();
        assertThat(r.mayWrite(false)).isFalse();
    }

    @Test
    void quepidRatingsAreMatchedByQueryText() throws Exception {
        Path f = file("ratings.csv", """
                qid,query,docid,rating
                1,star wars,doc-1,3
                1,star wars,doc-2,0.0
                2,"dune, the movie",doc-9,2
                """);

        ImportResult r = QuepidImport.read(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data()).isEqualTo(io.rerankworkbench.core.project.ProjectData.empty());
        assertThat(r.judgmentsByQueryText()).containsExactly(
                new JudgmentRecord("star wars", "doc-1", 3, "quepid", null, null, null, "ratings.csv:2"),
                new JudgmentRecord("star wars", "doc-2", 0, "quepid", null, null, null, "ratings.csv:3"),
                new JudgmentRecord("dune, the movie", "doc-9", 2, "quepid", null, null, null, "ratings.csv:4"));
    }

    @Test
    void malformedQuepidRatings() throws Exception {
        Path f = file("ratings.csv", "query,docid,rating\nq,d1,2.5\n,d2,1\nq,d1,x\nq,d3,1\nq,d3,2\n");
        Path noHeader = file("other.csv", "query,doc,grade\nq,d,1\n");

        ImportResult r = QuepidImport.read(f, true);

        assertThat(messages(r)).containsExactly(
                "ratings.csv:2: rating \"2.5\" is not an integer",
                "ratings.csv:3: query is empty",
                "ratings.csv:4: rating \"x\" is not an integer",
                "ratings.csv:6: docid \"d3\" is rated twice for query \"q\" (first on line 5)");
        assertThat(r.skippedRows()).isEqualTo(4);
        assertThat(r.judgmentsByQueryText()).hasSize(1);
        assertThat(messages(QuepidImport.read(noHeader, true))).containsExactly(
                "other.csv:1: expected Quepid's header with query, docid and rating columns, found query,doc,grade");
    }

    private Path beir() throws IOException {
        file("beir/corpus.jsonl", """
                {"_id": "c1", "title": "Paris", "text": "Paris is the capital of France."}
                {"_id": "c2", "title": "", "text": "Lyon is in France."}
                {"_id": "c3", "title": "Unjudged", "text": "Not in qrels."}
                """);
        file("beir/queries.jsonl", """
                {"_id": "1", "text": "capital of france"}
                {"_id": "2", "text": "train query"}
                """);
        file("beir/qrels/test.tsv", "query-id\tcorpus-id\tscore\n1\tc2\t1\n1\tc1\t2\n");
        return dir.resolve("beir");
    }

    @Test
    void beirFolder() throws Exception {
        Path folder = beir();

        ImportResult r = BeirImport.readFolder(folder, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).containsExactly("1 query of queries.jsonl has no judgments in test.tsv and was left out");
        assertThat(r.data().queries()).containsExactly(new QueryRecord("1", "capital of france", null, List.of(
                new CandidateRecord("c2", 1, Double.NaN), new CandidateRecord("c1", 2, Double.NaN))));
        assertThat(r.data().documents()).containsExactly(
                new DocumentRecord("c2", "c2", null, "Lyon is in France."),
                new DocumentRecord("c1", "c1", "Paris", "Paris is the capital of France."));
        assertThat(r.data().judgments()).containsExactly(
                new JudgmentRecord("1", "c2", 1, "qrels", null, null, null, "test.tsv:2"),
                new JudgmentRecord("1", "c1", 2, "qrels", null, null, null, "test.tsv:3"));
    }

    @Test
    void beirUnknownIdsInQrels() throws Exception {
        Path folder = beir();
        Files.writeString(folder.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\n1\tc1\t1\n7\tc2\t1\n1\tc404\t1\n1\tc2\tyes\n");

        ImportResult r = BeirImport.readFolder(folder, false);

        assertThat(messages(r)).containsExactly(
                "test.tsv:5: score \"yes\" is not an integer",
                "test.tsv:3: query id \"7\" is not in queries.jsonl",
                "test.tsv:4: corpus id \"c404\" is not in corpus.jsonl");
    }

    @Test
    void beirFolderWithoutQrels() throws Exception {
        Path folder = beir();
        Files.delete(folder.resolve("qrels/test.tsv"));
        Files.writeString(folder.resolve("qrels/dev.tsv"), "query-id\tcorpus-id\tscore\n1\tc1\t1\n");
        Files.writeString(folder.resolve("qrels/train.tsv"), "query-id\tcorpus-id\tscore\n2\tc1\t1\n");

        ImportResult r = BeirImport.readFolder(folder, false);

        assertThat(messages(r)).containsExactly("beir: qrels/ has several splits (dev.tsv, train.tsv) and no "
                + "test.tsv; give the corpus, queries and the qrels file to import");

        Files.delete(folder.resolve("qrels/train.tsv"));
        assertThat(BeirImport.readFolder(folder, false).data().queries()).extracting(QueryRecord::id)
                .containsExactly("1");
    }
}
