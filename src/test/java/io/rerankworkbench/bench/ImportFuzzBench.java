package io.rerankworkbench.bench;

import io.rerankworkbench.io.imports.ImportFuzzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Import fuzzing at scale: mutants of valid sample files of every import format (truncation, byte flips, inserted
 * NULs, long lines, UTF-16, Latin-1 and broken UTF-8 bytes, lost and doubled lines, CR line ends, swapped
 * delimiters, stray byte-order marks, empty files), each imported by detection, with its format given, and with bad
 * rows skipped. Prints the counts for docs/reliability.md. Not a test; run it with {@code mvn -q test-compile
 * exec:java -Dexec.mainClass=io.rerankworkbench.bench.ImportFuzzBench -Dexec.classpathScope=test}. Arguments:
 * [mutants] (default 10000) [seed] (default 13). Exits 1 when anything escaped or a problem lacked its file or line.
 */
public final class ImportFuzzBench {

    private ImportFuzzBench() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 13L;
        Path dir = Files.createTempDirectory("import-fuzz");
        long start = System.nanoTime();
        ImportFuzzer.Figures f;
        try {
            f = ImportFuzzer.run(seed, count, dir, 0);
        } finally {
            Files.deleteIfExists(dir);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("seed " + seed + ": " + ImportFuzzer.summary(f, seconds));
        System.out.println("whole-file reasons (line 0) seen:");
        f.fileLevelReasons.forEach(r -> System.out.println("  " + r));
        f.failures.forEach(x -> System.out.println("FAIL " + x));
        if (!f.failures.isEmpty()) {
            System.exit(1);
        }
    }
}
