package io.rerankworkbench.ui.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeatmapGeometryTest {

    private static final HeatmapGeometry.Sizing SIZING = new HeatmapGeometry.Sizing(16, 48, 18);
    private static final HeatmapGeometry.LabelSizes WORDS = new HeatmapGeometry.LabelSizes(50, 70, 15, 4);
    private static final double BAR = 12;

    private static HeatmapGeometry fit(int rows, int columns, double width, double height) {
        return HeatmapGeometry.fit(rows, columns, 1, 1, width, height, SIZING, WORDS, BAR, 0, 0);
    }

    @Test
    void fewColumnsGrowToFillUpToTheLargestCellAndNeedNoBars() {
        HeatmapGeometry g = fit(3, 7, 900, 600);
        assertThat(g.cellWidth()).isEqualTo(48);
        assertThat(g.cellHeight()).isEqualTo(18);
        assertThat(g.gutterWidth()).isEqualTo(58);
        assertThat(g.viewportWidth()).as("shrinks to the cells").isEqualTo(7 * 48);
        assertThat(g.viewportHeight()).isEqualTo(3 * 18);
        assertThat(g.horizontalBar()).isFalse();
        assertThat(g.verticalBar()).isFalse();
        assertThat(g.horizontalLabels()).as("70 px labels do not fit 48 px cells").isFalse();
        assertThat(g.headerHeight()).isEqualTo(78);

        HeatmapGeometry between = fit(3, 20, 58 + 20 * 30.5, 600);
        assertThat(between.cellWidth()).as("whole pixels").isEqualTo(30);
    }

    @Test
    void manyColumnsKeepTheSmallestCellAndScroll() {
        HeatmapGeometry g = fit(64, 512, 900, 600);
        assertThat(g.cellWidth()).isEqualTo(16);
        assertThat(g.horizontalBar()).isTrue();
        assertThat(g.verticalBar()).isTrue();
        assertThat(g.viewportWidth()).isEqualTo(900 - 58 - BAR);
        assertThat(g.viewportHeight()).isEqualTo(600 - 78 - BAR);
        assertThat(g.maxScrollX()).isEqualTo(512 * 16 - g.viewportWidth());
        assertThat(g.firstColumn()).isZero();
        assertThat(g.endColumn()).isEqualTo((int) Math.ceil(g.viewportWidth() / 16));
    }

    @Test
    void hitTestsAndBoundsAgreeWhenScrolled() {
        HeatmapGeometry g = fit(64, 512, 900, 600).withScroll(1000.4, 37);
        assertThat(g.scrollX()).isEqualTo(1000);
        int column = 100;
        double x = g.columnX(column);
        assertThat(x).isEqualTo(1 + 58 + 1600 - 1000);
        assertThat(g.columnAt(x)).isEqualTo(column);
        assertThat(g.columnAt(x + 15.9)).isEqualTo(column);
        assertThat(g.columnAt(x + 16)).isEqualTo(column + 1);
        assertThat(g.columnAt(g.viewportX() - 1)).as("the gutter").isEqualTo(-1);
        assertThat(g.rowAt(g.rowY(5) + 1)).isEqualTo(5);
        assertThat(g.inHeader(x + 1, 10)).isTrue();
        assertThat(g.inGutter(10, g.rowY(5) + 1)).isTrue();
        assertThat(g.firstColumn()).isEqualTo(62);
    }

    @Test
    void scrollingToAColumnMovesAsLittleAsPossible() {
        HeatmapGeometry g = fit(64, 512, 900, 600);
        assertThat(g.scrollXToShow(3)).as("already visible").isZero();
        double last = g.scrollXToShow(511);
        assertThat(last).isEqualTo(g.maxScrollX());
        HeatmapGeometry end = g.withScroll(last, 0);
        assertThat(end.columnX(511) + 16).isEqualTo(end.viewportX() + end.viewportWidth());
        assertThat(end.scrollXToShow(0)).isZero();
        assertThat(g.withScroll(1e9, -5).scrollX()).isEqualTo(g.maxScrollX());
        assertThat(g.withScroll(1e9, -5).scrollY()).isZero();
    }

    @Test
    void labelsThatFitACellAreWrittenAcross() {
        HeatmapGeometry g = HeatmapGeometry.fit(3, 3, 0, 0, 400, 300, SIZING,
                new HeatmapGeometry.LabelSizes(40, 30, 15, 4), BAR, 0, 0);
        assertThat(g.horizontalLabels()).isTrue();
        assertThat(g.headerHeight()).isEqualTo(23);
    }
}
