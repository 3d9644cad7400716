package io.rerankworkbench.io.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Detection of long first lines and by content, line caps, NUL bytes and link problems (issue 13, items 7–11). */
class InputLimitsTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportResult r) {
        return r.problems().stream().map(ImportProblem::toString).toList();
    }

    private static ImportResult read(ImportOptions options, Path... sources) {
        return ProjectImports.read(List.of(sources), options);
    }

    private static String longText(int chars) {
        return "lorem ipsum ".repeat(chars / 12 + 1);
    }

    @Test
    void aPerQueryJsonLineLongerThanTheSniffIsDetectedNotCalledEmpty() throws IOException {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            docs.append(i == 0 ? "" : ", ").append("{\"id\": \"d").append(i).append("\", \"text\": \"")
                    .append(longText(1000)).append("\"}");
        }
        Path jsonl = file("long.jsonl", "{\"query\": \"q\", \"documents\": [" + docs + "]}\n");
        assertThat(Files.size(jsonl)).isGreaterThan(20_000);

        assertThat(ProjectImports.detect(jsonl)).contains(ImportFormat.JSONL);
        ImportResult r = read(ImportOptions.defaults(), jsonl);
        assertThat(messages(r)).isEmpty();
        assertThat(r.data().queries()).hasSize(1);
        assertThat(r.data().queries().get(0).candidates()).hasSize(30);
    }

    @Test
    void aBundleOnOneLineAndUnderAnyNameIsDetectedByItsContent() throws IOException {
        String oneLine = BundleImportTest.GOOD.replace("\n", " ")
                .replace("Paris is the capital of France.", longText(20_000));
        Path bundle = file("out.bundle", oneLine);
        Path json = file("one-line.rwb.json", oneLine);

        assertThat(ProjectImports.detect(bundle)).contains(ImportFormat.BUNDLE);
        assertThat(ProjectImports.detect(json)).contains(ImportFormat.BUNDLE);
        ImportResult r = read(ImportOptions.defaults(), bundle);
        assertThat(r.fatal()).as(messages(r).toString()).isFalse();
        assertThat(r.data().queries()).hasSize(1);
    }

    @Test
    void jsonLinesUnderAnotherNameAreDetectedByContent() throws IOException {
        Path txt = file("candidates.txt", "{\"query\": \"a\", \"documents\": [\"x\"]}\n");
        assertThat(ProjectImports.detect(txt)).contains(ImportFormat.JSONL);
        assertThat(read(ImportOptions.defaults(), txt).fatal()).isFalse();
    }

    @Test
    void aTrecDocumentFileWithALongFirstDocumentPairsWithItsRun() throws IOException {
        Path run = file("bm25.run", "q1 Q0 d1 1 2.5 bm25\nq1 Q0 d2 2 1.5 bm25\n");
        Path tsv = file("docs.tsv", "d1\t" + longText(5_000_000) + "\nd2\tshort\n");
        Path jsonl = file("docs.jsonl", "{\"_id\": \"d1\", \"text\": \"" + longText(5_000_000) + "\"}\n"
                + "{\"_id\": \"d2\", \"text\": \"short\"}\n");

        for (Path docs : List.of(tsv, jsonl)) {
            ImportResult r = read(ImportOptions.defaults(), run, docs);
            assertThat(r.fatal()).as(docs + ": " + messages(r)).isFalse();
            assertThat(r.data().documents()).hasSize(2);
        }
    }

    @Test
    void aTsvNamedDocumentFileWithCommasDoesNotEscapeAsAnException() throws IOException {
        // Found by ImportFuzzTest: detection cut the id at a tab the comma-separated file does not have.
        Path run = file("bm25.run", "q1 Q0 d1 1 2.5 bm25\n");
        Path docs = file("docs.tsv", "d1,Paris is the capital of France.\nd2,Lyon\n");
        ImportResult r = read(ImportOptions.defaults(), run, docs);
        assertThat(r.problems()).allMatch(p -> p.file() != null);
    }

    @Test
    void aBundleOverJsonLimitsNamesTheLineInPlainWords() throws IOException {
        // Found by ImportFuzzTest: Jackson's limits carry no location.
        Path bundle = file("big-name.rwb.json", "{\"format\": \"rerank-workbench-bundle\",\n\"" + "x".repeat(60_000)
                + "\": 1}");
        assertThat(messages(read(ImportOptions.defaults(), bundle))).singleElement().satisfies(m -> {
            assertThat(m).startsWith("big-name.rwb.json:2: not valid JSON: Name length");
            assertThat(m).doesNotContain("StreamReadConstraints");
        });
    }

    @Test
    void onlyAnEmptyFileIsCalledEmpty() throws IOException {
        assertThat(messages(read(ImportOptions.defaults(), file("empty.run", ""))))
                .containsExactly("empty.run: the file is empty");
        assertThat(messages(read(ImportOptions.defaults(), file("blank.run", " \n\n\t\n"))))
                .containsExactly("blank.run: the file is empty");
        Path spaces = dir.resolve("spaces.run");
        Files.write(spaces, " ".repeat((4 << 20) + 10).getBytes(StandardCharsets.US_ASCII));
        assertThat(messages(read(ImportOptions.defaults(), spaces)))
                .containsExactly("spaces.run: has no text in its first 4 MiB (only blank space)");
    }

    @Test
    void aLineWithoutEndIsRefusedWithFileLineAndLimit() throws IOException {
        Path noBreaks = dir.resolve("nobreaks.qrels");
        try (OutputStream out = Files.newOutputStream(noBreaks)) {
            out.write("q1 0 d1 1\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 17; i++) {
                out.write(block);
            }
        }
        for (ImportFormat format : List.of(ImportFormat.TREC_QRELS, ImportFormat.JSONL, ImportFormat.CSV)) {
            ImportResult r = read(ImportOptions.defaults().withFormat(format), noBreaks);
            assertThat(r.fatal()).isTrue();
            assertThat(messages(r)).as(format.name()).anyMatch(m -> m.startsWith("nobreaks.qrels:2: ")
                    && m.contains("longer than 16 MiB"));
        }
    }

    @Test
    void devZeroIsRefusedNotReadIntoMemory() {
        Path zero = Path.of("/dev/zero");
        assumeThat(Files.exists(zero)).isTrue();
        for (ImportFormat format : List.of(ImportFormat.TREC_QRELS, ImportFormat.TREC_RUN, ImportFormat.JSONL,
                ImportFormat.CSV, ImportFormat.QUEPID, ImportFormat.BUNDLE)) {
            ImportResult r = read(ImportOptions.defaults().withFormat(format), zero);
            assertThat(r.fatal()).as(format.name()).isTrue();
            assertThat(messages(r)).as(format.name()).allMatch(m -> m.startsWith("zero")); // names the file
        }
        ImportResult detected = read(ImportOptions.defaults(), zero);
        assertThat(detected.fatal()).isTrue();
        assertThat(messages(detected)).noneMatch(m -> m.contains("empty"));
    }

    @Test
    void rawNulBytesAreRefusedWithTheirLine() throws IOException {
        Path qrels = file("nul.qrels", "q1 0 d1 1\nq1 0 d\0 1\n");
        Path jsonl = file("nul.jsonl", "{\"query\": \"a\", \"documents\": [\"x\"]}\n{\"query\": \"b\0\", "
                + "\"documents\": [\"y\"]}\n");
        Path utf8 = file("nul2.qrels", "q1 0 d1 1\nq1 0 dé\0 1\n");
        assertThat(messages(read(ImportOptions.defaults().withFormat(ImportFormat.TREC_QRELS), qrels)))
                .anyMatch(m -> m.startsWith("nul.qrels:2: contains a NUL character"));
        assertThat(messages(read(ImportOptions.defaults().withFormat(ImportFormat.JSONL), jsonl)))
                .anyMatch(m -> m.startsWith("nul.jsonl:2: contains a NUL character"));
        assertThat(messages(read(ImportOptions.defaults().withFormat(ImportFormat.TREC_QRELS), utf8)))
                .anyMatch(m -> m.startsWith("nul2.qrels:2: contains a NUL character"));
    }

    @Test
    void aSymlinkLoopIsNamedAsSuch() throws IOException {
        Path a = dir.resolve("a.run");
        Path b = dir.resolve("b.run");
        try {
            Files.createSymbolicLink(a, b);
            Files.createSymbolicLink(b, a);
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links: " + e).isTrue();
        }
        assertThat(messages(read(ImportOptions.defaults(), a)))
                .containsExactly("a.run: is a symbolic link that loops (it leads back to itself)");
        Path dangling = dir.resolve("gone.run");
        Files.createSymbolicLink(dangling, dir.resolve("missing.run"));
        assertThat(messages(read(ImportOptions.defaults(), dangling)).get(0)).contains("which does not exist");
    }

    @Test
    void readAllDetectsUtf16WithoutAMarkAndCapsTheSize() throws IOException {
        Path le = Files.write(dir.resolve("le.tsv"), "q1\tfirst query\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(TextInput.readAll(le, 1 << 20)).isEqualTo("q1\tfirst query\n");
        Path big = file("big.txt", "x".repeat(3000) + "\n");
        TextInput.TextProblemException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                TextInput.TextProblemException.class, () -> TextInput.readAll(big, 1000));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("larger than");
    }
}
