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

    /** A kind of file a chooser offers, e.g. {@code new FileType("Projects", "*.rwb")}. */
    record FileType(String description, java.util.List<String> patterns) {
        public FileType(String description, String... patterns) {
            this(description, java.util.List.of(patterns));
        }
    }

    /**
     * Asks for one or more existing files.
     *
     * @return the chosen files; empty when the user cancelled
     */
    java.util.List<Path> chooseOpenFiles(String title, Path initialDirectory, java.util.List<FileType> types,
                                         boolean multiple);

    /** Asks for a line of text; empty when the user cancelled. */
    Optional<String> askText(String title, String prompt, String initialValue);

    /**
     * Asks the user to pick one of {@code options} (button labels, the first is the default).
     *
     * @return the index of the chosen option, or -1 when the user closed the dialog
     */
    int choose(String title, String message, java.util.List<String> options);

    /**
     * The same dialogs over another window (a secondary window's questions belong in front of it, not behind it over
     * the main window). Stand-ins without windows return themselves.
     */
    default DialogService ownedBy(javafx.stage.Window owner) {
        return this;
    }
}
