package io.rerankworkbench.ui.compare;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.CompareService;
import io.rerankworkbench.app.CompareService.Side;
import io.rerankworkbench.app.RankingRef;
import io.rerankworkbench.store.ProjectStore;
import io.rerankworkbench.store.RunStatus;
import io.rerankworkbench.store.StoredVariant;
import io.rerankworkbench.testing.CompareFixture;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.FxTaskRunner;
import io.rerankworkbench.ui.common.FxmlScenes;
import io.rerankworkbench.ui.workbench.WorkbenchWindow;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compare window's pickers over {@link CompareFixture} with a variant of q1, "grilled steak", ranked by m1: the
 * variant's run is a side either picker offers, named with its phrasing, and choosing it compares the two phrasings.
 */
@ExtendWith(ApplicationExtension.class)
class CompareVariantsViewTest {

    @TempDir
    static Path tmp;

    private static AppContext context;
    private static ProjectStore store;
    private static long q1;

    private CompareViewModel vm;

    @BeforeAll
    static void project() throws Exception {
        context = new AppContext();
        store = ProjectStore.create(tmp.resolve("p.rwb"));
        CompareFixture.fill(store);
        StoredVariant grilled = CompareFixture.variant(store, "q1", "grilled steak");
        CompareFixture.variantRun(store, grilled, "m1", Map.of("a", 0.2, "b", 0.9, "c", 0.8, "d", 0.1),
                RunStatus.COMPLETED);
        q1 = grilled.queryId();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        context.close();
    }

    @Start
    void start(Stage stage) {
        WorkbenchWindow.installTheme();
        vm = new CompareViewModel(new FxTaskRunner(context.lanes()), new CompareService(() -> store),
                new RecordingDialogs());
        CompareView view = CompareWindow.create(vm, null);
        Scene scene = new Scene(view.root(), 1280, 800);
        scene.getStylesheets().add(FxmlScenes.appStylesheet(CompareWindow.class));
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVariantsRunIsASideEitherPickerOffersNamedWithItsPhrasing(FxRobot robot) throws Exception {
        fx(() -> {
            vm.open(q1);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.diffProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<Side> right = robot.lookup("#rightChoice").queryAs(ComboBox.class);
        assertThat(right.getItems()).extracting(Side::ref).contains(RankingRef.variantRun(1, 1));
        robot.clickOn(right);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<Side> list = (ListView<Side>) robot.lookup(".combo-box-popup .list-view").query();
        List<String> names = fx(() -> robot.from(list).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .map(c -> c.getText()).filter(t -> t != null).toList());
        assertThat(names).contains("Variant 1 · run 1 · m1 \u2014 \u201cgrilled steak\u201d (local bi-encoder)");
        Side variant = right.getItems().stream().filter(s -> s.ref().equals(RankingRef.variantRun(1, 1)))
                .findFirst().orElseThrow();
        fx(() -> {
            right.getSelectionModel().select(variant);
            right.hide();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.rightProperty().get()).isSameAs(variant);
        // the picker's face names the variant and its tooltip gives the whole phrasing
        ListCell<Side> face = (ListCell<Side>) right.getButtonCell();
        assertThat(face.getText()).startsWith("Variant 1 · run 1 · m1");
        assertThat(face.getTooltip().getText()).startsWith("Ranked for variant 1 of the query: \u201cgrilled steak\u201d");
        // the left side stays run 1, m1 on "steak"; the right is m1 on "grilled steak": b c a d
        assertThat(vm.diffProperty().get().sideB()).extracting(r -> r.docId()).containsExactly("b", "c", "a", "d");
    }
}
