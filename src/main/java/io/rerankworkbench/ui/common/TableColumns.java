package io.rerankworkbench.ui.common;

import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.Collection;

/**
 * Column sizing for tables whose last column holds free text: the other columns keep the widths they need and the
 * last one takes what is left, but never less than its minimum; when even that does not fit, the table scrolls
 * sideways instead of squeezing or hiding columns (which the constrained resize policies do).
 */
public final class TableColumns {

    /** The width a column would like, before {@link #fillWithLast} takes room from it. */
    private static final String NATURAL_WIDTH = TableColumns.class.getName() + ".naturalWidth";
    /** Room for a cell's padding and the sort arrow beside a header's text. */
    private static final double CELL_PADDING = 22;

    private TableColumns() {
    }

    /**
     * Makes {@code last} fill the table's width left by the other visible columns. When the table is too narrow for
     * that, the {@code shrinkable} columns give up width first, down to their minimum; only then does the table
     * scroll sideways.
     */
    @SafeVarargs
    public static <S> void fillWithLast(TableView<S> table, TableColumn<S, ?> last, TableColumn<S, ?>... shrinkable) {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        java.util.Set<TableColumn<S, ?>> flexible = new java.util.HashSet<>(java.util.List.of(shrinkable));
        for (TableColumn<S, ?> column : shrinkable) {
            column.getProperties().putIfAbsent(NATURAL_WIDTH, column.getPrefWidth());
        }
        boolean[] fitting = {false};
        InvalidationListener fit = obs -> {
            if (fitting[0]) {
                return;
            }
            fitting[0] = true;
            try {
                double viewport = viewportWidth(table);
                double others = 0;
                for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
                    if (column != last && !flexible.contains(column)) {
                        others += column.getWidth();
                    }
                }
                double room = viewport - others - last.getMinWidth();
                for (TableColumn<S, ?> column : shrinkable) {
                    if (column.isVisible()) {
                        room -= naturalWidth(column);
                    }
                }
                // Short of room: take it from the shrinkable columns, each at most down to its minimum.
                double missing = Math.max(0, -room);
                for (TableColumn<S, ?> column : shrinkable) {
                    double want = naturalWidth(column);
                    double give = Math.min(missing, Math.max(0, want - column.getMinWidth()));
                    column.setPrefWidth(want - give);
                    missing -= give;
                    if (column.isVisible()) {
                        others += want - give;
                    }
                }
                last.setPrefWidth(Math.max(last.getMinWidth(), Math.floor(viewport - others)));
            } finally {
                fitting[0] = false;
            }
        };
        table.widthProperty().addListener(fit);
        table.getVisibleLeafColumns().addListener(fit);
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (column != last && !flexible.contains(column)) {
                column.widthProperty().addListener(fit);
            }
        }
        // The rows' viewport narrows when the vertical scroll bar appears; it exists once the skin does.
        table.needsLayoutProperty().addListener(obs -> {
            if (table.lookup(".clipped-container") instanceof Region viewport
                    && !viewport.getProperties().containsKey(NATURAL_WIDTH)) {
                viewport.getProperties().put(NATURAL_WIDTH, Boolean.TRUE);
                viewport.widthProperty().addListener(fit);
            }
        });
    }

    private static double naturalWidth(TableColumn<?, ?> column) {
        return column.getProperties().get(NATURAL_WIDTH) instanceof Double d ? d : column.getPrefWidth();
    }

    /** The width rows are drawn in: the table's, less its insets and a vertical scroll bar when one shows. */
    private static double viewportWidth(TableView<?> table) {
        if (table.lookup(".clipped-container") instanceof Region viewport && viewport.getWidth() > 0) {
            return viewport.getWidth();
        }
        double width = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        for (Node node : table.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()) {
                width -= bar.getWidth();
            }
        }
        return width;
    }

    /**
     * Sets {@code column}'s width to fit its header and the widest of {@code texts} as {@code font} draws them,
     * within the column's minimum and {@code max}.
     */
    public static void fitToContent(TableColumn<?, ?> column, Collection<String> texts, Font font, double max) {
        double widest = measure(column.getText(), font);
        for (String text : texts) {
            widest = Math.max(widest, measure(text, font));
        }
        double width = Math.max(column.getMinWidth(), Math.min(max, Math.ceil(widest + CELL_PADDING)));
        column.getProperties().put(NATURAL_WIDTH, width);
        column.setPrefWidth(width);
        if (column.getTableView() != null) {
            column.getTableView().requestLayout();
        }
    }

    private static double measure(String text, Font font) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Text probe = new Text(text);
        probe.setFont(font);
        return probe.getLayoutBounds().getWidth();
    }

    /** A text cell that shows its whole text in a tooltip (for values a narrow column cuts). */
    public static <S> TableCell<S, String> textCellWithTooltip() {
        return new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            {
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(520);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null || item.isEmpty()) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(item);
                    tooltip.setText(item.length() > 600 ? item.substring(0, 600) + "…" : item);
                    setTooltip(tooltip);
                }
            }
        };
    }
}
