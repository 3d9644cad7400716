package io.rerankworkbench.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a sample makes a named project file in the projects folder, never overwriting an earlier copy. */
class SampleProjectFileTest {

    @TempDir
    Path tmp;

    @Test
    void eachOpenMakesANewNamedFileThatIsRememberedAndKeptOnClose() throws Exception {
        Path folder = tmp.resolve("Documents").resolve("Rerank Workbench");
        Samples.Sample sample = Samples.byId("developer-docs").orElseThrow();
        ProjectTransferService transfers = new ProjectTransferService(ImportSources.parsers());
        try (ProjectService projects = new ProjectService(tmp.resolve("config"), folder)) {
            assertThat(projects.openSample(sample, transfers, (d, t) -> { }, () -> false).written()).isTrue();
            Path first = projects.store().file();
            assertThat(first).isEqualTo(folder.resolve("developer-docs.rwb"));
            projects.store().addQuery("mine", "a query of my own");

            assertThat(projects.openSample(sample, transfers, (d, t) -> { }, () -> false).written()).isTrue();
            assertThat(projects.store().file()).isEqualTo(folder.resolve("developer-docs-2.rwb"));
            assertThat(projects.isUntitled()).isFalse();
            assertThat(projects.recentProjects()).containsExactly(folder.resolve("developer-docs-2.rwb"), first);
            assertThat(Files.exists(first)).as("the first copy, with the user's work, stays").isTrue();

            projects.open(first);
            assertThat(projects.store().listQueries()).anyMatch(q -> q.externalId().equals("mine"));
        }
        assertThat(Files.exists(folder.resolve("developer-docs-2.rwb"))).as("closing keeps a named project").isTrue();
    }

    @Test
    void theProjectsFolderDefaultsToDocumentsOrHomeAndCanBeOverridden() {
        String before = System.getProperty(UserConfig.PROJECTS_PROPERTY);
        try {
            System.setProperty(UserConfig.PROJECTS_PROPERTY, tmp.resolve("elsewhere").toString());
            assertThat(UserConfig.projectsFolder()).isEqualTo(tmp.resolve("elsewhere"));
            System.clearProperty(UserConfig.PROJECTS_PROPERTY);
            assertThat(UserConfig.projectsFolder().getFileName().toString()).isEqualTo("Rerank Workbench");
        } finally {
            if (before != null) {
                System.setProperty(UserConfig.PROJECTS_PROPERTY, before);
            }
        }
    }
}
