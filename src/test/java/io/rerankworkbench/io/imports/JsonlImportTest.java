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

class JsonlImportTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportResult r) {
        return r.problems().stream().map(ImportProblem::toString).toList();
    }

    @Test
    void oneObjectPerQuery() throws Exception {
        Path f = file("q.jsonl", """
                {"query_id": "q1", "query": "capital of france", "documents": [{"id": "d1", "text": "Paris", "title": "P", "score": 3.5, "label": 2}, {"doc_id": 7, "text": "Lyon"}]}

                {"qid": 2, "text": "pasted", "documents": ["first text", "second text"]}
                """);

        ImportResult r = JsonlImport.read(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).containsExactly(
                new QueryRecord("q1", "capital of france", null, List.of(
                        new CandidateRecord("d1", 1, 3.5), new CandidateRecord("7", 2, Double.NaN))),
                new QueryRecord("2", "pasted", null, List.of(
                        new CandidateRecord("1", 1, Double.NaN), new CandidateRecord("2", 2, Double.NaN))));
        assertThat(r.data().documents()).contains(new DocumentRecord("d1", "d1", "P", "Paris"),
                new DocumentRecord("2", "2", null, "second text"));
        assertThat(r.data().judgments()).containsExactly(
                new JudgmentRecord("q1", "d1", 2, "import", null, null, null, "q.jsonl:1"));
    }

    @Test
    void onePairPerLine() throws Exception {
        Path f = file("p.jsonl", """
                {"query_id": "q1", "query": "a", "doc_id": "d2", "text": "two", "rank": 2, "score": 1.0}
                {"query_id": "q1", "query": "a", "doc_id": "d1", "text": "one", "rank": 1, "score": 2.0, "label": 1}
                {"query": "only text", "doc_id": "x", "text": "x text"}
                """);

        ImportResult r = JsonlImport.read(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().queries()).containsExactly(
                new QueryRecord("q1", "a", null, List.of(new CandidateRecord("d1", 1, 2.0),
                        new CandidateRecord("d2", 2, 1.0))),
                new QueryRecord("q2", "only text", null, List.of(new CandidateRecord("x", 1, Double.NaN))));
    }

    @Test
    void malformedLinesAreReportedAndSkipped() throws Exception {
        Path f = file("q.jsonl", """
                {"query_id": "q1", "query": "a", "documents": ["t"]}
                {"query_id": "q2", "query": "b", "documents": [{"id": "d1", "text": "x", "score": "high"}, {"id": "d1", "text": "y"}, 5]}
                not json
                {"query_id": "q1", "query": "a", "documents": []}
                [1, 2]
                {"query_id": "q3", "query": "c", "documents": [{"id": "d1"}]}
                {"query_id": "q4", "query": "d", "documents": [{"id": "d9", "text": "fine", "label": 1.5}]}
                """);

        ImportResult r = JsonlImport.read(f, true);

        assertThat(messages(r)).containsExactly(
                "q.jsonl:2: documents[0]: field \"score\" must be a number, found string",
                "q.jsonl:2: documents[1]: doc id \"d1\" appears twice (first in documents[0])",
                "q.jsonl:2: documents[2]: expected an object or a string, found number",
                "q.jsonl:3: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, "
                        + "Object or token 'null', 'true' or 'false')",
                "q.jsonl:4: query \"q1\" already appeared on line 1",
                "q.jsonl:5: expected a JSON object",
                "q.jsonl:6: documents[0]: missing field \"text\"",
                "q.jsonl:7: documents[0]: field \"label\" must be an integer, found 1.5");
        assertThat(r.skippedRows()).isEqualTo(6);
        assertThat(r.data().queries()).extracting(QueryRecord::id).containsExactly("q1");
    }

    @Test
    void pairLineProblems() throws Exception {
        Path f = file("p.jsonl", """
                {"query_id": "q1", "query": "a", "doc_id": "d1", "text": "one", "rank": 0}
                {"query_id": "q1", "query": "a", "doc_id": "d2"}
                {"query_id": "q1", "query": "b", "doc_id": "d3", "text": "three"}
                {"doc_id": "d4", "text": "four"}
                """);

        ImportResult r = JsonlImport.read(f, false);

        assertThat(messages(r)).containsExactly(
                "p.jsonl:1: field \"rank\" must be ≥ 1, found 0",
                "p.jsonl:2: missing field \"text\"",
                "p.jsonl:4: missing field \"query\" (or \"query_text\")");
        // Line 3 is fine on its own: q1 had no accepted row yet, so "b" becomes its text.
        assertThat(r.data().queries()).extracting(QueryRecord::text).containsExactly("b");
        assertThat(r.skippedRows()).isZero();
    }

    @Test
    void emptyFileIsFatal() throws Exception {
        Path f = file("e.jsonl", "\n  \n");

        ImportResult r = JsonlImport.read(f, true);

        assertThat(messages(r)).containsExactly("e.jsonl: the file is empty");
        assertThat(r.fatal()).isTrue();
    }

    @Test
    void undecodableBytesStopAtTheirLineAfterReadingTheLinesBefore() throws Exception {
        Path f = dir.resolve("q.jsonl");
        String good = "{\"query_id\": \"q1\", \"query\": \"a\", \"documents\": [\"t\"]}\n";
        byte[] start = (good + good.replace("q1", "q2")).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', (byte) 0xFF, '"', '}', '\n'};
        byte[] all = new byte[start.length + bad.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bad, 0, all, start.length, bad.length);
        Files.write(f, all);

        ImportResult r = JsonlImport.read(f, true);

        assertThat(messages(r)).containsExactly("q.jsonl:3: not valid UTF-8 text");
        assertThat(r.fatal()).isTrue();
        assertThat(r.data().queries()).extracting(QueryRecord::id).containsExactly("q1", "q2");
    }

    @Test
    void unpairedSurrogateInUtf16IsUndecodable() throws Exception {
        Path f = dir.resolve("q.jsonl");
        byte[] text = "{\"query\": \"a\", \"documents\": [\"t\"]}\n\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[2 + text.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(text, 0, all, 2, text.length);
        all[all.length - 2] = 0x00; // a lone high surrogate (U+D800) on line 3
        all[all.length - 1] = (byte) 0xD8;
        Files.write(f, all);

        ImportResult r = JsonlImport.read(f, false);

        assertThat(messages(r)).containsExactly("q.jsonl:3: not valid UTF-16LE text");
        assertThat(r.data().queries()).hasSize(1);
    }
}
