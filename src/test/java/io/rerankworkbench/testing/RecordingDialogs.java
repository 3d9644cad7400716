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
}
