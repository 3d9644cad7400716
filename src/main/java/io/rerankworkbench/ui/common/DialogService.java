package io.rerankworkbench.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Dialogs and file choosers, behind an interface so view models can be tested with a stand-in. Called on the JavaFX
 * thread; the choosers block it in a nested event loop, as modal dialogs do, which keeps the window painting.
 */
public interface DialogService {

    /**
     * Asks where to save a file.
     *
     * @param initialDirectory where the chooser opens, or {@code null} for the default
     * @param extension        the file type, e.g. {@code "csv"}; added to the name when the user leaves it out
     */
    Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName, String description,
                                  String extension);

    /**
     * Asks for a folder.
     *
     * @param initialDirectory where the chooser opens, or {@code null} for the default
     * @return the chosen folder, or empty when the user cancelled
     */
    Optional<Path> chooseFolder(String title, Path initialDirectory);

    /** Shows a problem in words for the user; {@code details}, when not null, is available on demand. */
    void showError(String title, String message, Throwable details);

    void showInformation(String title, String message);
}
