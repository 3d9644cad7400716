package io.rerankworkbench.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress bar, driven by a fake clock: no sleeping. */
class StderrProgressTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final StderrProgress progress = new StderrProgress(err, now::get, "Scoring");

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(long millisSinceStart) {
        now.set(1_000 * MS + millisSinceStart * MS);
    }

    @Test
    void printsNothingDuringTheFirstTwoSeconds() {
        progress.progress(0, 1000);
        at(1_000);
        progress.progress(500, 1000);
        at(1_999);
        progress.progress(1000, 1000);
        progress.finish();
        assertThat(printed()).isEmpty();
    }

    @Test
    void drawsOneLineAfterTwoSecondsAndEndsItWithANewline() {
        progress.progress(0, 1000);
        at(2_000);
        progress.progress(512, 1000);
        assertThat(printed()).isEqualTo("\rScoring [##########..........] 512/1000 documents");
        at(2_500);
        progress.progress(1000, 1000);
        progress.finish();
        assertThat(printed())
                .endsWith("\rScoring [####################] 1000/1000 documents\n")
                .containsOnlyOnce("\n");
    }

    @Test
    void redrawsAtMostTenTimesASecondButAlwaysShowsCompletion() {
        at(2_000);
        progress.progress(100, 1000);
        at(2_050);
        progress.progress(200, 1000);   // throttled
        at(2_100);
        progress.progress(300, 1000);
        at(2_120);
        progress.progress(1000, 1000);  // completion is never throttled
        assertThat(printed().split("\r", -1)).hasSize(4);
        assertThat(printed()).doesNotContain("200/1000").endsWith("1000/1000 documents");
        progress.finish();
        assertThat(printed().split("\r", -1)).as("finish does not redraw a drawn state").hasSize(4);
    }

    @Test
    void finishDrawsAThrottledLatestStateBeforeTheNewline() {
        at(2_000);
        progress.progress(100, 1000);
        at(2_010);
        progress.progress(200, 1000);
        progress.finish();
        assertThat(printed()).endsWith("\rScoring [####................] 200/1000 documents\n");
    }

    @Test
    void renderHandlesEmptyAndOverfullCounts() {
        assertThat(StderrProgress.render("Scoring", 0, 0)).isEqualTo("Scoring [....................] 0/0 documents");
        assertThat(StderrProgress.render("Scoring", 5, 3)).startsWith("Scoring [####################]");
    }
}
