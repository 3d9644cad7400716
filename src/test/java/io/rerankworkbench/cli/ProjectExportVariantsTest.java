package io.rerankworkbench.cli;

import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.testing.CompareFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code project export} of a project whose query q1 ({@link CompareFixture}: runs m1 a b c d, m2 c a b d) has a
 * variant "grilled steak" ranked by m1 as b c a d.
 */
class ProjectExportVariantsTest {

    @TempDir
    Path dir;

    private Path project() throws Exception {
        Path file = dir.resolve("p.rwb");
        try (ProjectStore store = ProjectStore.create(file)) {
            CompareFixture.fill(store);
            StoredVariant v = CompareFixture.variant(store, "q1", "grilled steak");
            CompareFixture.variantRun(store, v, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                    RunStatus.COMPLETED);
        }
        return file;
    }

    @Test
    void theCsvListsTheVariantsRunAfterTheQuerysOwn() throws Exception {
        Path p = project();
        Path out = dir.resolve("out.csv");
        Result r = CliRun.run(new FakeGui(), "project", "export", p.toString(), "--format", "csv", "--output",
                out.toString(), "--queries", "q1");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).endsWith(",text,variant,variant_text");
        assertThat(lines).hasSize(9);
        // q1's latest completed run (run 2, m2), then its variant's (run 1 of variant 1, m1)
        assertThat(lines.subList(1, 5)).allMatch(l -> l.startsWith("q1,steak,2,local bi-encoder,m2,")
                && l.endsWith(",,"));
        assertThat(lines.subList(5, 9)).extracting(l -> l.split(",")[6]).containsExactly("b", "c", "a", "d");
        assertThat(lines.get(5)).isEqualTo("q1,steak,1,local bi-encoder,m1,1,b,0.900000,2,0,false,text of b,1,"
                + "grilled steak");
    }

    @Test
    void aTrecRunOfTheVariant() throws Exception {
        Path p = project();
        Path out = dir.resolve("v1.trec");
        Result r = CliRun.run(new FakeGui(), "project", "export", p.toString(), "--format", "trec", "--output",
                out.toString(), "--variant", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Exported 1 query, 4 rows", "nothing to write for 2 queries (q2, q3)");
        assertThat(Files.readAllLines(out)).containsExactly(
                "q1 Q0 b 1 0.900000 local_bi-encoder/m1@v1",
                "q1 Q0 c 2 0.800000 local_bi-encoder/m1@v1",
                "q1 Q0 a 3 0.200000 local_bi-encoder/m1@v1",
                "q1 Q0 d 4 0.100000 local_bi-encoder/m1@v1");
        Result none = CliRun.run(new FakeGui(), "project", "export", p.toString(), "--format", "trec", "--output",
                dir.resolve("v2.trec").toString(), "--variant", "2");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no run of a variant 2");
        assertThat(dir.resolve("v2.trec")).doesNotExist();
        Result zero = CliRun.run(new FakeGui(), "project", "export", p.toString(), "--format", "trec", "--output",
                dir.resolve("v0.trec").toString(), "--variant", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--variant: variant numbers start at 1");
        Result qrels = CliRun.run(new FakeGui(), "project", "export", p.toString(), "--format", "qrels",
                "--output", dir.resolve("q.qrels").toString(), "--variant", "1");
        assertThat(qrels.code()).isEqualTo(2);
        assertThat(qrels.err()).contains("choosing a variant applies to ranked lists");
    }
}
