package io.rerankworkbench.ui.common;

import io.rerankworkbench.core.ColorScale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.CssMetaData;
import javafx.css.FontCssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A colour scale's legend: the value name, a gradient bar drawn from {@link ColorScale#at(double)} one pixel column at
 * a time (so the bar's colour at a value's fraction is the colour a heatmap gives that value), with the domain's ends
 * and, for a diverging scale, its centre 0 marked with their values. An optional marker points at one value (the
 * heatmap sets it to the hovered cell's). Drawn on one canvas; text in the font the stylesheet gives the scene.
 */
public class ColorLegend extends Region {

    private static final double BAR_HEIGHT = 12;
    private static final double MARKER = 6;
    private static final double TICK = 3;
    private static final double GAP = 8;
    private static final double DEFAULT_BAR_WIDTH = 241;

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<ColorScale> scale = new SimpleObjectProperty<>(this, "scale");
    private final StringProperty valueName = new SimpleStringProperty(this, "valueName", "");
    private final DoubleProperty marker = new SimpleDoubleProperty(this, "marker", Double.NaN);

    private final StyleableObjectProperty<Font> font =
            new SimpleStyleableObjectProperty<>(FONT, this, "font", Font.getDefault()) {
                @Override
                protected void invalidated() {
                    requestLayout();
                }
            };
    private final StyleableObjectProperty<Paint> textFill =
            new SimpleStyleableObjectProperty<>(TEXT_FILL, this, "textFill", Color.BLACK) {
                @Override
                protected void invalidated() {
                    paint();
                }
            };

    public ColorLegend() {
        getStyleClass().add("color-legend");
        canvas.setManaged(false);
        getChildren().add(canvas);
        scale.addListener(obs -> {
            requestLayout(); // the end labels set the minimum width
            paint();
        });
        marker.addListener(obs -> paint());
        valueName.addListener(obs -> requestLayout());
    }

    public ColorLegend(ColorScale scale, String valueName) {
        this();
        setScale(scale);
        setValueName(valueName);
    }

    public final ObjectProperty<ColorScale> scaleProperty() {
        return scale;
    }

    public final ColorScale getScale() {
        return scale.get();
    }

    public final void setScale(ColorScale value) {
        scale.set(value);
    }

    public final StringProperty valueNameProperty() {
        return valueName;
    }

    public final String getValueName() {
        return valueName.get();
    }

    public final void setValueName(String value) {
        valueName.set(value);
    }

    /** A value to point at on the bar; NaN for none. */
    public final DoubleProperty markerProperty() {
        return marker;
    }

    public final void setMarker(double value) {
        marker.set(value);
    }

    public final ObjectProperty<Font> fontProperty() {
        return font;
    }

    /** The gradient bar, in this legend's coordinates. */
    public Bounds barBounds() {
        double x = barX();
        return new BoundingBox(x, barY(), barWidth(x), BAR_HEIGHT);
    }

    /**
     * The centre of the bar's pixel column that shows fraction {@code t} (0…1) of the scale, in this legend's
     * coordinates: the point whose colour is {@code scale.at(t)}.
     */
    public Point2D pointAt(double t) {
        double x = barX();
        int n = (int) barWidth(x);
        int column = n <= 1 ? 0 : (int) Math.round(Math.max(0, Math.min(1, t)) * (n - 1));
        return new Point2D(x + column + 0.5, barY() + BAR_HEIGHT / 2);
    }

    private double nameWidth() {
        String name = valueName.get();
        return name == null || name.isEmpty() ? 0 : Math.ceil(TextMeasure.width(name, font.get())) + GAP;
    }

    private double barX() {
        return Math.round(snappedLeftInset() + nameWidth());
    }

    private double barY() {
        return snappedTopInset() + MARKER;
    }

    /** Whole pixels, and an odd count, so one pixel column sits exactly at the middle (a diverging scale's 0). */
    private double barWidth(double barX) {
        double w = Math.max(0, Math.floor(getWidth() - snappedRightInset() - barX));
        return w % 2 == 0 ? Math.max(0, w - 1) : w;
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + nameWidth() + DEFAULT_BAR_WIDTH + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + MARKER + BAR_HEIGHT + TICK + TextMeasure.lineHeight(font.get())
                + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        // Room for the two end labels side by side, so they never run into each other.
        ColorScale s = scale.get();
        double labels = s == null ? 0 : TextMeasure.width(TextMeasure.tick(s.min()), font.get())
                + TextMeasure.width(TextMeasure.tick(s.max()), font.get()) + GAP;
        return snappedLeftInset() + nameWidth() + Math.max(60, Math.ceil(labels)) + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(0, getWidth()));
        canvas.setHeight(Math.max(0, getHeight()));
        paint();
    }

    private void paint() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        ColorScale s = scale.get();
        double x0 = barX();
        int n = (int) barWidth(x0);
        if (s == null || n <= 0) {
            return;
        }
        double y0 = barY();
        Font f = font.get();
        gc.setFont(f);
        gc.setFill(textFill.get());
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        String name = valueName.get();
        if (name != null && !name.isEmpty()) {
            gc.fillText(name, snappedLeftInset(), y0 + BAR_HEIGHT / 2);
        }
        for (int i = 0; i < n; i++) {
            gc.setFill(rgb(s.at(n == 1 ? 0 : i / (double) (n - 1))));
            gc.fillRect(x0 + i, y0, 1, BAR_HEIGHT);
        }
        gc.setStroke(textFill.get());
        gc.setFill(textFill.get());
        gc.setLineWidth(1);
        gc.setTextBaseline(VPos.TOP);
        double labelY = y0 + BAR_HEIGHT + TICK;
        tick(gc, s.min(), 0, TextAlignment.LEFT, labelY);
        if (s.max() != s.min()) {
            tick(gc, s.max(), 1, TextAlignment.RIGHT, labelY);
            if (s.kind() == ColorScale.Kind.DIVERGING && zeroFits(s)) {
                tick(gc, 0, s.fraction(0), TextAlignment.CENTER, labelY);
            }
        }
        double m = marker.get();
        if (!Double.isNaN(m)) {
            double mx = pointAt(s.fraction(m)).getX();
            gc.fillPolygon(new double[]{mx - 4, mx + 4, mx}, new double[]{y0 - MARKER, y0 - MARKER, y0 - 1}, 3);
        }
    }

    /** Whether the centred 0 label clears the end labels; on a short bar it is left out rather than drawn over them. */
    private boolean zeroFits(ColorScale s) {
        double x0 = barX();
        double w = barWidth(x0);
        double minEnd = x0 + TextMeasure.width(TextMeasure.tick(s.min()), font.get());
        double maxStart = x0 + w - TextMeasure.width(TextMeasure.tick(s.max()), font.get());
        double half = TextMeasure.width(TextMeasure.tick(0), font.get()) / 2;
        double zero = pointAt(s.fraction(0)).getX();
        return zero - half >= minEnd + GAP && zero + half <= maxStart - GAP;
    }

    private void tick(GraphicsContext gc, double value, double fraction, TextAlignment align, double labelY) {
        double x = Math.floor(pointAt(fraction).getX()) + 0.5;
        gc.strokeLine(x, labelY - TICK, x, labelY - 1);
        gc.setTextAlign(align);
        double anchor = switch (align) {
            case LEFT -> barX();
            case RIGHT -> barX() + barWidth(barX());
            default -> x;
        };
        gc.fillText(TextMeasure.tick(value), anchor, labelY);
    }

    static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    private static final String STYLESHEET = Resources.stylesheet(ColorLegend.class, "heatmap.css");

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    private static final CssMetaData<ColorLegend, Font> FONT = new FontCssMetaData<>("-fx-font", Font.getDefault()) {
        @Override
        public boolean isSettable(ColorLegend node) {
            return !node.font.isBound();
        }

        @Override
        public StyleableProperty<Font> getStyleableProperty(ColorLegend node) {
            return node.font;
        }
    };

    private static final CssMetaData<ColorLegend, Paint> TEXT_FILL =
            new CssMetaData<>("-wb-heatmap-text", StyleConverter.getPaintConverter(), Color.BLACK) {
                @Override
                public boolean isSettable(ColorLegend node) {
                    return !node.textFill.isBound();
                }

                @Override
                public StyleableProperty<Paint> getStyleableProperty(ColorLegend node) {
                    return node.textFill;
                }
            };

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.add(FONT);
        all.add(TEXT_FILL);
        CSS_META_DATA = Collections.unmodifiableList(all);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_META_DATA;
    }
}
