package io.rerankworkbench.app;

import io.rerankworkbench.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Who is labeling: the annotator name the "Start labeling session" form is prefilled with. It is a per-user
 * setting, kept in {@code labeling.properties} in the user's configuration folder ({@link UserConfig}), not in the
 * project: a project is shared by the annotators whose agreement it measures, so a name stored in it would greet the
 * next person with the previous one's name. Until a name was saved, the operating-system user name is offered.
 *
 * <p>Threading: reads and writes a file; call from the {@code io} lane.
 */
public final class AnnotatorSettings {

    static final String FILE = "labeling.properties";
    private static final String KEY = "annotator";

    private final Path folder;

    /** Settings in {@code configFolder} (the app passes {@link UserConfig#directory()}). */
    public AnnotatorSettings(Path configFolder) {
        this.folder = configFolder;
    }

    /** The saved annotator name, or the system user name when none was saved or the file cannot be read. */
    public String annotator() {
        Path file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
                String name = properties.getProperty(KEY);
                if (name != null && !name.isBlank()) {
                    return name.strip();
                }
            } catch (IOException | IllegalArgumentException e) {
                System.getLogger(AnnotatorSettings.class.getName()).log(System.Logger.Level.WARNING,
                        "Ignoring unreadable " + file + ": " + e.getMessage());
            }
        }
        return System.getProperty("user.name", "");
    }

    /** Remembers the name for the next session. */
    public void saveAnnotator(String name) {
        Properties properties = new Properties();
        properties.setProperty(KEY, name.strip());
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve(FILE), out -> properties.store(out, "Rerank Workbench labeling"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the annotator name in " + folder + ": " + e.getMessage(), e);
        }
    }
}
