package io.rerankworkbench.ui.evaluate.chart;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

import java.util.function.Supplier;

/**
 * A tooltip made when the mouse first enters its node: a thousand bars with a tooltip each would otherwise build a
 * thousand popup controls up front.
 */
final class LazyTooltip {

    static final Duration SHOW_DELAY = Duration.millis(120);

    private LazyTooltip() {
    }

    static void install(Node node, Supplier<String> text) {
        EventHandler<MouseEvent> first = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tip = new Tooltip(text.get());
                tip.setShowDelay(SHOW_DELAY);
                Tooltip.install(node, tip);
            }
        };
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, first);
    }
}
