package io.rerankworkbench.io;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The CLI's candidate, query and document files decode as the importers do, with the same limits (issue 13). */
class InputDecodingTest {

    @TempDir
    Path dir;

    @Test
    void utf16WithoutAMarkIsDetectedForCandidatesAndQueries() throws Exception {
        Path candidates = Files.write(dir.resolve("docs.txt"),
                "first document\nsecond document\n".getBytes(StandardCharsets.UTF_16LE));
        Path queries = Files.write(dir.resolve("queries.tsv"),
                "q1\tcapital of france\n".getBytes(StandardCharsets.UTF_16BE));

        List<Candidate> docs = CandidateFiles.read(candidates);
        assertThat(docs).extracting(Candidate::text).containsExactly("first document", "second document");
        assertThat(QueryFiles.read(queries)).containsExactly(new Query("q1", "capital of france"));
        assertThat(CandidateFiles.readOne(candidates)).isEqualTo("first document\nsecond document");
    }

    @Test
    void aNulByteIsRefusedWithItsLine() throws IOException {
        Path candidates = Files.writeString(dir.resolve("docs.txt"), "one\ntw\0o\n");
        InputFormatException e = catchThrowableOfType(InputFormatException.class,
                () -> CandidateFiles.read(candidates));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith(candidates + ":2: contains a NUL character");
    }

    @Test
    void devZeroIsRefusedWithTheLimitNotReadIntoMemory() {
        Path zero = Path.of("/dev/zero");
        assumeThat(Files.exists(zero)).isTrue();
        InputFormatException e = catchThrowableOfType(InputFormatException.class, () -> CandidateFiles.read(zero));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("/dev/zero:1: contains a NUL character");
        InputFormatException q = catchThrowableOfType(InputFormatException.class,
                () -> QueryFiles.read(Path.of("/dev/zero")));
        assertThat(q).isNotNull(); // not a .tsv/.jsonl name: refused before reading
    }

    @Test
    void aLongLineWithoutBreaksIsRefusedWithTheLimit() throws IOException {
        Path big = Files.write(dir.resolve("big.txt"), "x".repeat((16 << 20) + 5).getBytes(StandardCharsets.US_ASCII));
        InputFormatException e = catchThrowableOfType(InputFormatException.class, () -> CandidateFiles.read(big));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(big + ":1: the line is longer than 16 MiB");
    }

    @Test
    void aSymlinkLoopIsNamedAsSuch() throws IOException {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        try {
            Files.createSymbolicLink(a, b);
            Files.createSymbolicLink(b, a);
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links: " + e).isTrue();
        }
        InputFormatException e = catchThrowableOfType(InputFormatException.class, () -> CandidateFiles.read(a));
        assertThat(e.problem()).isEqualTo("is a symbolic link that loops (it leads back to itself)");
    }
}
