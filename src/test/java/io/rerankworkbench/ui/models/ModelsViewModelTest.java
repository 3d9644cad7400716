package io.rerankworkbench.ui.models;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ExecutorTaskRunner;
import io.rerankworkbench.app.Lane;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.app.TaskRunner;
import io.rerankworkbench.rerank.ModelLoadException;
import io.rerankworkbench.rerank.Reranker;
import io.rerankworkbench.rerank.local.ModelConfig;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.rerank.local.Pooling;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The Models window's behaviour, without the JavaFX toolkit: scripted loaders, tasks on the test thread. */
class ModelsViewModelTest {

    private static final ModelFiles MINI = ModelFiles.bundled("mini", "/mini.onnx", "/mini.json",
            new ModelConfig(256, Pooling.MEAN, "", "", 6), 91_099_267L);
    private static final ModelFiles SMALL = ModelFiles.bundled("small", "/small.onnx", "/small.json",
            new ModelConfig(512, Pooling.CLS, "", "", 12), 34_725_822L);

    @TempDir
    Path tmp;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<String> loads = new ArrayList<>();
    private int libraryChanges;

    /** Loads any model as a word-overlap ranker; a folder named "cross*" acts as a cross-encoder. */
    private final Function<ModelFiles, Reranker> loader = files -> {
        loads.add(files.name());
        if (files.name().startsWith("broken")) {
            throw new ModelLoadException(files.location() + ": cannot tell what kind of model this is");
        }
        WordOverlapReranker r = new WordOverlapReranker(10);
        return files.name().startsWith("cross") ? r.withProbabilities() : r;
    };

    private Path configDir() {
        return tmp.resolve("config");
    }

    private RankerService rankers() {
        return new RankerService(List.of(MINI, SMALL), new ModelLibraryStore(configDir()), loader);
    }

    private ModelsViewModel viewModel(RankerService rankers, TaskRunner tasks) {
        return new ModelsViewModel(tasks, rankers, dialogs, () -> libraryChanges++);
    }

    private ModelsViewModel viewModel(RankerService rankers) {
        return viewModel(rankers, new CurrentThreadTaskRunner());
    }

    /** A folder in the Hugging Face layout; the scripted loader never reads the graph. */
    private Path modelFolder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models").resolve(name));
        Files.write(dir.resolve("model.onnx"), new byte[1000]);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 128}");
        Files.writeString(dir.resolve("config.json"), "{\"num_hidden_layers\": 2}");
        return dir;
    }

    private static ModelRow row(ModelsViewModel vm, String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + vm.rows()));
    }

    @Test
    void listsTheBundledModelsWithWhatIsKnownWithoutLoading() {
        ModelsViewModel vm = viewModel(rankers());

        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("mini", "small");
        ModelRow mini = vm.rows().get(0);
        assertThat(mini.isDefault()).isTrue();
        assertThat(mini.bundled()).isTrue();
        assertThat(mini.kind()).isEqualTo("—");
        assertThat(mini.layersLabel()).isEqualTo("6");
        assertThat(mini.maxLengthLabel()).isEqualTo("256");
        assertThat(mini.sizeLabel()).isEqualTo("86.9 MB");
        assertThat(mini.locationLabel()).isEqualTo("bundled");
        assertThat(mini.stateLabel()).isEqualTo("not loaded");
        assertThat(vm.rows().get(1).isDefault()).isFalse();
        assertThat(vm.rows().get(1).sizeLabel()).isEqualTo("33.1 MB");
        assertThat(loads).isEmpty();

        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.detailTitleProperty().get()).isEqualTo("Select a model to see its details.");
        vm.select("mini");
        assertThat(vm.detailTitleProperty().get()).isEqualTo("mini  ★ default");
        assertThat(vm.detailKindProperty().get())
                .isEqualTo("not known until loaded · 6 layers · reads up to 256 tokens · 86.9 MB");
        assertThat(vm.detailInputsProperty().get()).isEqualTo("Load the model to see them.");
        assertThat(vm.detailLocationProperty().get()).isEqualTo("Bundled with the app (cannot be removed)");
        assertThat(vm.removeAllowedProperty().get()).as("bundled").isFalse();
        assertThat(vm.setDefaultAllowedProperty().get()).as("already the default").isFalse();
        assertThat(vm.loadAllowedProperty().get()).isTrue();
        assertThat(vm.addAllowedProperty().get()).isTrue();
    }

    @Test
    void addingAFolderValidatesItByLoadingThenListsAndSavesIt() throws IOException {
        Path folder = modelFolder("cross-minilm");
        dialogs.answerFolderWith(folder);
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers);

        vm.chooseAndAddFolder();

        assertThat(dialogs.folderChoosers).containsExactly("Add a model folder");
        assertThat(loads).containsExactly("cross-minilm");
        assertThat(vm.errorTextProperty().get()).isEmpty();
        assertThat(vm.statusTextProperty().get()).isEqualTo("Added cross-minilm (cross-encoder).");
        assertThat(vm.validatingProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("mini", "small", "cross-minilm");
        ModelRow added = vm.selectedProperty().get();
        assertThat(added.name()).isEqualTo("cross-minilm");
        assertThat(added.kind()).isEqualTo("cross-encoder");
        assertThat(added.state()).isEqualTo(LoadState.LOADED);
        assertThat(added.locationLabel()).isEqualTo(folder.toString());
        assertThat(added.layersLabel()).isEqualTo("2");
        assertThat(added.maxLengthLabel()).isEqualTo("128");
        assertThat(vm.removeAllowedProperty().get()).isTrue();
        assertThat(vm.loadAllowedProperty().get()).as("already loaded").isFalse();
        assertThat(libraryChanges).isEqualTo(1);

        assertThat(Files.readString(configDir().resolve("models.json"))).contains(folder.toString());
        RankerService reopened = rankers();
        assertThat(reopened.modelNames()).containsExactly("mini", "small", "cross-minilm");
        ModelsViewModel fresh = viewModel(reopened);
        assertThat(row(fresh, "cross-minilm").kind()).as("the kind is remembered").isEqualTo("cross-encoder");
        assertThat(row(fresh, "cross-minilm").state()).isEqualTo(LoadState.NOT_LOADED);
    }

    @Test
    void aFolderThatIsNotAModelIsExplainedAndNothingIsAddedOrSaved() throws IOException {
        Path noTokenizer = Files.createDirectories(tmp.resolve("half-a-model"));
        Files.write(noTokenizer.resolve("model.onnx"), new byte[10]);
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers);

        vm.addFolder(noTokenizer);

        assertThat(vm.errorTextProperty().get()).isEqualTo("Not added. " + noTokenizer
                + ": no tokenizer.json (the Hugging Face fast-tokenizer file) found");
        assertThat(vm.errorTextProperty().get()).doesNotContain("Exception", "\tat ");
        assertThat(vm.statusTextProperty().get()).isEmpty();
        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("mini", "small");
        assertThat(loads).isEmpty();

        Path broken = modelFolder("broken-graph");
        vm.addFolder(broken);
        assertThat(loads).containsExactly("broken-graph");
        assertThat(vm.errorTextProperty().get())
                .isEqualTo("Not added. " + broken + ": cannot tell what kind of model this is");
        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("mini", "small");
        assertThat(vm.addAllowedProperty().get()).isTrue();
        assertThat(libraryChanges).isZero();
        assertThat(configDir().resolve("models.json")).doesNotExist();
        assertThat(rankers().modelNames()).containsExactly("mini", "small");
    }

    @Test
    void cancellingTheFolderChooserDoesNothing() {
        ModelsViewModel vm = viewModel(rankers());
        vm.chooseAndAddFolder();
        assertThat(dialogs.folderChoosers).hasSize(1);
        assertThat(vm.statusTextProperty().get()).isEmpty();
        assertThat(loads).isEmpty();
    }

    @Test
    void validatingShowsProgressAndBlocksAnotherAdd() throws IOException {
        List<Runnable> queue = new ArrayList<>();
        Executor queued = queue::add;
        ModelsViewModel vm = viewModel(rankers(), new ExecutorTaskRunner(
                Map.of(Lane.INFERENCE, queued, Lane.IO, queued), Runnable::run));
        Path folder = modelFolder("minilm-copy");

        vm.addFolder(folder);
        assertThat(vm.validatingProperty().get()).isTrue();
        assertThat(vm.workingProperty().get()).isTrue();
        assertThat(vm.addAllowedProperty().get()).isFalse();
        assertThat(vm.statusTextProperty().get()).isEqualTo("Validating " + folder + " — loading the model…");
        vm.addFolder(modelFolder("another"));
        assertThat(queue).as("a second add waits for the first").hasSize(1);

        queue.remove(0).run();
        assertThat(vm.validatingProperty().get()).isFalse();
        assertThat(vm.workingProperty().get()).isFalse();
        assertThat(vm.statusTextProperty().get()).isEqualTo("Added minilm-copy (bi-encoder).");
    }

    @Test
    void addedModelsCanBeRemovedButBundledOnesCannot() throws IOException {
        Path folder = modelFolder("cross-minilm");
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers);
        vm.addFolder(folder);
        libraryChanges = 0;

        vm.select("small");
        assertThat(vm.removeAllowedProperty().get()).isFalse();
        vm.removeSelected();
        assertThat(vm.rows()).hasSize(3);

        vm.select("cross-minilm");
        vm.removeSelected();
        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("mini", "small");
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.statusTextProperty().get())
                .isEqualTo("Removed cross-minilm from the library; its folder was not touched.");
        assertThat(folder).isDirectory();
        assertThat(libraryChanges).isEqualTo(1);
        assertThat(rankers().modelNames()).containsExactly("mini", "small");
    }

    @Test
    void setAsDefaultPersistsAndSurvivesANewService() throws IOException {
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers);
        vm.select("small");
        assertThat(vm.setDefaultAllowedProperty().get()).isTrue();

        vm.setSelectedAsDefault();

        assertThat(vm.statusTextProperty().get()).isEqualTo("small is now the default model.");
        assertThat(row(vm, "small").isDefault()).isTrue();
        assertThat(row(vm, "mini").isDefault()).isFalse();
        assertThat(vm.setDefaultAllowedProperty().get()).isFalse();
        assertThat(vm.detailTitleProperty().get()).isEqualTo("small  ★ default");
        assertThat(libraryChanges).isEqualTo(1);
        assertThat(Files.readString(configDir().resolve("models.json"))).contains("\"defaultModel\" : \"small\"");

        RankerService reopened = rankers();
        assertThat(reopened.defaultModelName()).isEqualTo("small");
        assertThat(reopened.modelNames()).containsExactly("small", "mini");
        assertThat(row(viewModel(reopened), "small").isDefault()).isTrue();
    }

    @Test
    void removingTheDefaultFallsBackToTheFirstBundledModel() throws IOException {
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers);
        vm.addFolder(modelFolder("mine"));
        vm.setSelectedAsDefault();
        assertThat(rankers().defaultModelName()).isEqualTo("mine");

        vm.removeSelected();
        assertThat(row(vm, "mini").isDefault()).isTrue();
        assertThat(rankers().defaultModelName()).isEqualTo("mini");
    }

    @Test
    void loadingShowsTheStatesAndThenTheModelsInputsAndOutputs() {
        List<Runnable> queue = new ArrayList<>();
        Executor queued = queue::add;
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers, new ExecutorTaskRunner(
                Map.of(Lane.INFERENCE, queued, Lane.IO, queued), Runnable::run));
        vm.select("small");
        assertThat(vm.selectedProperty().get().state()).isEqualTo(LoadState.NOT_LOADED);

        vm.loadSelected();
        assertThat(vm.selectedProperty().get().state()).isEqualTo(LoadState.LOADING);
        assertThat(vm.selectedProperty().get().stateLabel()).isEqualTo("loading…");
        assertThat(vm.loadAllowedProperty().get()).isFalse();
        assertThat(vm.workingProperty().get()).isTrue();
        assertThat(vm.detailInputsProperty().get()).isEqualTo("Loading…");

        queue.remove(0).run();
        ModelRow small = vm.selectedProperty().get();
        assertThat(small.state()).isEqualTo(LoadState.LOADED);
        assertThat(small.stateLabel()).isEqualTo("loaded");
        assertThat(small.kind()).isEqualTo("bi-encoder");
        assertThat(vm.workingProperty().get()).isFalse();
        assertThat(vm.statusTextProperty().get()).startsWith("Loaded small (bi-encoder) in ");
        assertThat(vm.detailKindProperty().get()).startsWith("bi-encoder · 12 layers");
        assertThat(rankers.isLoaded("small")).isTrue();
        assertThat(rankers.isLoaded("mini")).isFalse();
    }

    @Test
    void aModelThatFailsToLoadSaysWhyInItsRow() throws IOException {
        RankerService rankers = new RankerService(List.of(MINI, SMALL), new ModelLibraryStore(configDir()),
                files -> {
                    throw new ModelLoadException(files.name() + ": resource not found: /mini.onnx");
                });
        ModelsViewModel vm = viewModel(rankers);
        vm.select("mini");
        vm.loadSelected();

        ModelRow mini = vm.selectedProperty().get();
        assertThat(mini.state()).isEqualTo(LoadState.FAILED);
        assertThat(mini.stateLabel()).as("the name is in the row already").isEqualTo("failed: resource not found: /mini.onnx");
        assertThat(mini.failure()).isEqualTo("mini: resource not found: /mini.onnx");
        assertThat(vm.errorTextProperty().get()).isEqualTo("Could not load mini: resource not found: /mini.onnx");
        assertThat(vm.detailNotesProperty().get()).isEqualTo("Could not be loaded: resource not found: /mini.onnx");
        assertThat(vm.loadAllowedProperty().get()).as("may be tried again").isTrue();
    }

    @Test
    void refreshShowsModelsLoadedElsewhere() {
        RankerService rankers = rankers();
        ModelsViewModel vm = viewModel(rankers);
        vm.select("small");
        rankers.open("small"); // the main window loaded it

        assertThat(row(vm, "small").state()).isEqualTo(LoadState.NOT_LOADED);
        vm.refresh();
        assertThat(row(vm, "small").state()).isEqualTo(LoadState.LOADED);
        assertThat(vm.selectedProperty().get().name()).as("the selection survives a refresh").isEqualTo("small");
    }
}
