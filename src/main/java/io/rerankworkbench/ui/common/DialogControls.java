package io.rerankworkbench.ui.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** What the run dialogs (several rankers, retrieve) share: their keys and their two-way query scope. */
public final class DialogControls {

    /** Closes a dialog (Esc closes it too, or cancels what runs). */
    public static final KeyCombination CLOSE_KEY = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private DialogControls() {
    }

    /** Esc cancels what runs, else closes the dialog, as Ctrl+W does. */
    public static void installKeys(Node root, ObservableBooleanValue running, Runnable cancel, Runnable close) {
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && running.get()) {
                cancel.run();
                e.consume();
            } else if (CLOSE_KEY.match(e) || e.getCode() == KeyCode.ESCAPE) {
                close.run();
                e.consume();
            }
        });
    }

    /**
     * Binds a pair of radio buttons to a scope: the chosen queries or all of them. The "chosen" button is off when
     * nothing is chosen; both are off while {@code busy}.
     */
    public static <S> void bindScope(ToggleGroup group, RadioButton chosen, RadioButton all, ObjectProperty<S> scope,
                                     S chosenValue, S allValue, String chosenLabel, String allLabel,
                                     boolean chosenAvailable, ObservableBooleanValue busy) {
        chosen.setText(chosenLabel);
        all.setText(allLabel);
        chosen.setUserData(chosenValue);
        all.setUserData(allValue);
        group.selectToggle(scope.get() == chosenValue ? chosen : all);
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle != null) {
                scope.set(toggle == chosen ? chosenValue : allValue);
            }
        });
        chosen.disableProperty().bind(new SimpleBooleanProperty(!chosenAvailable).or(busy));
        all.disableProperty().bind(busy);
    }
}
