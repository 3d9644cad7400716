package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapImageTest {

    @Test
    void everyCellIsFilledWithItsValuesColour() {
        for (ExplanationMap map : List.of(ExplanationJsonTest.attention(), ExplanationJsonTest.occlusion())) {
            for (double scale : new double[]{1, 2}) {
                BufferedImage image = MapImage.render(map, scale);
                ColorScale colours = map.colorScale();
                for (int r = 0; r < map.rowCount(); r++) {
                    for (int c = 0; c < map.columnCount(); c++) {
                        Rectangle cell = MapImage.cell(map, scale, r, c);
                        assertThat(cell.width).isEqualTo((int) Math.round(MapImage.CELL * scale));
                        int expected = colours.rgb(map.value(r, c));
                        // every pixel of the cell, corners included: fills are not anti-aliased
                        for (int[] p : new int[][]{{cell.x, cell.y}, {cell.x + cell.width - 1, cell.y + cell.height - 1},
                                {(int) cell.getCenterX(), (int) cell.getCenterY()}}) {
                            assertThat(image.getRGB(p[0], p[1]) & 0xFFFFFF).as("cell %d,%d at %s", r, c, scale)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
        // NaN is drawn as "no value"
        ExplanationMap attention = ExplanationJsonTest.attention();
        Rectangle nan = MapImage.cell(attention, 1, 0, 2);
        assertThat(MapImage.render(attention, 1).getRGB(nan.x + 3, nan.y + 3) & 0xFFFFFF)
                .isEqualTo(ColorScale.NO_VALUE);
    }

    @Test
    void thePngHasTheAnnouncedSizeAndScaleTwoDoublesIt() throws Exception {
        ExplanationMap map = ExplanationJsonTest.attention();
        Dimension one = MapImage.size(map, 1);
        Dimension two = MapImage.size(map, 2);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        MapImage.writePng(map, 2, png);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(read.getWidth()).isEqualTo(two.width);
        assertThat(read.getHeight()).isEqualTo(two.height);
        assertThat(two.width).isBetween(2 * one.width - 8, 2 * one.width + 8);
        assertThat(two.height).isBetween(2 * one.height - 8, 2 * one.height + 8);
        // wide enough for its cells, its title and its notes
        Rectangle last = MapImage.cell(map, 2, map.rowCount() - 1, map.columnCount() - 1);
        assertThat(two.width).isGreaterThan(last.x + last.width);
        assertThat(two.height).isGreaterThan(last.y + last.height + 28);
        assertThat(one.width).isGreaterThanOrEqualTo(480);
    }

    @Test
    void theLegendRunsThePaletteAndTheTextIsDrawn() {
        ExplanationMap map = ExplanationJsonTest.occlusion();
        BufferedImage image = MapImage.render(map, 1);
        Rectangle first = MapImage.cell(map, 1, 0, 0);
        int legendY = first.y + first.height + 12 + 2; // two gaps below the grid
        ColorScale scale = map.colorScale();
        assertThat(image.getRGB(12, legendY) & 0xFFFFFF).isEqualTo(scale.at(0));
        assertThat(image.getRGB(12 + 239, legendY) & 0xFFFFFF).isEqualTo(scale.at(1));
        // the title row holds dark, anti-aliased text: pure dark and in-between greys
        boolean dark = false;
        boolean grey = false;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < 28; y++) {
                int v = image.getRGB(x, y) & 0xFF;
                dark |= v < 0x40;
                grey |= v > 0x60 && v < 0xC0;
            }
        }
        assertThat(dark).isTrue();
        assertThat(grey).isTrue();
        assertThatThrownBy(() -> MapImage.render(map, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longLabelsAreShortenedAndNumbersReadable() {
        assertThat(MapImage.shorten("a".repeat(30))).hasSize(MapImage.MAX_LABEL_CHARS).endsWith("…");
        assertThat(MapImage.shorten("two\nlines")).isEqualTo("two lines");
        assertThat(MapImage.number(0.053534)).isEqualTo("0.05353");
        assertThat(MapImage.number(-0.7)).isEqualTo("-0.7");
        assertThat(MapImage.number(1e-6)).isEqualTo("1.000e-06");
        assertThat(MapImage.number(0)).isEqualTo("0");
    }
}
