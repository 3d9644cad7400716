package io.rerankworkbench.cli;

import io.rerankworkbench.cli.CliRun.FakeGui;
import io.rerankworkbench.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.rerankworkbench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The top-level command: help, version, opening the window, usage errors. None of these loads a model. */
class CliTest {

    private final FakeGui gui = new FakeGui();

    @Test
    void versionPrintsTheFilteredProjectVersion() {
        for (String option : List.of("--version", "-V")) {
            Result r = run(gui, option);
            assertThat(r.code()).isZero();
            // A digit proves Maven filtered version.properties (unfiltered, it reads ${project.version}).
            assertThat(r.out().strip()).matches("Rerank Workbench \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(r.err()).isEmpty();
        }
        assertThat(gui.launches).isEmpty();
    }

    @Test
    void helpListsTheRerankCommandAndHidesExitAfter() {
        Result r = run(gui, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: rerank-workbench").contains("Commands:");
        assertThat(r.out().lines()).anyMatch(l -> l.matches("\\s+rerank\\s+\\S.*"));
        assertThat(r.out()).doesNotContain("--exit-after");
        assertThat(gui.launches).isEmpty();
    }

    /** Only the named command is built when the first argument names one; help and typos still see them all. */
    @Test
    void everyCommandIsListedAndEachRunsWhenNamedFirst() {
        Result help = run(gui, "--help");
        for (String command : List.of("rerank", "explain", "compare", "eval", "serve", "models", "project")) {
            assertThat(help.out().lines()).as(command).anyMatch(l -> l.matches("\\s+" + command + "\\s+\\S.*"));
            Result own = run(gui, command, "--help");
            assertThat(own.code()).as(command).isZero();
            assertThat(own.out()).as(command).startsWith("Usage: rerank-workbench " + command);
        }
        Result nested = run(gui, "project", "export", "--help");
        assertThat(nested.out()).startsWith("Usage: rerank-workbench project export");
        Result typo = run(gui, "evl");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("evl");
    }

    @Test
    void rerankHelpListsItsOptionsAndExitCodes() {
        Result r = run(gui, "rerank", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--query", "--queries", "--candidates", "--model", "--top-k", "--output",
                "--format", "--run-tag", "Exit codes:");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noArgumentsOpensTheWindowWithNormalLogging() {
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        List<Level> levelDuringLaunch = new ArrayList<>();
        Result r = run((GuiLauncher) (exitAfter, project) -> levelDuringLaunch.add(root.getLevel()));
        assertThat(r.code()).isEqualTo(Cli.GUI_EXITED);
        assertThat(levelDuringLaunch).containsExactly(before);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noArgumentsLaunchesWithoutATimer() {
        assertThat(run(gui).code()).isEqualTo(Cli.GUI_EXITED);
        assertThat(gui.launches).containsExactly(0L);
        assertThat(gui.projects).containsExactly((Path) null);
    }

    @Test
    void aProjectFileAsTheOnlyArgumentOpensTheWindowOnIt(@TempDir Path tmp) throws IOException {
        // What a file manager runs for a double-clicked project: the desktop entry's Exec with the file appended.
        Path file = Files.createFile(tmp.resolve("My Project.RWB"));
        Result r = run(gui, file.toString());
        assertThat(r.code()).isEqualTo(Cli.GUI_EXITED);
        assertThat(r.err()).isEmpty();
        assertThat(gui.projects).containsExactly(file.toAbsolutePath());
    }

    @Test
    void aMissingProjectFileIsReportedWithoutOpeningTheWindow(@TempDir Path tmp) {
        Path missing = tmp.resolve("gone.rwb");
        Result r = run(gui, missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("rerank-workbench: error: " + missing + ": no such project file");
        assertThat(gui.launches).isEmpty();
    }

    @Test
    void subcommandNamesStillWinOverTheProjectArgument() {
        Result r = run(gui, "rerank", "--help");
        assertThat(r.code()).isZero();
        assertThat(gui.launches).isEmpty();
    }

    @Test
    void exitAfterIsPassedToTheLauncher() {
        assertThat(run(gui, "--exit-after", "500").code()).isEqualTo(Cli.GUI_EXITED);
        assertThat(gui.launches).containsExactly(500L);
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        Result r = run(gui, "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rerank-workbench: error: ")
                .contains("--bogus", "rerank-workbench --help");
        assertThat(gui.launches).isEmpty();
    }

    @Test
    void mistypedOptionGetsASuggestion() {
        Result r = run(gui, "rerank", "--query", "x", "--candidates", "docs.txt", "--top-kk=3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("Unknown option: --top-kk=…", "did you mean --top-k", "rerank-workbench rerank --help");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result r = run(gui, "bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("'bogus' is neither a command nor a project file (.rwb)", "rerank-workbench --help");
        assertThat(gui.launches).isEmpty();
    }

    @Test
    void unexpectedFailureExitsWith1AndNoStackTrace() {
        assumeTrue(System.getenv("RWB_DEBUG") == null, "RWB_DEBUG asks for stack traces");
        Result r = run((GuiLauncher) (exitAfter, project) -> {
            throw new IllegalStateException("no display");
        });
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("rerank-workbench: error: unexpected failure: IllegalStateException: no display");
    }
}
