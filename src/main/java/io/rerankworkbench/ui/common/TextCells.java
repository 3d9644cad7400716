package io.rerankworkbench.ui.common;

import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.util.function.Function;

/** How choice boxes and combo boxes show their items: one function from item to text, empty for none. */
public final class TextCells {

    private TextCells() {
    }

    /** A one-way converter: items shown by {@code text}, nothing parsed back (the controls are not editable). */
    public static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    /** A list cell (a combo box's button cell, for one) showing items by {@code text}. */
    public static <T> ListCell<T> cell(Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    /**
     * A list cell showing items by {@code text}, with {@code help} as its tooltip (none where {@code help} gives
     * null): for items whose whole text may not fit.
     */
    public static <T> ListCell<T> cell(Function<T, String> text, Function<T, String> help) {
        return new ListCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                String h = empty || item == null ? null : help.apply(item);
                tooltip.setText(h);
                setTooltip(h == null ? null : tooltip);
            }
        };
    }
}
