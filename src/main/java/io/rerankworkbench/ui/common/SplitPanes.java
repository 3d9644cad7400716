package io.rerankworkbench.ui.common;

import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

import java.util.List;

/** Divider rules the stock {@link SplitPane} lacks. */
public final class SplitPanes {

    private SplitPanes() {
    }

    /**
     * Keeps the last pane of a horizontal split at least its minimum width when the window narrows: the panes before
     * it give up width, nearest first, each down to its own minimum. (A pane that does not resize with its parent
     * otherwise keeps its width and the last pane is squeezed below its minimum.)
     */
    public static void keepLastAtMinimum(SplitPane split) {
        boolean[] adjusting = {false};
        InvalidationListener check = obs -> {
            List<Node> items = split.getItems();
            double width = split.getWidth();
            if (adjusting[0] || items.size() < 2 || width <= 0 || !(items.get(items.size() - 1) instanceof Region last)) {
                return;
            }
            double[] positions = split.getDividerPositions();
            double lastWidth = width * (1 - positions[positions.length - 1]);
            double missing = last.minWidth(-1) - lastWidth;
            if (missing <= 1) {
                return;
            }
            // Move each divider left, from the last one back, as far as the pane before it allows.
            double[] px = new double[positions.length];
            for (int i = 0; i < positions.length; i++) {
                px[i] = positions[i] * width;
            }
            for (int i = positions.length - 1; i >= 0 && missing > 0; i--) {
                double start = i == 0 ? 0 : px[i - 1];
                double room = px[i] - start - items.get(i).minWidth(-1);
                double move = Math.max(0, Math.min(room, missing));
                for (int j = i; j < px.length; j++) {
                    px[j] -= move;
                }
                missing -= move;
            }
            adjusting[0] = true;
            try {
                double[] moved = new double[px.length];
                for (int i = 0; i < px.length; i++) {
                    moved[i] = px[i] / width;
                }
                split.setDividerPositions(moved);
            } finally {
                adjusting[0] = false;
            }
        };
        split.widthProperty().addListener(check);
        split.getDividers().forEach(d -> d.positionProperty().addListener(check));
    }
}
