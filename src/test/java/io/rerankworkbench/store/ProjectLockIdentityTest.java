package io.rerankworkbench.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The project lock follows the file, not its name: a hard link gets no second writer (issue 13, item 12). */
class ProjectLockIdentityTest {

    @TempDir
    Path dir;

    private Path hardLink(Path target) throws IOException {
        Path link = dir.resolve("link.rwb");
        try {
            Files.createLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("hard links: " + e).isTrue();
        }
        return link;
    }

    @Test
    void aHardLinkCannotOpenAProjectOpenInThisProcess() throws Exception {
        Path file = dir.resolve("project.rwb");
        ProjectStore.create(file).close();
        Path link = hardLink(file);
        try (ProjectStore first = ProjectStore.open(file)) {
            assertThatThrownBy(() -> ProjectStore.open(link))
                    .isInstanceOfSatisfying(ProjectOpenException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.IN_USE))
                    .hasMessageContaining("link.rwb is already open").hasMessageContaining("under another name");
            first.addQuery("q", "the owner still writes");
        }
        try (ProjectStore viaLink = ProjectStore.open(link)) { // free again once closed
            assertThat(viaLink.listQueries()).hasSize(1);
        }
        try (ProjectStore created = ProjectStore.create(dir.resolve("new.rwb"))) {
            Path newLink = dir.resolve("new-link.rwb");
            Files.createLink(newLink, dir.resolve("new.rwb"));
            assertThatThrownBy(() -> ProjectStore.open(newLink)).isInstanceOf(ProjectOpenException.class);
            created.addQuery("q", "fine");
        }
    }

    @Test
    void aHardLinkCannotOpenAProjectOpenInAnotherProcess() throws Exception {
        Path file = dir.resolve("project.rwb");
        ProjectStore.create(file).close();
        Path link = hardLink(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ProjectHolderMain.class.getName(), link.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("open;");
            assertThatThrownBy(() -> ProjectStore.open(file))
                    .isInstanceOfSatisfying(ProjectOpenException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProjectOpenException.Reason.IN_USE))
                    .hasMessageContaining("project.rwb is already open");
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (ProjectStore after = ProjectStore.open(file)) {
            after.addQuery("q", "free again");
        }
    }
}
