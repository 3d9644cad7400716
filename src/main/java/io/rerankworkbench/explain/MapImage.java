package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A map as a picture, with java.awt only (works headless): the title, the column labels rotated above the cells, the
 * row labels on the left, the cells in the map's colour scale, a legend bar with its range and the value name, and
 * the notes below. The command line's {@code --format png} and the window's "Export PNG" (at scale 2) both draw
 * with this, so they look alike.
 *
 * <p>Cells are filled with exactly {@code map.colorScale().rgb(value)} (no anti-aliasing on fills), so a pixel
 * inside a cell has its value's colour.
 */
public final class MapImage {

    /** A cell's side at scale 1, in pixels. */
    public static final int CELL = 14;
    /** Longer labels are cut with an ellipsis. */
    public static final int MAX_LABEL_CHARS = 24;

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(0x212121);
    private static final Color MUTED = new Color(0x616161);
    private static final Color FRAME = new Color(0xBDBDBD);
    private static final int PAD = 12;
    private static final int GAP = 6;
    private static final int LEGEND_BAR = 12;
    private static final int MIN_LEGEND = 240;
    private static final int MIN_WIDTH = 480;

    private MapImage() {
    }

    /** The size {@link #render} will make. */
    public static Dimension size(ExplanationMap map, double scale) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            hints(g);
            Layout l = layout(g, map, scale);
            return new Dimension(l.width, l.height);
        } finally {
            g.dispose();
        }
    }

    /** Where cell ({@code row}, {@code column}) is drawn in the image of {@code map} at {@code scale}. */
    public static Rectangle cell(ExplanationMap map, double scale, int row, int column) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            hints(g);
            Layout l = layout(g, map, scale);
            return new Rectangle(l.gridX + column * l.cell, l.gridY + row * l.cell, l.cell, l.cell);
        } finally {
            g.dispose();
        }
    }

    public static void writePng(ExplanationMap map, double scale, OutputStream out) throws IOException {
        if (!ImageIO.write(render(map, scale), "png", out)) {
            throw new IOException("no PNG writer is available");
        }
    }

    public static BufferedImage render(ExplanationMap map, double scale) {
        if (!(scale > 0) || scale > 8) {
            throw new IllegalArgumentException("scale must be above 0 and at most 8, was " + scale);
        }
        Dimension size = size(map, scale);
        BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            hints(g);
            Layout l = layout(g, map, scale);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, l.width, l.height);
            drawTitle(g, l, map);
            drawColumnLabels(g, l, map);
            drawRowLabels(g, l, map);
            drawCells(g, l, map);
            drawLegend(g, l, map);
            drawNotes(g, l);
        } finally {
            g.dispose();
        }
        return image;
    }

    // ---- layout -------------------------------------------------------------------------------------------------

    private record Layout(Font title, Font label, Font small, int pad, int gap, int cell, int titleBaseline,
                          int rowLabelWidth, int columnLabelHeight, int gridX, int gridY, int gridWidth,
                          int gridHeight, int legendY, int legendWidth, int legendBar, int notesY, List<String> noteLines,
                          int width, int height) {
    }

    private static Layout layout(Graphics2D g, ExplanationMap map, double scale) {
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont((float) (14 * scale));
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (11 * scale));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (11 * scale));
        int pad = px(PAD, scale);
        int gap = px(GAP, scale);
        int cell = Math.max(1, px(CELL, scale));
        FontMetrics tm = g.getFontMetrics(title);
        FontMetrics lm = g.getFontMetrics(label);
        FontMetrics sm = g.getFontMetrics(small);

        int rowLabelWidth = 0;
        for (AxisUnit u : map.rows()) {
            rowLabelWidth = Math.max(rowLabelWidth, lm.stringWidth(shorten(u.label())));
        }
        int columnLabelHeight = 0;
        for (AxisUnit u : map.columns()) {
            columnLabelHeight = Math.max(columnLabelHeight, lm.stringWidth(shorten(u.label())));
        }
        if (map.truncated()) {
            columnLabelHeight = Math.max(columnLabelHeight, lm.stringWidth(CUT));
        }
        int titleBaseline = pad + tm.getAscent();
        int gridX = pad + rowLabelWidth + gap;
        int gridY = pad + tm.getHeight() + gap + columnLabelHeight + gap;
        int gridWidth = cell * map.columnCount();
        int gridHeight = cell * map.rowCount();
        int legendWidth = Math.max(px(MIN_LEGEND, scale), Math.min(gridWidth, px(2 * MIN_LEGEND, scale)));
        int contentWidth = Math.max(gridX + gridWidth + (map.truncated() ? gap + lm.getHeight() : 0),
                pad + tm.stringWidth(String.valueOf(map.title())));
        int width = Math.max(contentWidth, Math.max(pad + legendWidth + gap + legendLabelRoom(sm, map),
                px(MIN_WIDTH, scale) - pad)) + pad;
        int legendY = gridY + gridHeight + 2 * gap;
        int legendBar = Math.max(1, px(LEGEND_BAR, scale));
        int legendHeight = legendBar + gap / 2 + sm.getHeight();
        List<String> lines = new ArrayList<>();
        for (String note : map.notes()) {
            lines.addAll(wrap(note, sm, width - 2 * pad));
        }
        int notesY = legendY + legendHeight + 2 * gap;
        int height = notesY + lines.size() * sm.getHeight() + pad;
        return new Layout(title, label, small, pad, gap, cell, titleBaseline, rowLabelWidth, columnLabelHeight,
                gridX, gridY, gridWidth, gridHeight, legendY, legendWidth, legendBar, notesY, lines, width, height);
    }

    private static final String CUT = "cut off here";

    private static int legendLabelRoom(FontMetrics sm, ExplanationMap map) {
        return sm.stringWidth(String.valueOf(map.valueName()));
    }

    // ---- drawing ------------------------------------------------------------------------------------------------

    private static void drawTitle(Graphics2D g, Layout l, ExplanationMap map) {
        g.setFont(l.title);
        g.setColor(TEXT);
        g.drawString(String.valueOf(map.title()), l.pad, l.titleBaseline);
    }

    /** Rotated a quarter turn, reading upwards, each ending just above its column. */
    private static void drawColumnLabels(Graphics2D g, Layout l, ExplanationMap map) {
        g.setFont(l.label);
        FontMetrics fm = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        int bottom = l.gridY - l.gap;
        for (int c = 0; c < map.columnCount(); c++) {
            AxisUnit u = map.columns().get(c);
            g.setColor(u.segment() == Segment.SPECIAL ? MUTED : TEXT);
            double x = l.gridX + c * l.cell + (l.cell + fm.getAscent() - fm.getDescent()) / 2.0;
            g.translate(x, bottom);
            g.rotate(-Math.PI / 2);
            g.drawString(shorten(u.label()), 0, 0);
            g.setTransform(saved);
        }
        if (map.truncated()) {
            // Where the model stopped reading: a bar after the last column it read, labelled.
            int x = l.gridX + l.gridWidth + l.gap / 2;
            g.setColor(TEXT);
            g.setStroke(new BasicStroke(Math.max(1f, l.cell / 7f)));
            g.drawLine(x, l.gridY, x, l.gridY + l.gridHeight);
            g.translate(x + l.gap / 2.0 + fm.getAscent(), bottom);
            g.rotate(-Math.PI / 2);
            g.drawString(CUT, 0, 0);
            g.setTransform(saved);
        }
    }

    private static void drawRowLabels(Graphics2D g, Layout l, ExplanationMap map) {
        g.setFont(l.label);
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < map.rowCount(); r++) {
            AxisUnit u = map.rows().get(r);
            String text = shorten(u.label());
            g.setColor(u.segment() == Segment.SPECIAL ? MUTED : TEXT);
            int baseline = l.gridY + r * l.cell + (l.cell + fm.getAscent() - fm.getDescent()) / 2;
            g.drawString(text, l.gridX - l.gap - fm.stringWidth(text), baseline);
        }
    }

    private static void drawCells(Graphics2D g, Layout l, ExplanationMap map) {
        ColorScale scale = map.colorScale();
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int r = 0; r < map.rowCount(); r++) {
            for (int c = 0; c < map.columnCount(); c++) {
                g.setColor(new Color(scale.rgb(map.value(r, c))));
                g.fillRect(l.gridX + c * l.cell, l.gridY + r * l.cell, l.cell, l.cell);
            }
        }
        // A frame just outside the cells (not anti-aliased, so it never bleeds into them), so that white (zero)
        // cells still read as part of the map.
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1));
        g.drawRect(l.gridX - 1, l.gridY - 1, l.gridWidth + 1, l.gridHeight + 1);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    /** The palette left to right, min / (0) / max under it, the value name to its right. */
    private static void drawLegend(Graphics2D g, Layout l, ExplanationMap map) {
        ColorScale scale = map.colorScale();
        int x0 = l.pad;
        int bar = l.legendBar;
        for (int i = 0; i < l.legendWidth; i++) {
            g.setColor(new Color(scale.at(l.legendWidth == 1 ? 0 : i / (double) (l.legendWidth - 1))));
            g.fillRect(x0 + i, l.legendY, 1, bar);
        }
        g.setFont(l.small);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(TEXT);
        int baseline = l.legendY + bar + l.gap / 2 + fm.getAscent();
        String min = number(scale.min());
        String max = number(scale.max());
        g.drawString(min, x0, baseline);
        g.drawString(max, x0 + l.legendWidth - fm.stringWidth(max), baseline);
        if (scale.kind() == ColorScale.Kind.DIVERGING) {
            String zero = "0";
            int centre = x0 + l.legendWidth / 2;
            g.drawLine(centre, l.legendY + bar, centre, l.legendY + bar + l.gap / 3);
            g.drawString(zero, centre - fm.stringWidth(zero) / 2, baseline);
        }
        g.drawString(String.valueOf(map.valueName()), x0 + l.legendWidth + l.gap,
                l.legendY + (bar + fm.getAscent() - fm.getDescent()) / 2);
    }

    private static void drawNotes(Graphics2D g, Layout l) {
        g.setFont(l.small);
        g.setColor(MUTED);
        FontMetrics fm = g.getFontMetrics();
        int y = l.notesY + fm.getAscent();
        for (String line : l.noteLines) {
            g.drawString(line, l.pad, y);
            y += fm.getHeight();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    private static int px(int size, double scale) {
        return (int) Math.round(size * scale);
    }

    static String shorten(String label) {
        String oneLine = label.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_LABEL_CHARS ? oneLine : oneLine.substring(0, MAX_LABEL_CHARS - 1) + "…";
    }

    /** Four significant digits, in exponent notation only for very small or large magnitudes. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e5) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && fm.stringWidth(candidate) > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
