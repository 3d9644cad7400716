package io.rerankworkbench.store;

import java.nio.file.Path;

/**
 * Child process of {@link CrashDurabilityTest}: keeps explanations through {@link ExplanationRepository} until killed,
 * each under settings {@code n=<n>}, printing {@code n} (terminated by ';') only after {@code put} returned.
 */
public final class ExplanationWriterMain {

    static String payload(int n) {
        return "{\"n\":" + n + ",\"drops\":[" + n + ".5,-0.25]}";
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long queryId = Long.parseLong(args[1]);
        long documentId = Long.parseLong(args[2]);
        try (ProjectStore store = ProjectStore.open(file)) {
            ExplanationRepository repo = new ExplanationRepository(store);
            String fingerprint = ExplanationRepository.fingerprint("kill me", "text");
            System.out.println("open;");
            System.out.flush();
            for (int n = 0; ; n++) {
                repo.put(queryId, documentId, "child", "occlusion", "n=" + n, fingerprint, payload(n));
                System.out.println(n + ";");
                System.out.flush();
            }
        }
    }
}
