package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.app.RankerCatalog;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import io.rerankworkbench.ui.common.FxTaskRunner;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Models → Serve over HTTP, chosen in the real menu with the mouse and with the keyboard, starts and stops a server. */
@ExtendWith(ApplicationExtension.class)
class ServeMenuTest {

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private AppContext context;
    private ServerToggleViewModel toggle;
    private ProjectService projects;

    @Start
    void start(Stage stage) {
        RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()), ModelLibraryStore.inMemory(),
                spec -> new WordOverlapReranker(100));
        context = new AppContext(rankers, tmp.resolve("config"), Map.of());
        FxTaskRunner tasks = new FxTaskRunner(context.lanes());
        projects = new ProjectService(tmp.resolve("config"));
        WorkbenchViewModel vm = new WorkbenchViewModel(tasks, new RankerCatalog(rankers, null), dialogs, projects);
        // Port 0: a free port, so the test never collides with a workbench serving on 8089.
        toggle = new ServerToggleViewModel(tasks, rankers, dialogs, ServerToggleViewModel.localServer(rankers, 0));
        vm.setServerToggle(toggle);
        WorkbenchWindow.installTheme();
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() throws IOException {
        toggle.shutdown();
        projects.close();
        context.close();
    }

    @Test
    void theMenuItemStartsAServerThatAnswersAndStopsIt(FxRobot robot) throws Exception {
        CheckMenuItem item = serveItem(robot);
        robot.clickOn("Models").clickOn("Serve over HTTP (Cohere API on 127.0.0.1:8089)");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> toggle.servingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(item.isSelected()).isTrue();
        String address = address();
        assertThat(get(address + "/health").statusCode()).isEqualTo(200);

        robot.clickOn("Models").clickOn("Serve over HTTP (Cohere API on 127.0.0.1:8089)");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !toggle.servingProperty().get()
                && !toggle.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(item.isSelected()).isFalse();
        assertThatThrownBy(() -> get(address + "/health")).isInstanceOf(IOException.class);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theKeyboardReachesItToo(FxRobot robot) throws Exception {
        CheckMenuItem item = serveItem(robot);
        robot.clickOn("Models");
        robot.type(KeyCode.DOWN, 2).type(KeyCode.ENTER); // past "Manage models…" and the separator
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> toggle.servingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(item.isSelected()).isTrue();
        assertThat(get(address() + "/health").statusCode()).isEqualTo(200);
        assertThat(dialogs.errors).isEmpty();
    }

    private static CheckMenuItem serveItem(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "serveMenuItem".equals(i.getId())).map(CheckMenuItem.class::cast).findFirst()
                .orElseThrow();
    }

    private String address() {
        String status = toggle.statusProperty().get();
        return status.substring(status.indexOf("http://"));
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
