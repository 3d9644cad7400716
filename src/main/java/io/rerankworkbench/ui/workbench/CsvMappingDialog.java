package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.io.imports.ColumnMapping;
import io.rerankworkbench.io.imports.CsvField;
import io.rerankworkbench.io.imports.CsvOptions;
import io.rerankworkbench.io.imports.CsvPreview;
import io.rerankworkbench.io.imports.ImportProblem;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CSV/TSV import step: what was detected (encoding, delimiter, header), the first rows, and which column holds
 * which field, preset from the header names. Import stays disabled until a query and a text column are chosen, and
 * when the file cannot be read to its end (an unclosed quote, bytes that are not text): the problem is shown where the
 * rows would be, with file and line.
 */
final class CsvMappingDialog {

    private static final String NONE = "—";

    private CsvMappingDialog() {
    }

    static Optional<CsvOptions> ask(Window owner, CsvPreview preview) {
        Dialog<CsvOptions> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Import " + preview.file().getFileName());
        dialog.setHeaderText("Which column holds what?");
        dialog.setResizable(true);

        String delimiter = switch (preview.delimiter()) {
            case '\t' -> "tab";
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "'" + preview.delimiter() + "'";
        };
        Label detected = new Label(preview.file().getFileName() + " · " + preview.charset().displayName() + " · "
                + delimiter + "-separated · " + (preview.hasHeader() ? "first row is a header" : "no header row"));
        detected.getStyleClass().add("hint");

        List<String> choices = new ArrayList<>();
        choices.add(NONE);
        choices.addAll(preview.header());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        Map<CsvField, ComboBox<String>> boxes = new EnumMap<>(CsvField.class);
        CsvField[] fields = CsvField.values();
        for (int i = 0; i < fields.length; i++) {
            CsvField field = fields[i];
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(choices);
            // By position, not name: headers may repeat or be blank.
            box.getSelectionModel().select(preview.suggested().has(field) ? preview.suggested().column(field) + 1 : 0);
            box.setId("csv-" + field.name().toLowerCase(java.util.Locale.ROOT));
            box.setPrefWidth(170);
            boxes.put(field, box);
            int col = (i % 2) * 2;
            Label name = new Label(capitalise(field.label()));
            name.setMinWidth(Label.USE_PREF_SIZE);
            name.setLabelFor(box);
            grid.add(name, col, i / 2);
            grid.add(box, col + 1, i / 2);
        }

        TableView<List<String>> table = new TableView<>();
        for (int c = 0; c < preview.header().size(); c++) {
            int index = c;
            TableColumn<List<String>, String> column = new TableColumn<>(preview.header().get(c));
            column.setCellValueFactory(row -> new ReadOnlyStringWrapper(index < row.getValue().size()
                    ? row.getValue().get(index).replace('\n', ' ') : ""));
            column.setPrefWidth(140);
            table.getColumns().add(column);
        }
        table.getItems().setAll(preview.rows());
        table.setPrefHeight(220);
        if (!preview.problems().isEmpty()) {
            // What stopped the reading, where the rows would be ("No content in table" would hide it).
            Label why = new Label(problemText(preview));
            why.setWrapText(true);
            why.getStyleClass().add("problem");
            why.setId("csv-preview-problem");
            table.setPlaceholder(why);
        }

        Label missing = new Label();
        missing.getStyleClass().add("hint");
        missing.setWrapText(true);
        VBox content = new VBox(10, detected, grid, new Label("First rows"), table, missing);
        if (!preview.rows().isEmpty()) {
            // Rows before the problem are in the table; the problem goes under it.
            for (ImportProblem p : preview.problems()) {
                Label problem = new Label(p.toString());
                problem.setWrapText(true);
                problem.getStyleClass().add("problem");
                content.getChildren().add(problem);
            }
        }
        content.setPadding(new Insets(12, 16, 4, 16));
        dialog.getDialogPane().setPrefWidth(820);
        dialog.getDialogPane().setMinWidth(640);
        dialog.getDialogPane().setContent(content);
        ButtonType importButton = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(importButton, ButtonType.CANCEL);

        boolean unreadable = !preview.problems().isEmpty();
        Runnable check = () -> {
            List<String> lacking = mapping(boxes, preview).missing();
            missing.setText(unreadable ? "The file cannot be imported as it is: fix it, then import it again."
                    : lacking.isEmpty() ? "" : "Still needed: " + String.join(" and ", lacking) + ".");
            dialog.getDialogPane().lookupButton(importButton).setDisable(unreadable || !lacking.isEmpty());
        };
        boxes.values().forEach(b -> b.valueProperty().addListener((obs, old, v) -> check.run()));
        check.run();
        dialog.setResultConverter(button -> button == importButton
                ? preview.options(false).withMapping(mapping(boxes, preview)) : null);
        return dialog.showAndWait();
    }

    private static ColumnMapping mapping(Map<CsvField, ComboBox<String>> boxes, CsvPreview preview) {
        ColumnMapping mapping = ColumnMapping.empty();
        for (Map.Entry<CsvField, ComboBox<String>> e : boxes.entrySet()) {
            int column = e.getValue().getSelectionModel().getSelectedIndex() - 1;
            if (column >= 0) {
                mapping = mapping.with(e.getKey(), column);
            }
        }
        return mapping;
    }

    /** The preview's problems as shown, each with file and line ({@code bad.csv:3: a quoted value is not closed}). */
    static String problemText(CsvPreview preview) {
        StringBuilder b = new StringBuilder();
        for (ImportProblem p : preview.problems()) {
            b.append(b.length() == 0 ? "" : "\n").append(p);
        }
        return b.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
