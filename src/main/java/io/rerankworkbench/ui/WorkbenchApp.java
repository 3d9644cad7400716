package io.rerankworkbench.ui;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.NamedThreads;
import io.rerankworkbench.app.UserConfig;
import io.rerankworkbench.app.WindowLayout;
import io.rerankworkbench.ui.common.FxDialogService;
import io.rerankworkbench.ui.labeling.LabelingWindow;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.models.ModelsWindow;
import io.rerankworkbench.ui.engines.EnginesWindow;
import io.rerankworkbench.ui.rankers.EndpointOps;
import io.rerankworkbench.ui.rankers.RankersWindow;
import io.rerankworkbench.ui.retrieve.RetrieveWindow;
import io.rerankworkbench.ui.several.SeveralRankersWindow;
import io.rerankworkbench.server.ServerConfig;
import io.rerankworkbench.ui.workbench.ServerToggleViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchViewModel;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** The JavaFX application: creates the composition root, shows the main window, closes everything on exit. */
public final class WorkbenchApp extends Application {

    private static final System.Logger LOG = System.getLogger(WorkbenchApp.class.getName());

    private static volatile long exitAfterMillis;
    private static volatile Path projectToOpen;

    private AppContext context;
    private ServerToggleViewModel serverToggle;
    private javafx.stage.Stage labeling;
    /** The main window, whose place and dividers {@link #stop()} saves for the next start. */
    private Stage mainStage;

    /**
     * Opens the window and blocks until it is closed.
     *
     * @param exitAfter close the app by itself after this many milliseconds (for scripted screenshots); 0 = never
     * @param project   a project file to open instead of the usual start-up project, or {@code null}
     */
    public static void launchWindow(long exitAfter, Path project) {
        exitAfterMillis = exitAfter;
        projectToOpen = project;
        // The services (settings, model library, HTTP client) are made while the toolkit starts, not after it.
        ExecutorService starter = NamedThreads.boundedPool("start-up", 1, 1);
        early = CompletableFuture.supplyAsync(AppContext::new, starter);
        starter.shutdown();
        Application.launch(WorkbenchApp.class);
    }

    /** The composition root being made by {@link #launchWindow}; null when the app was started another way. */
    private static volatile CompletableFuture<AppContext> early;

    @Override
    public void start(Stage stage) {
        // Before the first frame: waiting here delays the window's appearance, never a frame of a shown window.
        context = early != null ? early.join() : new AppContext();
        WorkbenchWindow.installTheme();
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        WorkbenchViewModel vm = new WorkbenchViewModel(tasks, context.catalog(),
                new FxDialogService(stage), context.projects());
        vm.setModelsWindow(ModelsWindow.opener(stage, tasks, context.rankers(), vm::modelLibraryChanged));
        vm.setEndpointsWindow(RankersWindow.opener(stage, tasks, EndpointOps.of(context.endpoints()),
                vm::modelLibraryChanged));
        vm.setSearchEnginesWindow(EnginesWindow.opener(stage, tasks, context.searchEngines()));
        vm.setSeveralRankersWindow(SeveralRankersWindow.opener(stage, tasks, context.rerankFlow(),
                FxDialogService::new, vm::runsChanged));
        vm.setRetrieveWindow(RetrieveWindow.opener(stage, tasks, context.retrievalFlow(), FxDialogService::new,
                vm::runsChanged));
        vm.setLabelingWindow(ids -> {
            closeLabeling();
            labeling = LabelingWindow.open(stage, tasks, context.projects().store(), ids, new FxDialogService(stage));
            labeling.setOnHidden(e -> vm.queries().reload(null));
        });
        // Before the project is replaced or the app quits, the labeling window writes its queued grades and closes.
        vm.project().setChangeGuard(change -> {
            if (labeling == null) {
                change.run();
            } else {
                LabelingWindow.whenSaved(labeling, () -> {
                    closeLabeling();
                    change.run();
                });
            }
        });
        serverToggle = new ServerToggleViewModel(tasks, context.rankers(), new FxDialogService(stage),
                ServerToggleViewModel.localServer(context.rankers(), ServerConfig.DEFAULT_PORT));
        vm.setServerToggle(serverToggle);
        Scene scene = WorkbenchWindow.createScene(vm, WorkbenchWindow.DEFAULT_WIDTH, WorkbenchWindow.DEFAULT_HEIGHT);
        WorkbenchWindow.dress(stage, scene);
        WorkbenchWindow.place(stage, WindowLayout.load(UserConfig.directory()));
        mainStage = stage;
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> LOG.log(System.Logger.Level.INFO,
                "Window shown {0} ms after JVM start",
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
        // Closing the window with an untitled project that has work in it asks first.
        stage.setOnCloseRequest(e -> {
            e.consume();
            vm.project().requestClose(stage::hide);
        });
        stage.show();
        vm.selectModel(context.catalog().defaultName());
        vm.startUp(projectToOpen);
        if (exitAfterMillis > 0) {
            new Timeline(new KeyFrame(Duration.millis(exitAfterMillis), e -> Platform.exit())).play();
        }
    }

    private void closeLabeling() {
        if (labeling != null) {
            labeling.close();
            labeling = null;
        }
    }

    @Override
    public void stop() {
        if (mainStage != null) {
            try {
                WorkbenchWindow.layoutOf(mainStage).save(UserConfig.directory());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not save the window's size and place: " + e.getMessage());
            }
        }
        if (serverToggle != null) {
            serverToggle.shutdown();
        }
        if (context != null) {
            context.close();
        }
    }
}
