package io.rerankworkbench.cli;

import io.rerankworkbench.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL during {@code project import}: whenever the process dies, the project holds all of the import or none of
 * it, opens cleanly and passes SQLite's integrity check (issue 13, "Figures to keep"). Prints one line per kill.
 */
class ImportKillTest {

    private static final int QUERIES = 1_000;
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesAllOrNothing() throws Exception {
        Path source = dir.resolve("big.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(source, StandardCharsets.UTF_8)) {
            for (int q = 0; q < QUERIES; q++) {
                w.write("{\"query_id\": \"q" + q + "\", \"query\": \"query " + q + "\", \"documents\": [");
                for (int d = 0; d < 5; d++) {
                    w.write((d == 0 ? "" : ", ") + "{\"id\": \"d" + q + "-" + d + "\", \"text\": \"document " + d
                            + " of query " + q + " about ranking and relevance\"}");
                }
                w.write("]}\n");
            }
        }
        // One import to its end first: the kills then fall anywhere from its start to just past its commit.
        long full = runAndKill(dir.resolve("full.rwb"), source, -1);
        try (ProjectStore store = ProjectStore.open(dir.resolve("full.rwb"))) {
            assertThat(store.listQueries()).hasSize(QUERIES);
        }
        System.out.println("ImportKillTest: a whole import takes " + full + " ms in the child");
        Random random = new Random(13);
        int nothing = 0;
        int all = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean existing = round % 2 == 0;
            Path project = dir.resolve("p" + round + ".rwb");
            if (existing) {
                try (ProjectStore store = ProjectStore.create(project)) {
                    store.addQuery("before", "a query that was there before");
                }
            }
            long delay = (long) (full * (0.15 + 1.0 * random.nextDouble()));
            long started = runAndKill(project, source, Math.max(1, delay));
            int before = existing ? 1 : 0;
            int queries;
            if (!Files.exists(project)) {
                assertThat(existing).isFalse();
                queries = 0;
            } else {
                try (ProjectStore store = ProjectStore.open(project)) {
                    queries = store.listQueries().size() - before;
                }
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project);
                     Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("ok");
                }
            }
            assertThat(queries).as("round %d: queries imported", round).isIn(0, QUERIES);
            if (queries == 0) {
                nothing++;
            } else {
                all++;
            }
            System.out.println("ImportKillTest round " + round + " (" + (existing ? "existing" : "new")
                    + " project): killed " + started + " ms after start: "
                    + (queries == 0 ? "nothing" : "all " + QUERIES + " queries") + " imported, integrity ok");
        }
        System.out.println("ImportKillTest: " + ROUNDS + " kills, " + all + " all, " + nothing + " nothing, 0 partial");
    }

    private static long runAndKill(Path project, Path source, long delayMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ImportChildMain.class.getName(), "project", "import", "--into=" + project, source.toString()))
                .redirectErrorStream(true).start();
        long start = System.nanoTime();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("started;");
            start = System.nanoTime();
            if (delayMillis < 0) {
                while (out.readLine() != null) {
                    // to the end
                }
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();
            } else {
                Thread.sleep(delayMillis);
                child.destroyForcibly(); // SIGKILL on Linux and macOS
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
