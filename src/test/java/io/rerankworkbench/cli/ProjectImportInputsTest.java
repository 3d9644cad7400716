package io.rerankworkbench.cli;

import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code project import} with awkward inputs and targets (issue 13, items 9 and 11), through the real parsers. */
class ProjectImportInputsTest {

    @TempDir
    Path dir;

    private static Result importInto(Path project, String... sources) {
        String[] args = new String[3 + sources.length];
        args[0] = "project";
        args[1] = "import";
        args[2] = "--into=" + project;
        System.arraycopy(sources, 0, args, 3, sources.length);
        return CliRun.run(new FakeGui(), args);
    }

    @Test
    void aFolderAsTheTargetIsNamedAsAFolder() throws Exception {
        Path qrels = Files.writeString(dir.resolve("j.qrels"), "q1 0 d1 1\n");
        Result r = importInto(dir, qrels.toString());
        assertThat(r.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.err()).contains("is a folder; give the project file").doesNotContain("no such file");
    }

    @Test
    void aSymlinkLoopIsNamedAsSuch() throws Exception {
        Path a = dir.resolve("a.run");
        Path b = dir.resolve("b.run");
        try {
            Files.createSymbolicLink(a, b);
            Files.createSymbolicLink(b, a);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            assumeThat(false).as("symbolic links: " + e).isTrue();
        }
        Result r = importInto(dir.resolve("p.rwb"), a.toString());
        assertThat(r.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.err()).contains("a.run: is a symbolic link that loops");
    }

    @Test
    void devZeroAsQrelsIsRefusedWithTheLimitNotAnOutOfMemoryError() {
        assumeThat(Files.exists(Path.of("/dev/zero"))).isTrue();
        Result r = CliRun.run(new FakeGui(), "project", "import", "--into=" + dir.resolve("p.rwb"),
                "--format", "qrels", "/dev/zero");
        assertThat(r.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.err()).containsAnyOf("zero:1: the line is longer than 16 MiB", "zero:1: contains a NUL character")
                .doesNotContain("OutOfMemory");
        assertThat(dir.resolve("p.rwb")).doesNotExist();
    }

    @Test
    void theProblemCountIsTheNumberOfProblemsNotOfListedLines() throws Exception {
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < 450; i++) {
            bad.append("q").append(i).append(" 0 d").append(i).append(" notagrade\n");
        }
        Path qrels = Files.writeString(dir.resolve("bad.qrels"), bad, StandardCharsets.UTF_8);
        Result r = CliRun.run(new FakeGui(), "project", "import", "--into=" + dir.resolve("p.rwb"),
                "--format", "qrels", qrels.toString());
        assertThat(r.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.err()).contains("… and 250 more problems").contains("450 problems; nothing was imported");
    }

    @Test
    void anExternalWriterHoldingTheProjectIsNamedAndExits2() throws Exception {
        Path project = dir.resolve("busy.rwb");
        ProjectStore.create(project).close();
        Path queries = Files.writeString(dir.resolve("c.jsonl"), "{\"query\": \"a\", \"documents\": [\"x\"]}\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project);
             Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // an SQLite client holding the write lock
            Result r = importInto(project, queries.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(Cli.EXIT_USAGE);
            assertThat(r.err()).contains("busy.rwb is being written by another program")
                    .contains("nothing was imported").doesNotContain("SQLITE_BUSY");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void aCorpusNamedDocumentFileGivenWithARunIsTheRunsDocumentFile() throws Exception {
        Path run = Files.writeString(dir.resolve("bm25.run"), "q1 Q0 d1 1 2.5 bm25\n");
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"Paris\"}\n");
        Result r = importInto(dir.resolve("p.rwb"), run.toString(), corpus.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 query, 1 document, 1 candidate");
    }
}
