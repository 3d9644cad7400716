package io.rerankworkbench.ui.common;

import javafx.css.CssMetaData;
import javafx.css.FontCssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The CSS properties a {@link HeatmapView} draws its canvases with: the font (inherited, so labels use the scene's
 * font) and the colours of labels, outlines, grid gaps and hovered labels ({@code -wb-heatmap-*}, set from the theme in
 * heatmap.css). Cell colours are never styled: they are the colour scale's.
 */
final class HeatmapStyles {

    final StyleableObjectProperty<Font> font;
    final StyleableObjectProperty<Paint> text;
    final StyleableObjectProperty<Paint> highlight;
    final StyleableObjectProperty<Paint> grid;
    final StyleableObjectProperty<Paint> focus;
    final StyleableObjectProperty<Paint> hover;
    private HeatmapPainter.Style style;

    /**
     * @param fontChanged   called when the font changes (labels must be measured again)
     * @param colourChanged called when a colour changes (a repaint will do)
     */
    HeatmapStyles(HeatmapView view, Runnable fontChanged, Runnable colourChanged) {
        font = property(view, FONT, "font", Font.getDefault(), fontChanged);
        text = property(view, TEXT, "textFill", Color.BLACK, colourChanged);
        highlight = property(view, HIGHLIGHT, "highlightFill", Color.web("#0969da"), colourChanged);
        grid = property(view, GRID, "gridFill", Color.WHITE, colourChanged);
        focus = property(view, FOCUS, "focusFill", Color.web("#0969da"), colourChanged);
        hover = property(view, HOVER, "hoverFill", Color.rgb(0, 0, 0, 0.08), colourChanged);
    }

    /** The current values, for the painter (kept until one changes). */
    HeatmapPainter.Style style() {
        if (style == null) {
            Font f = font.get();
            style = new HeatmapPainter.Style(f, TextMeasure.bold(f), text.get(), highlight.get(), grid.get(),
                    focus.get(), hover.get());
        }
        return style;
    }

    private <V> StyleableObjectProperty<V> property(HeatmapView view, CssMetaData<HeatmapView, V> meta, String name,
                                                    V initial, Runnable changed) {
        return new SimpleStyleableObjectProperty<>(meta, view, name, initial) {
            @Override
            protected void invalidated() {
                style = null;
                changed.run();
            }
        };
    }

    private static CssMetaData<HeatmapView, Paint> paint(String property, Paint initial,
                                                         Function<HeatmapStyles, StyleableObjectProperty<Paint>> field) {
        return new CssMetaData<>(property, StyleConverter.getPaintConverter(), initial) {
            @Override
            public boolean isSettable(HeatmapView node) {
                return !field.apply(node.styles()).isBound();
            }

            @Override
            public StyleableProperty<Paint> getStyleableProperty(HeatmapView node) {
                return field.apply(node.styles());
            }
        };
    }

    private static final CssMetaData<HeatmapView, Font> FONT = new FontCssMetaData<>("-fx-font", Font.getDefault()) {
        @Override
        public boolean isSettable(HeatmapView node) {
            return !node.styles().font.isBound();
        }

        @Override
        public StyleableProperty<Font> getStyleableProperty(HeatmapView node) {
            return node.styles().font;
        }
    };
    private static final CssMetaData<HeatmapView, Paint> TEXT = paint("-wb-heatmap-text", Color.BLACK, s -> s.text);
    private static final CssMetaData<HeatmapView, Paint> HIGHLIGHT =
            paint("-wb-heatmap-highlight", Color.web("#0969da"), s -> s.highlight);
    private static final CssMetaData<HeatmapView, Paint> GRID = paint("-wb-heatmap-grid", Color.WHITE, s -> s.grid);
    private static final CssMetaData<HeatmapView, Paint> FOCUS =
            paint("-wb-heatmap-focus", Color.web("#0969da"), s -> s.focus);
    private static final CssMetaData<HeatmapView, Paint> HOVER =
            paint("-wb-heatmap-hover", Color.rgb(0, 0, 0, 0.08), s -> s.hover);

    /** Region's CSS properties and these. */
    static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(List.of(FONT, TEXT, HIGHLIGHT, GRID, FOCUS, HOVER));
        CSS_META_DATA = Collections.unmodifiableList(all);
    }
}
