package io.rerankworkbench.store;

import java.nio.file.Path;

/**
 * Child process of {@link CrashDurabilityTest}: writes grades through {@link ProjectStore} until killed, printing each
 * judgment id (terminated by ';') only after {@code addJudgment} returned.
 */
public final class JudgmentWriterMain {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long queryId = Long.parseLong(args[1]);
        long documentId = Long.parseLong(args[2]);
        try (ProjectStore store = ProjectStore.open(file)) {
            System.out.println("open;");
            System.out.flush();
            for (int grade = 0; ; grade++) {
                Judgment j = store.addJudgment(queryId, documentId, grade % 4, "child", null, null);
                System.out.println(j.id() + ";");
                System.out.flush();
            }
        }
    }
}
