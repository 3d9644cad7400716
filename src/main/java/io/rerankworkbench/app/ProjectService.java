package io.rerankworkbench.app;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.store.ProjectOpenException;
import io.rerankworkbench.store.ProjectStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The project a window works on: opening, creating (an untitled project lives in a file under the configuration
 * folder's {@code unsaved/} until Save As), saving as, closing and the recent list ({@link RerankFlow} reranks the
 * project's queries). Every method that touches a file blocks: call from a background lane. One project at a time.
 */
public final class ProjectService implements AutoCloseable {

    private static final DateTimeFormatter UNTITLED_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS",
            Locale.ROOT);

    private final Path unsavedFolder;
    private final Path projectsFolder;
    private final RecentProjects recent;
    private final Path startedMarker;
    private static final System.Logger LOG = System.getLogger(ProjectService.class.getName());

    // Volatile so the JavaFX thread can read them without waiting for a long open or save on another thread.
    private volatile ProjectStore store;
    private volatile boolean untitled;

    /** Projects of the user in {@code configDirectory}; samples are copied to {@link UserConfig#projectsFolder()}. */
    public ProjectService(Path configDirectory) {
        this(configDirectory, UserConfig.projectsFolder());
    }

    /** As above, with samples copied to {@code projectsFolder}. */
    public ProjectService(Path configDirectory, Path projectsFolder) {
        this.projectsFolder = projectsFolder;
        this.unsavedFolder = configDirectory.resolve("unsaved");
        this.recent = new RecentProjects(configDirectory);
        this.startedMarker = configDirectory.resolve("started");
    }

    /** The open project. Never blocks. */
    public ProjectStore store() {
        ProjectStore open = store;
        if (open == null) {
            throw new IllegalStateException("no project is open");
        }
        return open;
    }

    /** Never blocks. */
    public boolean isOpen() {
        return store != null;
    }

    /** Whether the open project has never been saved under a name of the user's choosing. Never blocks. */
    public boolean isUntitled() {
        return untitled;
    }

    /** Closes the open project (an untitled one is deleted) and starts a new, empty untitled project. */
    public synchronized ProjectStore newUntitled() throws ProjectOpenException, IOException {
        Files.createDirectories(unsavedFolder);
        Path file = unsavedFolder.resolve("untitled-" + LocalDateTime.now().format(UNTITLED_STAMP) + ".rwb");
        ProjectStore created = ProjectStore.create(file);
        replaceWith(created, true);
        return created;
    }

    /**
     * Opens a project file in place of the current one. When it cannot be opened (locked by another window, not a
     * project, newer format) the current project stays open and the exception says why.
     */
    public synchronized ProjectStore open(Path file) throws ProjectOpenException, IOException {
        Path path = file.toAbsolutePath().normalize();
        if (store != null && store.file().equals(path)) {
            return store;
        }
        ProjectStore opened = ProjectStore.open(path);
        replaceWith(opened, false);
        remember(path);
        return opened;
    }

    /**
     * Saves the open project under a new name and continues there. The copy is complete before the old file is
     * closed; an untitled project's temporary file is then deleted.
     */
    public synchronized ProjectStore saveAs(Path target) throws ProjectOpenException, IOException {
        Path path = target.toAbsolutePath().normalize();
        ProjectStore current = store();
        if (path.equals(current.file())) {
            return current;
        }
        // Copy first: the file being replaced is touched only once a complete copy exists beside it.
        Path partial = path.resolveSibling(path.getFileName() + ".saving");
        try {
            Files.deleteIfExists(partial);
            current.copyTo(partial);
            if (Files.exists(path)) {
                // The chooser already asked the user; a project open elsewhere is protected by its lock.
                ProjectStore.deleteProjectFiles(path);
            }
            Files.move(partial, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        ProjectStore reopened = ProjectStore.open(path);
        replaceWith(reopened, false);
        remember(path);
        return reopened;
    }

    /**
     * Makes {@code next} the open project, then closes the previous one (deleting it when it was untitled). A failure
     * to close or delete the old file is logged: the new project is open either way.
     */
    private void replaceWith(ProjectStore next, boolean nextUntitled) {
        ProjectStore previous = store;
        boolean previousUntitled = untitled;
        store = next;
        untitled = nextUntitled;
        if (previous == null) {
            return;
        }
        try {
            previous.close();
            if (previousUntitled) {
                ProjectStore.deleteProjectFiles(previous.file());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not close or delete " + previous.file() + ": "
                    + e.getMessage());
        }
    }

    /** Puts a project on the recent list; a list that cannot be written is not worth failing the open for. */
    private void remember(Path project) {
        try {
            recent.add(project);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not update the recent projects: " + e.getMessage());
        }
    }

    /**
     * Reopens the newest untitled project left in the unsaved folder (the app quit or crashed while it was open),
     * as the untitled project. Empty leftovers are deleted.
     *
     * @return whether one with queries was reopened
     */
    public synchronized boolean recoverUntitled() throws IOException {
        if (!Files.isDirectory(unsavedFolder)) {
            return false;
        }
        List<Path> leftovers;
        try (var files = Files.list(unsavedFolder)) {
            leftovers = files.filter(f -> f.getFileName().toString().matches("untitled-.*\\.rwb"))
                    .sorted(java.util.Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                    .toList();
        }
        for (Path file : leftovers) {
            ProjectStore opened;
            try {
                opened = ProjectStore.open(file);
            } catch (ProjectOpenException e) {
                continue; // open in another window, or damaged: leave it alone
            }
            boolean empty;
            try {
                empty = opened.listQueries().isEmpty();
            } catch (RuntimeException e) {
                opened.close();
                continue; // unreadable: leave it for the user to look at
            }
            if (empty) {
                opened.close();
                ProjectStore.deleteProjectFiles(file);
                continue;
            }
            replaceWith(opened, true);
            return true;
        }
        return false;
    }

    /**
     * Opens a sample as a project file of its own in the projects folder ({@code home-cooking.rwb}, or
     * {@code home-cooking-2.rwb} when that exists), so it is saved as the user works like any other project. Nothing
     * is left behind when the import fails.
     *
     * @return how the import went (a sample that does not import is a bug in the build; the caller shows why)
     */
    public synchronized ProjectTransferService.ImportOutcome openSample(Samples.Sample sample,
                                                                        ProjectTransferService transfers,
                                                                        io.rerankworkbench.store.ImportProgress progress,
                                                                        CancellationToken cancel)
            throws IOException, ProjectOpenException {
        Path bundle = Samples.extract(sample, unsavedFolder.resolve("samples"));
        Files.createDirectories(projectsFolder);
        Path file = freeName(projectsFolder, sample.id()).toAbsolutePath().normalize();
        ProjectStore created = ProjectStore.create(file);
        boolean kept = false;
        try {
            ProjectTransferService.ImportOutcome outcome = transfers.importInto(created, List.of(bundle),
                    new ProjectTransferService.ImportSettings("bundle", false), progress, cancel);
            if (outcome.written()) {
                replaceWith(created, false);
                remember(file);
                kept = true;
            }
            return outcome;
        } finally {
            if (!kept) {
                created.close();
                ProjectStore.deleteProjectFiles(file);
            }
            Files.deleteIfExists(bundle);
        }
    }

    /** {@code folder/name.rwb}, or the first of {@code name-2.rwb}, {@code name-3.rwb}, … that does not exist. */
    private static Path freeName(Path folder, String name) {
        Path file = folder.resolve(name + ".rwb");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(name + "-" + n + ".rwb");
        }
        return file;
    }

    /** Where samples are copied to when opened. */
    public Path projectsFolder() {
        return projectsFolder;
    }

    /** Recent project files that still exist, newest first. */
    public List<Path> recentProjects() {
        return recent.list();
    }

    public void forgetRecent(Path project) throws IOException {
        recent.remove(project);
    }

    /**
     * Whether the open project holds anything worth asking about before it is thrown away (an untitled project
     * with at least one query).
     */
    public synchronized boolean untitledHasContent() {
        return untitled && store != null && !store.listQueries().isEmpty();
    }

    private void closeCurrent(boolean deleteUntitled) throws IOException {
        if (store == null) {
            return;
        }
        Path file = store.file();
        boolean wasUntitled = untitled;
        store.close();
        store = null;
        untitled = false;
        if (wasUntitled && deleteUntitled) {
            ProjectStore.deleteProjectFiles(file);
        }
    }

    /** Closes the open project; an untitled one is deleted unless {@code keepUntitled}. */
    public synchronized void closeProject(boolean keepUntitled) throws IOException {
        closeCurrent(!keepUntitled);
    }

    @Override
    public synchronized void close() throws IOException {
        closeCurrent(false);
    }

    /** Whether the app has never started with this configuration folder before (then it opens a sample). */
    public boolean firstStart() {
        return !Files.exists(startedMarker);
    }

    /** Remembers that the app has started once. */
    public void markStarted() throws IOException {
        Files.createDirectories(startedMarker.getParent());
        if (!Files.exists(startedMarker)) {
            Files.writeString(startedMarker, "The app has started with this configuration folder.\n");
        }
    }

    /** The folder that holds untitled projects. */
    public Path unsavedFolder() {
        return unsavedFolder;
    }
}
