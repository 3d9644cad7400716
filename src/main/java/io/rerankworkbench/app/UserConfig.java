package io.rerankworkbench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The user's configuration folder, where per-user settings (added models, later endpoints and recent projects)
 * live: {@code $XDG_CONFIG_HOME/rerank-workbench} or {@code ~/.config/rerank-workbench} on Linux,
 * {@code ~/Library/Application Support/Rerank Workbench} on macOS, {@code %APPDATA%\Rerank Workbench} on Windows.
 * The system property {@code rwb.config.dir} overrides it (tests, portable installs).
 */
public final class UserConfig {

    public static final String DIR_PROPERTY = "rwb.config.dir";
    /** Overrides {@link #projectsFolder()} (tests, portable installs). */
    public static final String PROJECTS_PROPERTY = "rwb.projects.dir";

    private UserConfig() {
    }

    public static Path directory() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, "Rerank Workbench");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Rerank Workbench");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "rerank-workbench")
                : Path.of(home, ".config", "rerank-workbench");
    }

    /**
     * Where the app puts projects it creates for the user (an opened sample): {@code Rerank Workbench} in the user's
     * Documents folder, or in the home folder when there is no Documents folder. The system property
     * {@code rwb.projects.dir} overrides it.
     */
    public static Path projectsFolder() {
        String override = System.getProperty(PROJECTS_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path documents = home.resolve("Documents");
        return Files.isDirectory(documents) ? documents.resolve("Rerank Workbench") : home.resolve("Rerank Workbench");
    }
}
