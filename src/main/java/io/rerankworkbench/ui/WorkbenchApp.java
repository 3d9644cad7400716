package io.rerankworkbench.ui;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.ui.common.FxDialogService;
import io.rerankworkbench.ui.labeling.LabelingWindow;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.models.ModelsWindow;
import io.rerankworkbench.ui.rankers.EndpointOps;
import io.rerankworkbench.ui.rankers.RankersWindow;
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

/** The JavaFX application: creates the composition root, shows the main window, closes everything on exit. */
public final class WorkbenchApp extends Application {

    private static final System.Logger LOG = System.getLogger(WorkbenchApp.class.getName());

    private static volatile long exitAfterMillis;
    private static volatile Path projectToOpen;

    private AppContext context;
    private ServerToggleViewModel serverToggle;
    private javafx.stage.Stage labeling;

    /**
     * Opens the window and blocks until it is closed.
     *
     * @param exitAfter close the app by itself after this many milliseconds (for scripted screenshots); 0 = never
     * @param project   a project file to open instead of the usual start-up project, or {@code null}
     */
    public static void launchWindow(long exitAfter, Path project) {
        exitAfterMillis = exitAfter;
        projectToOpen = project;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        context = new AppContext();
        WorkbenchWindow.installTheme();
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        WorkbenchViewModel vm = new WorkbenchViewModel(tasks, context.catalog(),
                new FxDialogService(stage), context.projects());
        vm.setModelsWindow(ModelsWindow.opener(stage, tasks, context.rankers(), vm::modelLibraryChanged));
        vm.setEndpointsWindow(RankersWindow.opener(stage, tasks, EndpointOps.of(context.endpoints()),
                vm::modelLibraryChanged));
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
        if (serverToggle != null) {
            serverToggle.shutdown();
        }
        if (context != null) {
            context.close();
        }
    }
}
