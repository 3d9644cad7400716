package io.rerankworkbench.app;

import io.rerankworkbench.eval.AgreementSummary;
import io.rerankworkbench.eval.GradeScale;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.StoredQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The home-cooking sample opens as File → Open sample does, and the agreement view's numbers for its two annotators
 * match an independent computation: quadratic weighted κ 0.783 over the 154 documents both graded, computed with a
 * separate script when the sample was written.
 */
class SampleAgreementTest {

    @TempDir
    Path tmp;

    @Test
    void theSamplesTwoAnnotatorsAgreeAsMeasuredWhenItWasWritten() throws Exception {
        ProjectService projects = new ProjectService(tmp, tmp.resolve("projects"));
        Samples.Sample sample = Samples.byId("home-cooking").orElseThrow();
        try (projects) {
            ProjectTransferService.ImportOutcome outcome = projects.openSample(sample,
                    new ProjectTransferService(ImportSources.parsers()), (d, t) -> { }, () -> false);
            assertThat(outcome.written()).isTrue();
            assertThat(outcome.problems()).isEmpty();
            ProjectStore store = projects.store();
            assertThat(projects.isUntitled()).as("a sample is a project file of its own").isFalse();
            assertThat(store.file()).isEqualTo(tmp.resolve("projects").resolve("home-cooking.rwb"));
            assertThat(store.listQueries()).hasSize(10);
            assertThat(Files.list(tmp.resolve("unsaved").resolve("samples")).count())
                    .as("the extracted bundle is removed").isZero();

            List<Long> ids = store.listQueries().stream().map(StoredQuery::id).toList();
            AgreementSummary overall = new LabelingService(store, new AnnotatorSettings(tmp))
                    .agreement(ids, GradeScale.GRADED_0_3).report().overall();
            assertThat(overall.annotators()).isEqualTo(2);
            assertThat(overall.items()).isEqualTo(154);
            assertThat(overall.quadraticKappa().value()).isCloseTo(0.783, within(0.0005));
        }
    }
}
