package io.rerankworkbench.ui.labeling;

import io.rerankworkbench.app.AnnotatorSettings;
import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.LabelingService;
import io.rerankworkbench.store.LabelingRepository;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.ui.common.DialogService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Who is labeling?": asked once per computer (never offering an account like root), remembered, and changeable in the
 * start form; no session starts under no name. View-model level, with a stand-in for the dialogs.
 */
class WhoIsLabelingTest {

    @TempDir
    Path dir;

    private LabelingFixture project;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    /** The text prompts shown, as "title | initial value". */
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        project = new LabelingFixture(dir.resolve("p.rwb"));
    }

    @AfterEach
    void close() throws Exception {
        project.store.close();
    }

    private AnnotatorSettings settings(String systemUser) {
        return new AnnotatorSettings(dir.resolve("config"), systemUser);
    }

    /** What opening the labeling window does on a computer whose account is {@code systemUser}. */
    private LabelingViewModel window(String systemUser) {
        DialogService recording = new Asking(dialogs, asked);
        return new LabelingViewModel(new CurrentThreadTaskRunner(),
                new LabelingService(project.store, settings(systemUser)), List.of(project.q1, project.q2), recording,
                (candidate, current) -> Optional.empty());
    }

    @Test
    void theFirstWindowAsksOnceWithoutOfferingRootAndRemembersTheAnswer() {
        dialogs.textAnswers.add("  Ana Lyst ");
        LabelingViewModel first = window("root");
        assertThat(asked).containsExactly("Who is labeling? | ");
        assertThat(first.setup().annotatorProperty().get()).isEqualTo("Ana Lyst");
        assertThat(settings("root").saved()).contains("Ana Lyst");

        LabelingViewModel second = window("root");
        assertThat(asked).as("asked once").hasSize(1);
        assertThat(second.setup().annotatorProperty().get()).isEqualTo("Ana Lyst");
    }

    @Test
    void aPersonalAccountNameIsOfferedAndCancellingRemembersNothing() {
        LabelingViewModel vm = window("jdoe");
        assertThat(asked).containsExactly("Who is labeling? | jdoe");
        assertThat(vm.setup().annotatorProperty().get()).as("the offer stays in the form").isEqualTo("jdoe");
        assertThat(settings("jdoe").saved()).isEmpty();

        window("jdoe");
        assertThat(asked).as("asked again next time").hasSize(2);
    }

    @Test
    void theNameIsChangedInTheStartFormAndRememberedWithTheSession() {
        dialogs.textAnswers.add("ana");
        LabelingViewModel vm = window("root");
        vm.setup().annotatorProperty().set("Ben");
        vm.start();
        assertThat(vm.phaseProperty().get()).isEqualTo(LabelingViewModel.Phase.LABELING);
        assertThat(new LabelingRepository(project.store).sessions()).singleElement()
                .satisfies(s -> assertThat(s.annotator()).isEqualTo("Ben"));

        LabelingViewModel next = window("root");
        assertThat(next.setup().annotatorProperty().get()).isEqualTo("Ben");
        assertThat(asked).hasSize(1);
    }

    @Test
    void noSessionStartsUnderNoName() {
        LabelingViewModel vm = window("root");
        assertThat(vm.setup().annotatorProperty().get()).isEmpty();

        vm.start();
        assertThat(asked).containsExactly("Who is labeling? | ", "Who is labeling? | ");
        assertThat(vm.phaseProperty().get()).as("cancelled").isEqualTo(LabelingViewModel.Phase.SETUP);
        assertThat(new LabelingRepository(project.store).sessions()).isEmpty();

        dialogs.textAnswers.add("cy");
        vm.start();
        assertThat(vm.phaseProperty().get()).isEqualTo(LabelingViewModel.Phase.LABELING);
        assertThat(new LabelingRepository(project.store).sessions()).singleElement()
                .satisfies(s -> assertThat(s.annotator()).isEqualTo("cy"));
        assertThat(settings("root").saved()).contains("cy");
    }

    /** Records each text prompt's title and initial value, then answers as {@link RecordingDialogs} does. */
    private record Asking(RecordingDialogs answers, List<String> asked) implements DialogService {
        @Override
        public Optional<String> askText(String title, String prompt, String initialValue) {
            asked.add(title + " | " + initialValue);
            return answers.askText(title, prompt, initialValue);
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName,
                                             String description, String extension) {
            return answers.chooseSaveFile(title, initialDirectory, initialName, description, extension);
        }

        @Override
        public Optional<Path> chooseFolder(String title, Path initialDirectory) {
            return answers.chooseFolder(title, initialDirectory);
        }

        @Override
        public void showError(String title, String message, Throwable details) {
            answers.showError(title, message, details);
        }

        @Override
        public void showInformation(String title, String message) {
            answers.showInformation(title, message);
        }

        @Override
        public List<Path> chooseOpenFiles(String title, Path initialDirectory, List<FileType> types,
                                          boolean multiple) {
            return answers.chooseOpenFiles(title, initialDirectory, types, multiple);
        }

        @Override
        public int choose(String title, String message, List<String> options) {
            return answers.choose(title, message, options);
        }
    }
}
