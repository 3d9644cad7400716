package io.rerankworkbench.ui.common;

import io.rerankworkbench.core.ColorScale;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeatmapDataTest {

    private static final ColorScale SCALE = ColorScale.sequential(0, 1);

    @Test
    void shapesThatDoNotMatchTheLabelsSayWhichAndHowFarOff() {
        assertThatThrownBy(() -> new HeatmapData(List.of("a", "b"), List.of("x"), new double[][]{{1}}, SCALE, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values has 1 rows but rowLabels has 2");
        assertThatThrownBy(() -> new HeatmapData(List.of("a", "b"), List.of("x", "y"), new double[][]{{1, 2}, {3}},
                SCALE, "v"))
                .hasMessage("values row 1 has 1 columns but columnLabels has 2");
        assertThatThrownBy(() -> new HeatmapData(List.of("a"), List.of("x"), new double[][]{{1}}, SCALE, "v", null,
                List.of("one", "two")))
                .hasMessage("columnTooltips has 2 entries for 1 labels");
        assertThatThrownBy(() -> new HeatmapData(Arrays.asList("a", null), List.of("x"), new double[][]{{1}, {2}},
                SCALE, "v"))
                .hasMessage("rowLabels has no label at index 1");
    }

    @Test
    void theMatrixIsCopiedInAndOut() {
        double[][] values = {{0.25, Double.NaN}};
        HeatmapData data = new HeatmapData(List.of("q"), List.of("x", "y"), values, SCALE, "attention",
                null, Arrays.asList("first word", null));
        values[0][0] = 0.75;
        assertThat(data.value(0, 0)).isEqualTo(0.25);
        data.values()[0][0] = 0.5;
        assertThat(data.value(0, 0)).isEqualTo(0.25);
        assertThat(data.value(0, 1)).isNaN();
        assertThat(data.columnTooltip(0)).isEqualTo("first word");
        assertThat(data.columnTooltip(1)).isNull();
        assertThat(data.rowTooltip(0)).isNull();
    }

    @Test
    void aCoveringScaleSpansTheValues() {
        HeatmapData data = HeatmapData.covering(List.of("q"), List.of("x", "y", "z"),
                new double[][]{{-0.5, 0.25, Double.NaN}}, ColorScale.Kind.DIVERGING, "contribution");
        assertThat(data.scale().min()).isEqualTo(-0.5);
        assertThat(data.scale().max()).isEqualTo(0.5);
        assertThat(data.rowCount()).isEqualTo(1);
        assertThat(data.columnCount()).isEqualTo(3);
    }

    @Test
    void aCellIsDescribedByBothLabelsItsValueAndTheDescriptions() {
        HeatmapData data = new HeatmapData(List.of("capital"), List.of("paris", "is"),
                new double[][]{{0.123456789, Double.NaN}}, SCALE, "attention", List.of("query word 1"),
                Arrays.asList("characters 0–5", null));
        assertThat(data.describeCell(0, 0)).isEqualTo("capital → paris: 0.123457 attention\nquery word 1\ncharacters 0–5");
        assertThat(data.describeCell(0, 1)).isEqualTo("capital → is: no value\nquery word 1");
        assertThat(data.describeColumn(0)).isEqualTo("paris\ncharacters 0–5");
        assertThat(data.describeColumn(1)).isEqualTo("is");
        assertThat(data.describeRow(0)).isEqualTo("capital\nquery word 1");
    }
}
