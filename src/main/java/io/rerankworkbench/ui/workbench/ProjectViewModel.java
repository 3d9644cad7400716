package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppInfo;
import io.rerankworkbench.app.BackgroundTask;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.ui.common.DialogService;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The project behind the window: new, open, open recent, save as, and what to do with an untitled project when the
 * window closes. The window title names the project. Work on files runs on the IO lane; when the project changes,
 * the listener given to the constructor hears of it (with the query to select, or null).
 */
public final class ProjectViewModel {

    static final List<DialogService.FileType> PROJECT_FILES = List.of(
            new DialogService.FileType("Rerank Workbench projects (*.rwb)", "*.rwb"));

    private final TaskRunner tasks;
    private final ProjectService projects;
    private final DialogService dialogs;
    private final Consumer<String> status;
    private Consumer<Long> projectChanged = id -> { };
    /** Lets work on the open project finish before it is replaced (the labeling window's queued grades). */
    private Consumer<Runnable> changeGuard = Runnable::run;
    private java.util.function.BooleanSupplier activityRunning = () -> false;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(AppInfo.NAME);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private Path lastFolder;

    public ProjectViewModel(TaskRunner tasks, ProjectService projects, DialogService dialogs, Consumer<String> status) {
        this.tasks = tasks;
        this.projects = projects;
        this.dialogs = dialogs;
        this.status = status;
    }

    /** Who hears that another project is open (or the open one was filled by an import). */
    public void setProjectChanged(Consumer<Long> listener) {
        this.projectChanged = listener == null ? id -> { } : listener;
    }

    /**
     * Installs what runs before another project replaces the open one, or the window closes: it gets the change as a
     * {@code Runnable} and runs it when work on the old project is done (and windows on it are closed).
     */
    public void setChangeGuard(Consumer<Runnable> guard) {
        this.changeGuard = guard == null ? Runnable::run : guard;
    }

    /** How to tell that a rerank or import is running; project commands wait until it ends. */
    void setActivityRunning(java.util.function.BooleanSupplier running) {
        this.activityRunning = running;
    }

    private boolean blocked() {
        if (busy.get() || activityRunning.getAsBoolean()) {
            status.accept("Wait for the running work to finish (or cancel it) before changing the project.");
            return true;
        }
        return false;
    }

    public ProjectService service() {
        return projects;
    }

    /** Starts a new, empty untitled project in place of the current one. */
    public void newProject() {
        if (blocked() || !confirmLeavingUntitled("Start a new project")) {
            return;
        }
        changeGuard.accept(() -> run("new project", () -> projects.newUntitled(), store -> {
            status.accept("New project. Add a query, or import a query set (File → Import…).");
            changed(null);
        }, "Could not create a project"));
    }

    /** Asks for a project file and opens it. */
    public void requestOpen() {
        if (blocked() || !confirmLeavingUntitled("Open a project")) {
            return;
        }
        dialogs.chooseOpenFiles("Open project", lastFolder, PROJECT_FILES, false).stream().findFirst()
                .ifPresent(this::openUnchecked);
    }

    /** Opens a project file (from Open Recent, a dropped file, the command line). */
    public void open(Path file) {
        if (!blocked() && confirmLeavingUntitled("Open " + file.getFileName())) {
            openUnchecked(file);
        }
    }

    private void openUnchecked(Path file) {
        lastFolder = file.toAbsolutePath().getParent();
        changeGuard.accept(() -> run("open project", () -> projects.open(file), store -> {
            status.accept("Opened " + file.getFileName() + ".");
            changed(null);
        }, "Could not open " + file.getFileName()));
    }

    /** Asks where to save the project and continues working there. */
    public void requestSaveAs() {
        if (!projects.isOpen() || blocked()) {
            return;
        }
        String name = projects.isUntitled() ? "project.rwb" : projects.store().file().getFileName().toString();
        dialogs.chooseSaveFile("Save project as", lastFolder, name, "Rerank Workbench projects", "rwb")
                .ifPresent(this::saveAs);
    }

    /** Saves the project as {@code target} (replacing it) and continues there. */
    public void saveAs(Path target) {
        lastFolder = target.toAbsolutePath().getParent();
        changeGuard.accept(() -> run("save project as", () -> projects.saveAs(target), store -> {
            status.accept("Saved as " + store.file() + ". Every change is saved as you work.");
            changed(null);
        }, "Could not save the project as " + target.getFileName()));
    }

    /**
     * Called when the window is about to close. An untitled project with queries is offered for saving first.
     *
     * @param proceed runs (on this thread) once the project is closed or saved; not run when the user cancels
     */
    public void requestClose(Runnable proceed) {
        changeGuard.accept(() -> closeChecked(proceed));
    }

    private void closeChecked(Runnable proceed) {
        if (!projects.isOpen() || !projects.isUntitled()) {
            proceed.run();
            return;
        }
        tasks.submit(BackgroundTask.of("check project", Lane.IO, (p, c) -> projects.untitledHasContent())
                .onSuccess(hasContent -> {
                    if (!hasContent) {
                        proceed.run();
                        return;
                    }
                    int choice = dialogs.choose("Save the untitled project?",
                            "Your queries, runs and grades are in an untitled project. Save it to keep them; "
                                    + "Discard deletes it.", List.of("Save As…", "Discard", "Cancel"));
                    if (choice == 0) {
                        dialogs.chooseSaveFile("Save project as", lastFolder, "project.rwb",
                                "Rerank Workbench projects", "rwb").ifPresent(target ->
                                run("save project as", () -> projects.saveAs(target), s -> proceed.run(),
                                        "Could not save the project as " + target.getFileName()));
                    } else if (choice == 1) {
                        run("discard project", () -> {
                            projects.closeProject(false);
                            return null;
                        }, x -> proceed.run(), "Could not delete the untitled project");
                    }
                })
                .onFailure(e -> proceed.run()));
    }

    /** Re-reads the recent list (after a project opened or was saved). */
    public void refreshRecent() {
        tasks.submit(BackgroundTask.of("recent projects", Lane.IO, (p, c) -> projects.recentProjects())
                .onSuccess(recent::setAll));
    }

    /** Tells listeners the project changed and brings the title and recent list up to date. */
    void changed(Long selectQuery) {
        open.set(projects.isOpen());
        refreshTitle();
        refreshRecent();
        projectChanged.accept(selectQuery);
    }

    private void refreshTitle() {
        if (!projects.isOpen()) {
            title.set(AppInfo.NAME);
        } else if (projects.isUntitled()) {
            title.set("Untitled project (not saved) — " + AppInfo.NAME);
        } else {
            Path file = projects.store().file();
            title.set(file.getFileName() + " — " + file.getParent() + " — " + AppInfo.NAME);
        }
    }

    /**
     * An untitled project with content would be deleted by replacing it: ask first. Returns whether to go on.
     * (Only a quick check on the FX thread: the query count is read from the list the window already shows.)
     */
    boolean confirmLeavingUntitled(String action) {
        if (!projects.isOpen() || !projects.isUntitled() || untitledEmpty.getAsBoolean()) {
            return true;
        }
        int choice = dialogs.choose(action, "The untitled project has queries that were never saved. Replacing it "
                + "deletes them.", List.of("Save As First…", "Discard It", "Cancel"));
        if (choice == 0) {
            requestSaveAs();
            return false;
        }
        return choice == 1;
    }

    private java.util.function.BooleanSupplier untitledEmpty = () -> true;

    /** How to tell, on the FX thread, that the untitled project is empty (the queries panel knows). */
    public void setUntitledEmpty(java.util.function.BooleanSupplier check) {
        this.untitledEmpty = check;
    }

    @FunctionalInterface
    interface StoreWork<T> {
        T run() throws Exception;
    }

    private <T> void run(String name, StoreWork<T> work, Consumer<T> done, String failureTitle) {
        busy.set(true);
        tasks.submit(BackgroundTask.of(name, Lane.IO, (p, c) -> work.run())
                .onSuccess(done)
                .onFailure(e -> {
                    status.accept(failureTitle + ".");
                    dialogs.showError(failureTitle, WorkbenchViewModel.userMessage(e), null);
                })
                .always(() -> busy.set(false)));
    }

    /** Runs {@code change} once work on the open project is done and windows on it are closed. */
    void beforeChange(Runnable change) {
        changeGuard.accept(change);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ObservableList<Path> recentProjects() {
        return FXCollections.unmodifiableObservableList(recent);
    }

}
