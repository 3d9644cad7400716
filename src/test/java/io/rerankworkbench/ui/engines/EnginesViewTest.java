package io.rerankworkbench.ui.engines;

import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.SearchEngineEntry;
import io.rerankworkbench.app.SearchEngineKindInfo;
import io.rerankworkbench.app.SearchEngineService;
import io.rerankworkbench.app.SearchEngineTestResult;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.Secrets;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real Search engines window, headless, over a real service in a temp folder and a scripted engine. */
@ExtendWith(ApplicationExtension.class)
class EnginesViewTest {

    @TempDir
    static Path tmp;

    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final RemoteHttp http = RemoteHttp.create();
    private SearchEngineService service;
    private MockWebServer server;

    @Start
    void start(Stage stage) throws Exception {
        server = new MockWebServer();
        server.start();
        Path config = Files.createTempDirectory(tmp, "config");
        service = new SearchEngineService(config, new Secrets(config, Map.of()), Map.of(), http);
        WorkbenchWindow.installTheme();
        EnginesViewModel vm = new EnginesViewModel(new FxTaskRunner(Map.of(Lane.IO, io, Lane.INFERENCE, io)),
                service);
        stage.setScene(EnginesWindow.createScene(vm, 1024, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
        io.shutdownNow();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void set(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    private static String error(FxRobot robot) {
        Label l = robot.lookup("#errorLabel").queryAs(Label.class);
        return l.isVisible() ? l.getText() : "";
    }

    @Test
    void formValidationNamesTheFieldAndSavesOnlyAValidEngine(FxRobot robot) throws Exception {
        set(robot, "#depthField", "lots");
        robot.clickOn("#saveButton");
        waitFor(() -> !error(robot).isEmpty());
        assertThat(error(robot)).isEqualTo("Depth: \"lots\" is not a whole number");

        set(robot, "#depthField", "50");
        robot.clickOn("#saveButton");
        waitFor(() -> error(robot).startsWith("Collection"));
        assertThat(error(robot)).isEqualTo("Collection: name the collection to search");
        assertThat(service.list()).isEmpty();

        robot.clickOn("#targetField").write("docs");
        robot.clickOn("#saveButton");
        ListView<?> list = robot.lookup("#enginesList").queryAs(ListView.class);
        waitFor(() -> list.getItems().size() == 1);
        assertThat(error(robot)).isEmpty();
        SearchEngineEntry saved = service.list().get(0);
        assertThat(saved.name()).isEqualTo("Solr");
        assertThat(saved.location()).isEqualTo("http://localhost:8983/solr/docs");
        assertThat(saved.depth()).isEqualTo(50);
        waitFor(() -> robot.lookup("#statusLabel").queryAs(Label.class).getText().startsWith("Saved \"Solr\""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void testConnectionShowsTheFirstHitsOrTheEnginesError(FxRobot robot) throws Exception {
        ChoiceBox<SearchEngineKindInfo> kind = robot.lookup("#kindChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> kind.setValue(kind.getItems().stream().filter(k -> k.id().equals("elasticsearch"))
                .findFirst().orElseThrow()));
        assertThat(robot.lookup("#targetLabel").queryAs(Label.class).getText()).isEqualTo("Index");
        assertThat(robot.lookup("#templateArea").queryAs(TextArea.class).getText()).contains("multi_match");
        assertThat(robot.lookup("#idField").queryAs(TextField.class).getText()).isEqualTo("_id");
        set(robot, "#baseUrlField", server.url("/").toString());
        set(robot, "#targetField", "products");
        set(robot, "#testQueryField", "trail shoe");

        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                {"hits": {"hits": [
                  {"_id": "p-1", "_score": 1.5, "_source": {"title": "Trail shoe", "text": "Grippy."}},
                  {"_id": "p-2", "_score": 0.5, "_source": {"title": "Road shoe", "text": "Light."}}]}}
                """).build());
        robot.clickOn("#testButton");
        TableView<SearchEngineTestResult.Hit> hits = robot.lookup("#hitsTable").queryAs(TableView.class);
        waitFor(() -> hits.getItems().size() == 2);
        assertThat(hits.getItems()).extracting(SearchEngineTestResult.Hit::id).containsExactly("p-1", "p-2");
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText())
                .startsWith("Elasticsearch answered in").endsWith("the first 2 hits for \"trail shoe\"");
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/products/_search");
        assertThat(r.getBody().utf8()).contains("\"query\":\"trail shoe\"");
        assertThat(service.list()).as("testing does not save").isEmpty();

        server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json").body(
                "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [products]\"},"
                        + "\"status\":404}").build());
        robot.clickOn("#testButton");
        waitFor(() -> !error(robot).isEmpty());
        assertThat(error(robot)).startsWith("Search engine \"Elasticsearch\"").endsWith("/products): HTTP 404: index_not_found_exception: no such index "
                + "[products]");
        assertThat(hits.getItems()).isEmpty();
    }
}
