package io.rerankworkbench.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rerankworkbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The File → Open Recent list, newest first, kept as {@code recent-projects.json} in the user's configuration
 * folder. Files that no longer exist are left out when listed. A broken file is treated as an empty list.
 * Blocks on disk: call from a background lane.
 */
public final class RecentProjects {

    public static final int LIMIT = 10;

    private static final System.Logger LOG = System.getLogger(RecentProjects.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private record Saved(List<String> projects) {
    }

    private final Path file;

    public RecentProjects(Path configDirectory) {
        this.file = configDirectory.resolve("recent-projects.json");
    }

    /** Existing project files, newest first. */
    public synchronized List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (String p : load()) {
            Path path = Path.of(p);
            if (Files.isRegularFile(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** Puts {@code project} at the top of the list (moving it there if it is already listed). */
    public synchronized void add(Path project) throws IOException {
        String key = project.toAbsolutePath().normalize().toString();
        List<String> projects = new ArrayList<>(load());
        projects.remove(key);
        projects.add(0, key);
        save(projects.subList(0, Math.min(LIMIT, projects.size())));
    }

    public synchronized void remove(Path project) throws IOException {
        List<String> projects = new ArrayList<>(load());
        if (projects.remove(project.toAbsolutePath().normalize().toString())) {
            save(projects);
        }
    }

    private List<String> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Saved saved = JSON.readValue(file.toFile(), Saved.class);
            return saved == null || saved.projects() == null ? List.of() : saved.projects();
        } catch (JsonProcessingException e) {
            LOG.log(System.Logger.Level.WARNING, file + ": not a valid list of recent projects ("
                    + e.getOriginalMessage() + "); starting a new one");
            return List.of();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, file + ": could not be read (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private void save(List<String> projects) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = JSON.writeValueAsBytes(new Saved(List.copyOf(projects)));
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
