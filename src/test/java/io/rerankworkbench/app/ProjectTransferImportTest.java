package io.rerankworkbench.app;

import io.rerankworkbench.app.ProjectTransferService.ImportOutcome;
import io.rerankworkbench.app.ProjectTransferService.ImportSettings;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredQuery;
import io.rerankworkbench.testing.SampleProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an import tells its caller beyond "written or not", through the real parsers: whether skipping bad rows can
 * help, the parsers' warnings, and which query to show afterwards.
 */
class ProjectTransferImportTest {

    @TempDir
    Path dir;

    private final ProjectTransferService service = new ProjectTransferService(ImportSources.parsers());

    private ImportOutcome importInto(Path project, Path file, boolean skip) throws Exception {
        return service.importInto(project, List.of(file), ImportSettings.DEFAULT.withSkipBadRows(skip),
                ImportProgress.NONE, CancellationToken.NONE);
    }

    @Test
    void anUnclosedQuoteCannotBeMendedBySkippingRows() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"),
                "query_id,query,doc_id,text\nq1,a,d1,fine\nq1,a,d2,\"never closed\nq1,a,d3,t\n");
        Path project = dir.resolve("p.rwb");

        ImportOutcome outcome = importInto(project, csv, false);
        assertThat(outcome.written()).isFalse();
        assertThat(outcome.problems()).extracting(Object::toString)
                .containsExactly("bad.csv:3: a quoted value is not closed (a \" is missing)");
        assertThat(outcome.skipMayHelp()).isFalse();
        assertThat(importInto(project, csv, true).written()).as("skipping fails the same way").isFalse();
        assertThat(project).doesNotExist();
    }

    @Test
    void aBadRowCanBeSkippedAndSaysSo() throws Exception {
        Path csv = Files.writeString(dir.resolve("rows.csv"),
                "query_id,query,doc_id,text,rank\nq1,a,d1,fine,1\nq1,a,d2,bad rank,x\n");
        Path project = dir.resolve("p.rwb");

        ImportOutcome refused = importInto(project, csv, false);
        assertThat(refused.written()).isFalse();
        assertThat(refused.skipMayHelp()).isTrue();
        ImportOutcome skipped = importInto(project, csv, true);
        assertThat(skipped.written()).isTrue();
        assertThat(skipped.skipMayHelp()).isFalse();
        assertThat(skipped.skippedRows()).isEqualTo(1);
    }

    @Test
    void warningsOfTheParsersAndTheFirstImportedQueryComeBack() throws Exception {
        Path project = dir.resolve("sample.rwb");
        SampleProject.create(project); // q1, q2, q3
        Path csv = Files.writeString(dir.resolve("more.csv"), "query_id,query,doc_id,text\n"
                + "q7,new query,d1,Paris, the capital\nq5,another,d2,Rome\n", StandardCharsets.UTF_8);

        ImportOutcome outcome = importInto(project, csv, false);

        assertThat(outcome.written()).isTrue();
        assertThat(outcome.notes()).containsExactly("more.csv: 1 row has more columns than the header (4): line 2; "
                + "its extra cells were not imported (a delimiter inside an unquoted value?)");
        try (ProjectStore store = ProjectStore.open(project)) {
            StoredQuery q7 = store.listQueries().stream().filter(q -> q.externalId().equals("q7")).findFirst()
                    .orElseThrow();
            assertThat(outcome.firstQuery()).isEqualTo(q7.id());
        }
    }
}
