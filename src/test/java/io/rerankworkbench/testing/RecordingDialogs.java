package io.rerankworkbench.testing;

import io.rerankworkbench.ui.common.DialogService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DialogService} that answers file and folder choosers with preset paths (empty = the user cancelled) and
 * records what it was asked to show.
 */
public final class RecordingDialogs implements DialogService {

    public final List<String> errors = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    /** The titles of the folder choosers shown, in order. */
    public final List<String> folderChoosers = new ArrayList<>();
    private Path saveAnswer;
    private Path folderAnswer;

    public RecordingDialogs answerSaveWith(Path path) {
        this.saveAnswer = path;
        return this;
    }

    public RecordingDialogs answerFolderWith(Path folder) {
        this.folderAnswer = folder;
        return this;
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialDirectory) {
        folderChoosers.add(title);
        return Optional.ofNullable(folderAnswer);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName, String description,
                                         String extension) {
        return Optional.ofNullable(saveAnswer);
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInformation(String title, String message) {
        infos.add(title + ": " + message);
    }

    /** Files the next open-file choosers return, and the answers to text prompts and choices, in order. */
    public final java.util.Deque<java.util.List<Path>> openAnswers = new java.util.ArrayDeque<>();
    public final java.util.Deque<String> textAnswers = new java.util.ArrayDeque<>();
    public final java.util.Deque<Integer> choiceAnswers = new java.util.ArrayDeque<>();
    /** The messages of the choices asked, in order. */
    public final List<String> choices = new ArrayList<>();
    /** The options of the choices asked, in order. */
    public final List<List<String>> choiceOptions = new ArrayList<>();

    @Override
    public java.util.List<Path> chooseOpenFiles(String title, Path initialDirectory,
                                                java.util.List<FileType> types, boolean multiple) {
        java.util.List<Path> answer = openAnswers.poll();
        return answer == null ? java.util.List.of() : answer;
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initialValue) {
        return Optional.ofNullable(textAnswers.poll());
    }

    @Override
    public int choose(String title, String message, java.util.List<String> options) {
        choices.add(title + ": " + message);
        choiceOptions.add(List.copyOf(options));
        Integer answer = choiceAnswers.poll();
        return answer == null ? -1 : answer;
    }
}
