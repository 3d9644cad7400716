package io.rerankworkbench.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * A label that follows the pointer inside its parent, for controls that draw their own content: it shows at once
 * (a {@link javafx.scene.control.Tooltip} waits, and stays where it first appeared while the pointer moves from cell to
 * cell). Unmanaged and mouse-transparent, so it never moves the layout or catches the pointer.
 */
final class HoverLabel extends Label {

    static final double OFFSET = 14;

    HoverLabel(String styleClass) {
        getStyleClass().add(styleClass);
        setManaged(false);
        setMouseTransparent(true);
        setVisible(false);
        setWrapText(true);
        setMaxWidth(360);
    }

    /** Shows {@code text} below and right of {@code (x, y)}, flipped to stay inside {@code parent}; hides it if empty. */
    void show(String text, double x, double y, Region parent) {
        if (text.isEmpty()) {
            setVisible(false);
            return;
        }
        setText(text);
        applyCss();
        autosize();
        double w = getWidth();
        double h = getHeight();
        double lx = x + OFFSET + w <= parent.getWidth() ? x + OFFSET : Math.max(0, x - OFFSET - w);
        double ly = y + OFFSET + h <= parent.getHeight() ? y + OFFSET : Math.max(0, y - OFFSET - h);
        relocate(Math.round(lx), Math.round(ly));
        setVisible(true);
    }
}
