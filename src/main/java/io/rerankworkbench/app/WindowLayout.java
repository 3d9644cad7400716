package io.rerankworkbench.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rerankworkbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the main window was and how its panes were divided when the user last closed it, and where it should open:
 * the saved place when it is still on a screen, else a size chosen for the screen. Kept in {@code window.json} in the
 * user's configuration folder. Toolkit-free: the window code converts screens to {@link Box}es.
 *
 * @param x         left edge of the window when not maximised
 * @param y         top edge
 * @param width     width when not maximised
 * @param height    height when not maximised
 * @param maximized whether the window was maximised
 * @param dividers  divider offsets of the window's split panes, in pixels from each pane's left (or top) edge, by a
 *                  name the window gives each pane: pixels, so panes that keep their width as the window grows
 *                  reopen as wide as they were
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                           Map<String, List<Double>> dividers) {

    static final String FILE = "window.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The smallest window every control is laid out for (see the layout test). */
    public static final double MIN_WIDTH = 1000;
    public static final double MIN_HEIGHT = 660;
    /** A new window never opens larger than this: wider lines of text are harder to read, not easier. */
    static final double LARGEST_FIRST_WIDTH = 1680;
    static final double LARGEST_FIRST_HEIGHT = 1050;
    /** How much of a saved window's title bar must still be on a screen for the saved place to be used. */
    private static final double VISIBLE_TITLE = 120;

    public WindowLayout {
        dividers = dividers == null ? Map.of() : Map.copyOf(dividers);
    }

    /** A rectangle on the desktop, in the toolkit's coordinates. */
    public record Box(double x, double y, double width, double height) {
        boolean overlapsTitleOf(double wx, double wy, double ww) {
            double left = Math.max(x, wx);
            double right = Math.min(x + width, wx + ww);
            // The title bar is the top ~30 px of the window; some of it must be on this screen, wide enough to grab.
            return right - left >= Math.min(VISIBLE_TITLE, ww) && wy >= y - 10 && wy < y + height - 30;
        }
    }

    /**
     * Where the window opens: the saved place when enough of its title bar is on one of {@code screens} (visual
     * bounds, without task bars), clamped to that screen; otherwise centred on {@code primary} at nine tenths of it
     * (all of it when nine tenths is less than {@link #MIN_WIDTH} × {@link #MIN_HEIGHT}), at most
     * {@link #LARGEST_FIRST_WIDTH} × {@link #LARGEST_FIRST_HEIGHT}. The maximised flag and dividers are kept.
     */
    public static WindowLayout placement(Optional<WindowLayout> saved, List<Box> screens, Box primary) {
        if (saved.isPresent()) {
            WindowLayout s = saved.get();
            for (Box screen : screens) {
                if (s.width > 0 && s.height > 0 && screen.overlapsTitleOf(s.x, s.y, s.width)) {
                    double w = Math.min(s.width, screen.width());
                    double h = Math.min(s.height, screen.height());
                    double x = Math.max(screen.x(), Math.min(s.x, screen.x() + screen.width() - w));
                    double y = Math.max(screen.y(), Math.min(s.y, screen.y() + screen.height() - h));
                    return new WindowLayout(x, y, w, h, s.maximized, s.dividers);
                }
            }
        }
        double w = firstSize(primary.width(), MIN_WIDTH, LARGEST_FIRST_WIDTH);
        double h = firstSize(primary.height(), MIN_HEIGHT, LARGEST_FIRST_HEIGHT);
        double x = primary.x() + Math.round((primary.width() - w) / 2);
        double y = primary.y() + Math.round((primary.height() - h) / 2);
        boolean maximized = saved.map(WindowLayout::maximized).orElse(false);
        return new WindowLayout(x, y, w, h, maximized, saved.map(WindowLayout::dividers).orElse(Map.of()));
    }

    /** Nine tenths of the screen, within the limits; all of a screen too small for nine tenths to be enough. */
    private static double firstSize(double screen, double min, double max) {
        double most = Math.round(screen * 0.9);
        return most < min ? screen : Math.min(most, max);
    }

    /** The saved layout, or empty when none was saved or the file cannot be read (the window then picks a size). */
    public static Optional<WindowLayout> load(Path configFolder) {
        Path file = configFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), WindowLayout.class));
        } catch (IOException e) {
            System.getLogger(WindowLayout.class.getName()).log(System.Logger.Level.WARNING,
                    "Ignoring unreadable " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Saves this layout for the next start (atomically: a crash leaves the old file or the new one). */
    public void save(Path configFolder) throws IOException {
        Files.createDirectories(configFolder);
        AtomicFiles.write(configFolder.resolve(FILE), out -> JSON.writeValue(out, this));
    }
}
