package io.rerankworkbench.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradeScaleTest {

    @Test
    void builtInsRoundTripThroughJson() {
        for (GradeScale scale : GradeScale.builtIns()) {
            assertThat(GradeScale.fromJson(scale.toJson())).isEqualTo(scale);
        }
        assertThat(GradeScale.GRADED_0_3.label(3)).isEqualTo("highly relevant");
        assertThat(GradeScale.GRADED_0_4.grades()).containsExactly(0, 1, 2, 3, 4);
        assertThat(GradeScale.BINARY.label(7)).isEqualTo("7");
    }

    @Test
    void readsTheDocumentedExample() {
        String json = """
                {"name": "graded 0-3", "ordinal": true,
                 "levels": [{"grade": 0, "label": "not relevant"}, {"grade": 1, "label": "related"},
                            {"grade": 2, "label": "relevant"}, {"grade": 3, "label": "highly relevant"}]}""";
        assertThat(GradeScale.fromJson(json)).isEqualTo(GradeScale.GRADED_0_3);
    }

    @Test
    void customScalesNumberTheirLevels() {
        GradeScale custom = GradeScale.custom("intent", false, List.of(" wrong ", "partial", "exact"));
        assertThat(custom.levels()).containsExactly(new GradeScale.Level(0, "wrong"),
                new GradeScale.Level(1, "partial"), new GradeScale.Level(2, "exact"));
        assertThat(GradeScale.fromJson(custom.toJson())).isEqualTo(custom);
        assertThat(custom.toJson()).contains("\"ordinal\":false");
    }

    @Test
    void rejectsScalesThatCannotBeGradedWithDigitKeys() {
        assertThatThrownBy(() -> GradeScale.custom("x", true, List.of("only")))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> GradeScale.custom("x", true, List.of("a", " ")))
                .hasMessageContaining("no name");
        assertThatThrownBy(() -> GradeScale.custom("x", true, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8",
                "9", "10"))).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> GradeScale.fromJson("[1, 2]")).hasMessageContaining("levels");
        assertThatThrownBy(() -> GradeScale.fromJson("{not json")).hasMessageContaining("not a grade scale");
        assertThatThrownBy(() -> GradeScale.fromJson("{\"levels\": [{\"grade\": 1}, {\"grade\": 1}]}"))
                .hasMessageContaining("twice");
    }
}
