package io.rerankworkbench.io;

import io.rerankworkbench.core.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CandidateFilesTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path file(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static InputFormatException failure(Path file) {
        InputFormatException e = catchThrowableOfType(InputFormatException.class, () -> CandidateFiles.read(file));
        assertThat(e).as("expected an InputFormatException reading " + file.getFileName()).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        return e;
    }

    // ---- plain text ----

    @Test
    void plainTextHasOneCandidatePerLine() throws Exception {
        Path f = file("docs.txt", "first doc\n\n   second doc  \n\t\nthird doc\n");

        assertThat(CandidateFiles.read(f)).containsExactly(
                new Candidate(1, "1", "first doc"),
                new Candidate(2, "2", "second doc"),
                new Candidate(3, "3", "third doc"));
    }

    @Test
    void plainTextWithCrlf() throws Exception {
        Path f = file("docs.txt", "a\r\nb\r\n\r\nc\r\n");

        assertThat(CandidateFiles.read(f)).extracting(Candidate::text).containsExactly("a", "b", "c");
    }

    @Test
    void byteOrderMarkIsStrippedFromPlainText() throws Exception {
        Path f = file("docs.txt", BOM, "first\nsecond\n".getBytes(StandardCharsets.UTF_8));

        List<Candidate> read = CandidateFiles.read(f);

        assertThat(read).extracting(Candidate::text).containsExactly("first", "second");
        assertThat(read.get(0).text()).doesNotContain("\uFEFF");
    }

    @Test
    void anyOtherExtensionIsPlainText() throws Exception {
        Path f = file("docs.csv", "{\"_id\":\"x\",\"text\":\"y\"}\nplain");

        assertThat(CandidateFiles.read(f)).extracting(Candidate::text)
                .containsExactly("{\"_id\":\"x\",\"text\":\"y\"}", "plain");
    }

    @Test
    void nonAsciiPlainText() throws Exception {
        Path f = file("docs.txt", "Café\n東京タワー\n😀 emoji\n");

        assertThat(CandidateFiles.read(f)).extracting(Candidate::text)
                .containsExactly("Café", "東京タワー", "😀 emoji");
    }

    // ---- JSON lines ----

    @Test
    void jsonLinesWithIdAndText() throws Exception {
        Path f = file("corpus.jsonl", """
                {"_id": "doc-a", "text": "Alpha text"}
                {"_id": "doc-b", "text": "Beta text"}
                """);

        assertThat(CandidateFiles.read(f)).containsExactly(
                new Candidate(1, "doc-a", "Alpha text"),
                new Candidate(2, "doc-b", "Beta text"));
    }

    @Test
    void titleIsJoinedWithOneSpaceAndMetadataIgnored() throws Exception {
        Path f = file("corpus.jsonl", """
                {"_id": "1", "title": "Paris", "text": "is the capital of France.", "metadata": {"url": "x", "n": 3}}
                {"_id": "2", "title": "", "text": "No title here."}
                {"_id": "3", "title": null, "text": "Null title."}
                {"_id": "4", "text": "Missing title.", "metadata": {}}
                {"_id": "5", "title": "   ", "text": "Blank title."}
                """);

        assertThat(CandidateFiles.read(f)).extracting(Candidate::docId, Candidate::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", "Paris is the capital of France."),
                org.assertj.core.groups.Tuple.tuple("2", "No title here."),
                org.assertj.core.groups.Tuple.tuple("3", "Null title."),
                org.assertj.core.groups.Tuple.tuple("4", "Missing title."),
                org.assertj.core.groups.Tuple.tuple("5", "Blank title."));
    }

    @Test
    void numericIdIsAccepted() throws Exception {
        Path f = file("corpus.jsonl", """
                {"_id": 42, "text": "answer"}
                {"_id": 7, "text": "seven"}
                """);

        assertThat(CandidateFiles.read(f)).containsExactly(
                new Candidate(1, "42", "answer"),
                new Candidate(2, "7", "seven"));
    }

    @Test
    void blankLinesBetweenRecordsAreSkippedAndRanksStayContiguous() throws Exception {
        Path f = file("corpus.jsonl", "\n{\"_id\":\"a\",\"text\":\"A\"}\n\n   \n{\"_id\":\"b\",\"text\":\"B\"}\n\n");

        assertThat(CandidateFiles.read(f)).containsExactly(
                new Candidate(1, "a", "A"),
                new Candidate(2, "b", "B"));
    }

    @Test
    void byteOrderMarkIsStrippedFromJsonLines() throws Exception {
        Path f = file("corpus.jsonl", BOM, "{\"_id\":\"a\",\"text\":\"A\"}\r\n{\"_id\":\"b\",\"text\":\"B\"}\r\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(CandidateFiles.read(f)).containsExactly(
                new Candidate(1, "a", "A"),
                new Candidate(2, "b", "B"));
    }

    @Test
    void ndjsonAndUpperCaseExtensionsAreJson() throws Exception {
        String content = "{\"_id\":\"a\",\"text\":\"A\"}\n";

        assertThat(CandidateFiles.read(file("c.ndjson", content))).containsExactly(new Candidate(1, "a", "A"));
        assertThat(CandidateFiles.read(file("C.JSONL", content))).containsExactly(new Candidate(1, "a", "A"));
    }

    @Test
    void textKeepsEscapesAndUnicode() throws Exception {
        Path f = file("corpus.jsonl", "{\"_id\":\"a\",\"text\":\"line\\nbreak \\\"q\\\" caf\\u00e9 東京 😀\"}\n");

        assertThat(CandidateFiles.read(f).get(0).text()).isEqualTo("line\nbreak \"q\" café 東京 😀");
    }

    // ---- errors ----

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path f = file("docs.jsonl", """
                {"_id": "1", "text": "one"}
                {"_id": "2", "text": "two"}
                {"_id": "3", "text": "three"
                {"_id": "4", "text": "four"}
                """);

        InputFormatException e = failure(f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("docs.jsonl:3: ").contains("not valid JSON");
        assertThat(e.problem()).startsWith("not valid JSON");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void nonObjectLineIsRejected() throws IOException {
        Path f = file("docs.jsonl", "{\"_id\":\"1\",\"text\":\"one\"}\n[1, 2]\n");

        InputFormatException e = failure(f);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("docs.jsonl:2: expected a JSON object");
    }

    @Test
    void missingTextNamesTheField() throws IOException {
        Path f = file("docs.jsonl", "{\"_id\":\"1\",\"text\":\"one\"}\n{\"_id\":\"2\",\"title\":\"only a title\"}\n");

        InputFormatException e = failure(f);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("docs.jsonl:2: missing field \"text\"");
    }

    @Test
    void nullTextIsMissing() throws IOException {
        InputFormatException e = failure(file("docs.jsonl", "{\"_id\":\"1\",\"text\":null}\n"));

        assertThat(e.getMessage()).contains("docs.jsonl:1: missing field \"text\"");
    }

    @Test
    void missingIdNamesTheField() throws IOException {
        InputFormatException e = failure(file("docs.jsonl", "{\"text\":\"one\"}\n"));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("docs.jsonl:1: missing field \"_id\"");
    }

    @Test
    void textThatIsNotAStringIsRejected() throws IOException {
        InputFormatException number = failure(file("a.jsonl", "{\"_id\":\"1\",\"text\":\"ok\"}\n{\"_id\":\"2\",\"text\":5}\n"));
        InputFormatException array = failure(file("b.jsonl", "{\"_id\":\"1\",\"text\":[\"x\"]}\n"));
        InputFormatException object = failure(file("c.jsonl", "{\"_id\":\"1\",\"text\":{\"a\":1}}\n"));

        assertThat(number.getMessage()).contains("a.jsonl:2: field \"text\" must be a string, found number");
        assertThat(array.getMessage()).contains("b.jsonl:1: field \"text\" must be a string, found array");
        assertThat(object.getMessage()).contains("c.jsonl:1: field \"text\" must be a string, found object");
    }

    @Test
    void nonIntegerIdIsRejected() throws IOException {
        InputFormatException fraction = failure(file("a.jsonl", "{\"_id\":1.5,\"text\":\"x\"}\n"));
        InputFormatException bool = failure(file("b.jsonl", "{\"_id\":true,\"text\":\"x\"}\n"));

        assertThat(fraction.getMessage()).contains("a.jsonl:1: field \"_id\" must be a string, found number");
        assertThat(bool.getMessage()).contains("b.jsonl:1: field \"_id\" must be a string, found boolean");
    }

    @Test
    void titleThatIsNotAStringIsRejected() throws IOException {
        InputFormatException e = failure(file("docs.jsonl", "{\"_id\":\"1\",\"title\":3,\"text\":\"x\"}\n"));

        assertThat(e.getMessage()).contains("docs.jsonl:1: field \"title\" must be a string, found number");
    }

    @Test
    void blankIdIsRejected() throws IOException {
        InputFormatException e = failure(file("docs.jsonl", "{\"_id\":\"  \",\"text\":\"x\"}\n"));

        assertThat(e.getMessage()).contains("docs.jsonl:1: field \"_id\" is empty");
    }

    @Test
    void blankTextIsRejected() throws IOException {
        InputFormatException e = failure(file("docs.jsonl", "{\"_id\":\"a\",\"text\":\"x\"}\n{\"_id\":\"d9\",\"text\":\" \"}\n"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("docs.jsonl:2: document \"d9\" has no text");
    }

    @Test
    void duplicateIdMentionsTheFirstLine() throws IOException {
        Path f = file("docs.jsonl", """
                {"_id": "a", "text": "one"}
                {"_id": "b", "text": "two"}

                {"_id": "a", "text": "again"}
                """);

        InputFormatException e = failure(f);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("docs.jsonl:4: duplicate _id \"a\" (first seen on line 1)");
    }

    @Test
    void numericAndStringIdsCollide() throws IOException {
        InputFormatException e = failure(file("docs.jsonl", "{\"_id\":7,\"text\":\"x\"}\n{\"_id\":\"7\",\"text\":\"y\"}\n"));

        assertThat(e.getMessage()).contains("docs.jsonl:2: duplicate _id \"7\" (first seen on line 1)");
    }

    @Test
    void emptyFileIsAWholeFileError() throws IOException {
        for (String name : List.of("empty.jsonl", "empty.txt")) {
            InputFormatException e = failure(file(name, ""));

            assertThat(e.line()).isZero();
            assertThat(e.getMessage()).isEqualTo(dir.resolve(name) + ": the file is empty");
        }
    }

    @Test
    void blankOnlyFileIsEmpty() throws IOException {
        InputFormatException e = failure(file("blank.txt", "\n  \n\t\r\n"));

        assertThat(e.line()).isZero();
        assertThat(e.problem()).isEqualTo("the file is empty");
    }

    @Test
    void bomOnlyFileIsEmpty() throws IOException {
        InputFormatException e = failure(file("bom.jsonl", BOM));

        assertThat(e.line()).isZero();
        assertThat(e.problem()).isEqualTo("the file is empty");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.jsonl");

        InputFormatException e = failure(missing);

        assertThat(e.line()).isZero();
        assertThat(e.getMessage()).isEqualTo(missing + ": file not found");
    }

    @Test
    void directoryIsRejected() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("folder.txt"));

        InputFormatException e = failure(sub);

        assertThat(e.line()).isZero();
        assertThat(e.getMessage()).contains("folder.txt: is a directory");
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        Path f = file("latin1.txt", "caf".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xE9},
                "\n".getBytes(StandardCharsets.US_ASCII));

        InputFormatException e = failure(f);

        assertThat(e.getMessage()).contains("latin1.txt:1: not valid UTF-8 text");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void invalidUtf8NamesTheLineItIsOn() throws IOException {
        Path f = file("docs.jsonl",
                "{\"_id\":\"1\",\"text\":\"one\"}\n{\"_id\":\"2\",\"text\":\"two\"}\n{\"_id\":\"3\",\"text\":\"caf"
                        .getBytes(StandardCharsets.US_ASCII),
                new byte[]{(byte) 0xE9},
                "\"}\n{\"_id\":\"4\",\"text\":\"four\"}\n".getBytes(StandardCharsets.US_ASCII));

        InputFormatException e = failure(f);

        assertThat(e.problem()).isEqualTo("not valid UTF-8 text");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("docs.jsonl:3: not valid UTF-8 text");

        // Far into a CRLF file, past any read buffer.
        StringBuilder big = new StringBuilder();
        for (int i = 1; i < 2500; i++) {
            big.append("document number ").append(i).append("\r\n");
        }
        Path large = file("large.txt", big.toString().getBytes(StandardCharsets.US_ASCII),
                "bad: ".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xC3, (byte) 0x28},
                "\r\nlast\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(failure(large).getMessage()).contains("large.txt:2500: not valid UTF-8 text");
    }

    @Test
    void trailingGarbageAfterTheObjectIsRejected() throws IOException {
        Path f = file("docs.jsonl", """
                {"_id": "1", "text": "one"}
                {"_id": "2", "text": "two"} {"_id": "3", "text": "three"}
                """);

        InputFormatException e = failure(f);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("docs.jsonl:2: not valid JSON");
    }
}
