package io.rerankworkbench.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesContentToANewFile() throws IOException {
        Path target = dir.resolve("out.csv");

        AtomicFiles.write(target, out -> out.write("a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(target)).isEqualTo("a,b\r\n1,2\r\n");
        assertThat(listing()).containsExactly("out.csv");
    }

    @Test
    void replacesExistingContent() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old content that is longer than the new one");

        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(listing()).containsExactly("out.txt");
    }

    @Test
    void writesEmptyContent() throws IOException {
        Path target = dir.resolve("empty.txt");

        AtomicFiles.write(target, out -> { });

        assertThat(target).exists();
        assertThat(Files.size(target)).isZero();
    }

    @Test
    void failedWriteKeepsTheExistingFileAndLeavesNoTempFile() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "precious");
        IOException boom = new IOException("disk full");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half-writ".getBytes(StandardCharsets.UTF_8));
            throw boom;
        })).isSameAs(boom);

        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThat(listing()).containsExactly("out.txt");
        assertThat(listing()).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void failedWriteCreatesNoFile() throws IOException {
        Path target = dir.resolve("new.txt");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("nope");
        })).isInstanceOf(IOException.class).hasMessage("nope");

        assertThat(target).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void uncheckedFailureAlsoCleansUp() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "precious");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[10_000]);
            throw new UncheckedIOException(new IOException("wrapped"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IllegalArgumentException("bad id");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad id");

        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThat(listing()).containsExactly("out.txt");
    }

    @Test
    void missingParentFolderIsAnIOException() throws IOException {
        Path target = dir.resolve("no-such-folder").resolve("out.txt");
        boolean[] called = {false};

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> called[0] = true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-folder");

        assertThat(called[0]).isFalse();
        assertThat(listing()).isEmpty();
    }

    @Test
    void successLeavesNoTempFileAmongOthers() throws IOException {
        Files.writeString(dir.resolve("neighbour.txt"), "x");

        for (int i = 0; i < 3; i++) {
            int n = i;
            AtomicFiles.write(dir.resolve("out.txt"), out -> out.write(("v" + n).getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(listing()).containsExactly("neighbour.txt", "out.txt");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("v2");
    }
}
