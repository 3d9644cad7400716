package io.rerankworkbench.bench;

import io.rerankworkbench.app.ImportSources;
import io.rerankworkbench.app.ProjectTransferService;
import io.rerankworkbench.store.ProjectStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole import as the window runs it: a generated CSV of query–document rows (100 candidates per query, with a
 * label column) read by the parsers and written into a new project in one transaction, three times in one JVM (the
 * first warms the JIT). Prints the time of each and how often the progress bar would have moved. Not a test; run with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.rerankworkbench.bench.ProjectImportBench
 * -Dexec.classpathScope=test}. Argument: [rows] (default 100000).
 */
public final class ProjectImportBench {

    private ProjectImportBench() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("project-import-bench");
        Path csv = dir.resolve("pairs.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("qid,query,docid,text,rank,score,label\n");
            for (int i = 0; i < rows; i++) {
                int q = i / 100;
                w.write("q" + q + ",query number " + q + ",d" + i + ",\"Document " + i
                        + " talks about topic " + (i % 977) + ", with a comma and some more words.\"," + (i % 100 + 1)
                        + "," + (100 - i % 100) + ".5," + (i % 4) + "\n");
            }
        }
        ProjectTransferService transfers = new ProjectTransferService(ImportSources.parsers());
        for (int round = 1; round <= 3; round++) {
            Path project = dir.resolve("bench-" + round + ".rwb");
            long[] updates = {0};
            long start = System.nanoTime();
            ProjectTransferService.ImportOutcome outcome;
            try (ProjectStore store = ProjectStore.create(project)) {
                outcome = transfers.importInto(store, List.of(csv), ProjectTransferService.ImportSettings.DEFAULT,
                        (done, total) -> updates[0]++, () -> false);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %,d rows in %.2f s (%,.0f rows/s), %d progress updates; %s%n",
                    round, rows, seconds, rows / seconds, updates[0], outcome.summary());
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
