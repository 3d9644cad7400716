package io.rerankworkbench.io;

import io.rerankworkbench.core.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static InputFormatException failure(Path file) {
        InputFormatException e = catchThrowableOfType(InputFormatException.class, () -> QueryFiles.read(file));
        assertThat(e).as("expected an InputFormatException reading " + file.getFileName()).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        return e;
    }

    @Test
    void jsonLines() throws Exception {
        Path f = file("queries.jsonl", """
                {"_id": "q1", "text": "what is a reranker", "metadata": {"source": "x"}}

                {"_id": 2, "text": "東京 weather"}
                """);

        assertThat(QueryFiles.read(f)).containsExactly(
                new Query("q1", "what is a reranker"),
                new Query("2", "東京 weather"));
    }

    @Test
    void tabSeparated() throws Exception {
        Path f = file("queries.tsv", "q1\twhat is a reranker\n\n q2 \t  padded text  \nq3\ttext\twith tab\n");

        assertThat(QueryFiles.read(f)).containsExactly(
                new Query("q1", "what is a reranker"),
                new Query("q2", "padded text"),
                new Query("q3", "text\twith tab"));
    }

    @Test
    void tabSeparatedWithCrlfAndBom() throws Exception {
        Path f = Files.write(dir.resolve("queries.TSV"),
                ("\uFEFFq1\tfirst\r\nq2\tsecond\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(QueryFiles.read(f)).containsExactly(new Query("q1", "first"), new Query("q2", "second"));
    }

    @Test
    void missingTab() throws IOException {
        InputFormatException e = failure(file("queries.tsv", "q1\tfine\nq2 no tab here\n"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("queries.tsv:2: expected id<TAB>text, found no tab");
    }

    @Test
    void duplicateIdInTsv() throws IOException {
        InputFormatException e = failure(file("queries.tsv", "q1\tfirst\nq2\tsecond\nq1\tthird\n"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("queries.tsv:3: duplicate query id \"q1\" (first seen on line 1)");
    }

    @Test
    void duplicateIdInJsonLines() throws IOException {
        InputFormatException e = failure(file("queries.jsonl",
                "{\"_id\":\"q1\",\"text\":\"a\"}\n\n{\"_id\":\"q1\",\"text\":\"b\"}\n"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("queries.jsonl:3: duplicate query id \"q1\" (first seen on line 1)");
    }

    @Test
    void emptyTextInTsv() throws IOException {
        InputFormatException e = failure(file("queries.tsv", "q1\tfine\nq2\t   \n"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("queries.tsv:2: query \"q2\" has no text");
    }

    @Test
    void emptyTextInJsonLines() throws IOException {
        InputFormatException e = failure(file("queries.jsonl", "{\"_id\":\"q1\",\"text\":\"\"}\n"));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("queries.jsonl:1: query \"q1\" has no text");
    }

    @Test
    void emptyId() throws IOException {
        InputFormatException tsv = failure(file("queries.tsv", "  \tsome text\n"));
        InputFormatException jsonl = failure(file("queries.jsonl", "{\"_id\":\"\",\"text\":\"x\"}\n"));

        assertThat(tsv.getMessage()).contains("queries.tsv:1: the query id is empty");
        assertThat(jsonl.getMessage()).contains("queries.jsonl:1: the query id is empty");
    }

    @Test
    void jsonLinesErrors() throws IOException {
        InputFormatException missingText = failure(file("a.jsonl", "{\"_id\":\"q1\"}\n"));
        InputFormatException badJson = failure(file("b.jsonl", "{\"_id\":\"q1\",\"text\":\"x\"}\n{oops\n"));
        InputFormatException textNumber = failure(file("c.jsonl", "{\"_id\":\"q1\",\"text\":3}\n"));

        assertThat(missingText.getMessage()).contains("a.jsonl:1: missing field \"text\"");
        assertThat(badJson.getMessage()).contains("b.jsonl:2: not valid JSON");
        assertThat(textNumber.getMessage()).contains("c.jsonl:1: field \"text\" must be a string, found number");
    }

    @Test
    void unsupportedExtension() throws IOException {
        Path f = file("queries.csv", "q1,text\n");

        InputFormatException e = failure(f);

        assertThat(e.line()).isZero();
        assertThat(e.getMessage()).startsWith(f + ": unknown query file type").contains(".jsonl").contains(".tsv");
    }

    @Test
    void unsupportedExtensionIsReportedBeforeReading() {
        Path missing = dir.resolve("queries.txt");

        assertThat(failure(missing).problem()).startsWith("unknown query file type");
    }

    @Test
    void missingAndEmptyFiles() throws IOException {
        Path missing = dir.resolve("missing.tsv");

        assertThat(failure(missing).getMessage()).isEqualTo(missing + ": file not found");
        InputFormatException empty = failure(file("empty.jsonl", "\n\n"));
        assertThat(empty.line()).isZero();
        assertThat(empty.problem()).isEqualTo("the file is empty");
    }
}
