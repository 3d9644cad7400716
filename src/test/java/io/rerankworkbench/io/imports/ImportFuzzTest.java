package io.rerankworkbench.io.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded import fuzz run for the build (issue 13): up to 600 mutants of every import format, each
 * imported three ways, stopping after ten seconds on a slow machine; {@code bench.ImportFuzzBench} runs ten thousand and more.
 */
class ImportFuzzTest {

    @TempDir
    Path dir;

    @Test
    void mutatedFilesOfEveryFormatNeverEscapeAndAlwaysNameFileAndLine() throws Exception {
        long start = System.nanoTime();
        ImportFuzzer.Figures f = ImportFuzzer.run(13L, 600, dir, start + TimeUnit.SECONDS.toNanos(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("ImportFuzzTest: " + ImportFuzzer.summary(f, seconds));

        assertThat(f.mutants).isGreaterThanOrEqualTo(150);
        assertThat(f.perSample).hasSize(ImportFuzzer.Sample.values().length);
        assertThat(f.failures).isEmpty();
        assertThat(f.uncaught).isZero();
        assertThat(f.guardedBugs).isZero();
        assertThat(f.withoutFile).isZero();
        assertThat(f.withoutLine).isZero();
        assertThat(f.rejected).isPositive();
        assertThat(f.accepted).isPositive();
    }
}
