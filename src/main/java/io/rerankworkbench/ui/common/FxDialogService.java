package io.rerankworkbench.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link DialogService} with JavaFX dialogs owned by one window (the main window, or the Models window). A dialog says
 * what it is about in its title and what happened or what it asks in its text; it has no header, which would only
 * repeat the title in bigger letters.
 */
public final class FxDialogService implements DialogService {

    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public DialogService ownedBy(Window window) {
        return new FxDialogService(window);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path initialDirectory, String initialName, String description,
                                         String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return Optional.empty();
        }
        Path path = file.toPath();
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension)) {
            path = path.resolveSibling(path.getFileName() + "." + extension);
        }
        return Optional.of(path);
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialDirectory) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        File folder = chooser.showDialog(owner);
        return folder == null ? Optional.empty() : Optional.of(folder.toPath());
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.setContentText(message);
        if (details != null) {
            StringWriter trace = new StringWriter();
            details.printStackTrace(new PrintWriter(trace));
            TextArea area = new TextArea(trace.toString());
            area.setEditable(false);
            area.setWrapText(false);
            area.setPrefRowCount(12);
            alert.getDialogPane().setExpandableContent(area);
        }
        alert.show();
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.setContentText(message);
        alert.show();
    }

    @Override
    public java.util.List<Path> chooseOpenFiles(String title, Path initialDirectory, java.util.List<FileType> types,
                                                boolean multiple) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (FileType type : types) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(type.description(), type.patterns()));
        }
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        if (multiple) {
            java.util.List<File> files = chooser.showOpenMultipleDialog(owner);
            return files == null ? java.util.List.of() : files.stream().map(File::toPath).toList();
        }
        File file = chooser.showOpenDialog(owner);
        return file == null ? java.util.List.of() : java.util.List.of(file.toPath());
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initialValue) {
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(
                initialValue == null ? "" : initialValue);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip);
    }

    @Override
    public int choose(String title, String message, java.util.List<String> options) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.setContentText(message);
        java.util.List<javafx.scene.control.ButtonType> buttons = new java.util.ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            javafx.scene.control.ButtonBar.ButtonData data = i == 0
                    ? javafx.scene.control.ButtonBar.ButtonData.OK_DONE
                    : options.get(i).equalsIgnoreCase("Cancel") ? javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE
                    : javafx.scene.control.ButtonBar.ButtonData.OTHER;
            buttons.add(new javafx.scene.control.ButtonType(options.get(i), data));
        }
        alert.getButtonTypes().setAll(buttons);
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return alert.showAndWait().map(buttons::indexOf).orElse(-1);
    }
}
