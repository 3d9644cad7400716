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

/** A grade or explanation whose commit returned survives SIGKILL of the writing process. */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    private final Random random = new Random();

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
        for (int round = 0; round < 2; round++) {
            List<String> written = writeUntilKilled(JudgmentWriterMain.class, round == 0, file.toString(),
                    String.valueOf(queryId), String.valueOf(documentId));
            try (ProjectStore store = ProjectStore.open(file)) { // the dead child's lock is gone
                List<String> present = store.judgments(queryId).stream().map(j -> String.valueOf(j.id())).toList();
                assertThat(written).isNotEmpty();
                assertThat(present).containsAll(written);
                System.out.println("round " + round + ": " + written.size() + " reported, " + present.size()
                        + " in the file");
            }
        }
    }

    @Test
    void everyReportedExplanationSurvivesAKill() throws Exception {
        Path file = dir.resolve("crash.rwb");
        long queryId;
        long documentId;
        try (ProjectStore store = ProjectStore.create(file)) {
            queryId = store.addQuery("q", "kill me").id();
            documentId = store.addCandidates(queryId, List.of(new NewCandidate(1, "d", "text")),
                    ImportProgress.NONE)[0];
        }
        List<String> written = writeUntilKilled(ExplanationWriterMain.class, false, file.toString(),
                String.valueOf(queryId), String.valueOf(documentId));
        try (ProjectStore store = ProjectStore.open(file)) {
            ExplanationRepository repo = new ExplanationRepository(store);
            String fingerprint = ExplanationRepository.fingerprint("kill me", "text");
            assertThat(written).isNotEmpty();
            for (String n : written) {
                assertThat(repo.find(queryId, documentId, "child", "occlusion", "n=" + n, fingerprint))
                        .as("explanation " + n).get().extracting(StoredExplanation::payload)
                        .isEqualTo(ExplanationWriterMain.payload(Integer.parseInt(n)));
            }
            System.out.println(written.size() + " explanations reported, " + repo.count(queryId) + " in the file");
        }
    }

    /**
     * Runs {@code main} in a child process that writes to the project and prints each written value terminated by
     * ';' once its commit returned, kills it at a random moment, and returns the values it reported.
     */
    private List<String> writeUntilKilled(Class<?> main, boolean checkLock, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> reported = new ArrayList<>();
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
                            reported.add(value);
                        }
                    }
                }
            } catch (Exception e) {
                opened.completeExceptionally(e);
            }
        });
        opened.get(20, TimeUnit.SECONDS);
        if (checkLock) { // across processes, the child's lock refuses us and says who holds it
            assertThatThrownBy(() -> ProjectStore.open(Path.of(args[0])))
                    .isInstanceOfSatisfying(ProjectOpenException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.IN_USE))
                    .hasMessageContaining("already open").hasMessageContaining("process " + child.pid() + "@");
        }
        Thread.sleep(150 + random.nextInt(600));
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        reader.get(10, TimeUnit.SECONDS);
        synchronized (reported) {
            return List.copyOf(reported);
        }
    }
}
