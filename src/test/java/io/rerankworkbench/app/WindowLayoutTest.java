package io.rerankworkbench.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WindowLayoutTest {

    private static final WindowLayout.Box LAPTOP = new WindowLayout.Box(0, 0, 1280, 800);
    private static final WindowLayout.Box BIG = new WindowLayout.Box(0, 0, 2560, 1440);
    private static final WindowLayout.Box SMALL = new WindowLayout.Box(0, 0, 1024, 700);

    @TempDir
    Path tmp;

    @Test
    void aFirstStartOpensAtMostOfTheScreenCentred() {
        WindowLayout laptop = WindowLayout.placement(Optional.empty(), List.of(LAPTOP), LAPTOP);
        assertThat(laptop.width()).isEqualTo(1152);
        assertThat(laptop.height()).isEqualTo(720);
        assertThat(laptop.x()).isEqualTo(64);
        assertThat(laptop.y()).isEqualTo(40);
        assertThat(laptop.maximized()).isFalse();

        WindowLayout big = WindowLayout.placement(Optional.empty(), List.of(BIG), BIG);
        assertThat(big.width()).as("never wider than reads well").isEqualTo(1680);
        assertThat(big.height()).isEqualTo(1050);

        WindowLayout small = WindowLayout.placement(Optional.empty(), List.of(SMALL), SMALL);
        assertThat(small.width()).as("the whole small screen, not less than the layout needs").isEqualTo(1024);
        assertThat(small.height()).isEqualTo(700);
    }

    @Test
    void aSavedPlaceIsKeptWhileItIsOnAScreen() {
        WindowLayout saved = new WindowLayout(2600, 100, 1500, 900, true, Map.of("mainSplit", List.of(260.0, 600.0)));
        WindowLayout.Box second = new WindowLayout.Box(2560, 0, 1920, 1080);
        WindowLayout placed = WindowLayout.placement(Optional.of(saved), List.of(BIG, second), BIG);
        assertThat(placed).isEqualTo(saved);
    }

    @Test
    void aSavedPlaceOnAScreenThatIsGoneFallsBackToTheDefaultButKeepsDividersAndMaximised() {
        WindowLayout saved = new WindowLayout(2600, 100, 1500, 900, true, Map.of("mainSplit", List.of(260.0, 600.0)));
        WindowLayout placed = WindowLayout.placement(Optional.of(saved), List.of(LAPTOP), LAPTOP);
        assertThat(placed.x()).isEqualTo(64);
        assertThat(placed.width()).isEqualTo(1152);
        assertThat(placed.maximized()).isTrue();
        assertThat(placed.dividers()).isEqualTo(saved.dividers());
    }

    @Test
    void aSavedWindowLargerThanTheScreenNowIsFittedToIt() {
        WindowLayout saved = new WindowLayout(100, 50, 2400, 1300, false, Map.of());
        WindowLayout placed = WindowLayout.placement(Optional.of(saved), List.of(LAPTOP), LAPTOP);
        assertThat(placed.width()).isEqualTo(1280);
        assertThat(placed.height()).isEqualTo(800);
        assertThat(placed.x()).isZero();
        assertThat(placed.y()).isZero();
    }

    @Test
    void itIsSavedAndReadBackAndABrokenFileIsIgnored() throws Exception {
        WindowLayout layout = new WindowLayout(10, 20, 1300, 820, false,
                Map.of("mainSplit", List.of(250.0, 570.0), "resultsSplit", List.of(520.0)));
        layout.save(tmp);
        assertThat(WindowLayout.load(tmp)).contains(layout);

        Files.writeString(tmp.resolve("window.json"), "{not json");
        assertThat(WindowLayout.load(tmp)).isEmpty();
        assertThat(WindowLayout.load(tmp.resolve("nowhere"))).isEmpty();
    }
}
