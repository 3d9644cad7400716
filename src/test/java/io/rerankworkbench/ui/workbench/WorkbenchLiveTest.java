package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ProjectService;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.store.ImportProgress;
import io.rerankworkbench.store.NewCandidate;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.store.VariantRepository;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.live.VariantsViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live mode in the real window with the bundled bi-encoder: typing in the query field re-orders the table, and a
 * phrasing is kept as a variant with its ranking, listed beside the query and shown in the run picker.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchLiveTest {

    private static AppContext context;

    @TempDir
    static Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private WorkbenchViewModel vm;
    private ProjectService projects;
    private Path file;

    @Start
    void start(Stage stage) throws Exception {
        if (context == null) {
            context = new AppContext();
        }
        file = tmp.resolve("live-" + System.nanoTime() + ".rwb");
        Reranker model = context.rankers().open("all-MiniLM-L6-v2");
        try (ProjectStore store = ProjectStore.create(file)) {
            long q = store.addQuery("q1", "dried herbs").id();
            store.addCandidates(q, List.of(
                    new NewCandidate(1, "oregano", "Dried oregano keeps its flavour for a year in a dark jar."),
                    new NewCandidate(2, "basil", "Keep fresh basil stems in a glass of water on the counter."),
                    new NewCandidate(3, "bread", "Sourdough bread needs a long, slow rise."),
                    new NewCandidate(4, "steak", "Rest a grilled steak for five minutes before slicing.")),
                    ImportProgress.NONE);
            List<Candidate> candidates = store.candidates(q).stream().map(c -> c.candidate()).toList();
            Ranking kept = model.rerank(new Query("q1", "dried herbs"), candidates, ProgressListener.NONE,
                    CancellationToken.NONE);
            store.recordRun(q, kept, null, null, Instant.now(), Instant.now(), RunStatus.COMPLETED);
        }
        WorkbenchWindow.installTheme();
        projects = new ProjectService(tmp.resolve("config-" + System.nanoTime()));
        vm = new WorkbenchViewModel(new FxTaskRunner(context.lanes()),
                new io.rerankworkbench.app.RankerCatalog(context.rankers(), null), dialogs, projects);
        WorkbenchWindow.dress(stage, WorkbenchWindow.createScene(vm, 1280, 800));
        stage.show();
        vm.selectModel("all-MiniLM-L6-v2");
        vm.project().open(file);
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String top(TableView<ResultRow> table) {
        return table.getItems().stream().filter(r -> r.rank() == 1).findFirst().map(ResultRow::docId).orElse("");
    }

    @Test
    void typingInTheQueryFieldReordersTheTableAndAPhrasingIsKeptAsAVariant(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY && vm.results().rows().size() == 4);
        TableView<ResultRow> table = robot.lookup("#resultsTable").queryTableView();
        assertThat(top(table)).isEqualTo("oregano");
        assertThat(robot.lookup("#liveToggle").queryAs(ToggleButton.class).isSelected()).isTrue();
        TextField field = robot.lookup("#queryField").queryAs(TextField.class);
        assertThat(field.isEditable()).isTrue(); // the query has a run, yet live mode lets its text be tried

        robot.clickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("how to rest a grilled steak");
        waitFor(() -> "steak".equals(top(table)) && vm.live().shownProperty().get() != null
                && vm.live().shownProperty().get().text().equals("how to rest a grilled steak"));

        assertThat(robot.lookup("#liveBadge").queryAs(Label.class).isVisible()).isTrue();
        ResultRow steak = table.getItems().stream().filter(r -> r.docId().equals("steak")).findFirst().orElseThrow();
        assertThat(steak.originalRank()).isGreaterThan(1); // where it was before the edit
        assertThat(steak.rankChange()).isEqualTo(steak.originalRank() - 1);
        assertThat(robot.lookup("#blockedReasonLabel").queryAs(Label.class).getText())
                .startsWith("The query's text is fixed");
        Button keep = robot.lookup("#keepVariantButton").queryButton();
        waitFor(() -> !keep.isDisabled());
        robot.clickOn(keep);
        @SuppressWarnings("unchecked")
        ListView<VariantsViewModel.Phrasing> phrasings = robot.lookup("#phrasingsList").queryAs(ListView.class);
        waitFor(() -> phrasings.getItems().size() == 2 && vm.live().shownProperty().get() == null);

        assertThat(phrasings.isVisible()).isTrue();
        assertThat(phrasings.getSelectionModel().getSelectedItem().name()).isEqualTo("Variant 1");
        @SuppressWarnings("unchecked")
        ComboBox<io.rerankworkbench.store.StoredRun> runPicker = robot.lookup("#runPicker").queryAs(ComboBox.class);
        assertThat(runPicker.getValue().isVariant()).isTrue();
        assertThat(top(table)).isEqualTo("steak"); // the variant's kept run
        assertThat(field.getText()).isEqualTo("how to rest a grilled steak");
        assertThat(robot.lookup("#liveBadge").queryAs(Label.class).isVisible()).isFalse();

        // Rerank now reranks the selected phrasing, keeping the run as the variant's.
        robot.clickOn("#rerankButton");
        waitFor(() -> !vm.runningProperty().get() && vm.runs().size() == 2);
        assertThat(vm.runs()).allSatisfy(r -> assertThat(r.isVariant()).isTrue());
        assertThat(runPicker.getValue().number()).isEqualTo(2);
        assertThat(runPicker.getValue().ranking().query().text()).isEqualTo("how to rest a grilled steak");

        // Back to the query's own phrasing: its run and text return.
        robot.clickOn(robot.lookup(".phrasings-list .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        waitFor(() -> "oregano".equals(top(table)));
        assertThat(field.getText()).isEqualTo("dried herbs");
        assertThat(runPicker.getValue().isVariant()).isFalse();

        ProjectStore store = projects.store(); // what the window wrote to the project
        long q = store.listQueries().get(0).id();
        List<StoredVariant> variants = new VariantRepository(store).list(q);
        assertThat(variants).extracting(StoredVariant::text).containsExactly("how to rest a grilled steak");
        assertThat(new VariantRepository(store).runs(variants.get(0).id())).hasSize(2);
        assertThat(store.runs(q)).hasSize(1); // the query's own run alone
    }

    @Test
    void revertPutsTheKeptRankingBack(FxRobot robot) throws Exception {
        waitFor(() -> vm.modelStatusProperty().get() == ModelStatus.READY && vm.results().rows().size() == 4);
        TableView<ResultRow> table = robot.lookup("#resultsTable").queryTableView();
        robot.clickOn("#queryField");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("sourdough bread rise");
        waitFor(() -> "bread".equals(top(table)));

        robot.clickOn("#revertButton");
        waitFor(() -> "oregano".equals(top(table)));
        assertThat(robot.lookup("#queryField").queryAs(TextField.class).getText()).isEqualTo("dried herbs");
        assertThat(robot.lookup("#liveBadge").queryAs(Label.class).isVisible()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }
}
