package io.rerankworkbench.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A grade whose commit returned survives SIGKILL of the writing process. */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyReportedJudgmentSurvivesAKill() throws Exception {
        Path file = dir.resolve("crash.rwb");
        long queryId;
        long documentId;
        try (ProjectStore store = ProjectStore.create(file)) {
            queryId = store.addQuery("q", "kill me").id();
            documentId = store.addCandidates(queryId, List.of(new NewCandidate(1, "d", "text")),
                    ImportProgress.NONE)[0];
        }
        Random random = new Random();
        for (int round = 0; round < 2; round++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    JudgmentWriterMain.class.getName(), file.toString(), String.valueOf(queryId),
                    String.valueOf(documentId))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<Long> reported = new ArrayList<>();
            CompletableFuture<Void> opened = new CompletableFuture<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.endsWith(";")) {
                            continue; // cut off by the kill: its commit may or may not have returned
                        }
                        String value = line.substring(0, line.length() - 1);
                        if (value.equals("open")) {
                            opened.complete(null);
                        } else {
                            synchronized (reported) {
                                reported.add(Long.parseLong(value));
                            }
                        }
                    }
                } catch (Exception e) {
                    opened.completeExceptionally(e);
                }
            });
            opened.get(20, TimeUnit.SECONDS);
            if (round == 0) { // across processes, the child's lock refuses us and says who holds it
                assertThatThrownBy(() -> ProjectStore.open(file))
                        .isInstanceOfSatisfying(ProjectOpenException.class,
                                e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.IN_USE))
                        .hasMessageContaining("already open").hasMessageContaining("process " + child.pid() + "@");
            }
            Thread.sleep(150 + random.nextInt(600));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.get(10, TimeUnit.SECONDS);

            List<Long> written;
            synchronized (reported) {
                written = List.copyOf(reported);
            }
            try (ProjectStore store = ProjectStore.open(file)) { // the dead child's lock is gone
                List<Long> present = store.judgments(queryId).stream().map(Judgment::id).toList();
                assertThat(written).isNotEmpty();
                assertThat(present).containsAll(written);
                System.out.println("round " + round + ": " + written.size() + " reported, " + present.size()
                        + " in the file");
            }
        }
    }
}
