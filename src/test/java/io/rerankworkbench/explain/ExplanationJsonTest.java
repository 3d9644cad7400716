package io.rerankworkbench.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplanationJsonTest {

    static ExplanationMap attention() {
        return new ExplanationMap(ExplainMethod.ATTENTION, "tiny \"cross\" encoder",
                "Attention, query → document, layer 2 of 6, mean of 12 heads", "attention",
                ColorScale.Kind.SEQUENTIAL,
                List.of(new AxisUnit("best", Segment.QUERY, new TextSpan(0, 4)),
                        new AxisUnit("pizza", Segment.QUERY, new TextSpan(5, 10))),
                List.of(new AxisUnit("Café", Segment.DOCUMENT, new TextSpan(40, 44)),
                        new AxisUnit("=SUM(A1)", Segment.DOCUMENT, new TextSpan(45, 53)),
                        new AxisUnit("[SEP]", Segment.SPECIAL, null)),
                new double[][]{{0.1, 1e-9, Double.NaN}, {0.30000000000000004, -0.0, 1.0 / 3}},
                Double.NaN, 8.25, Double.NaN, 1, Pick.MEAN, 6, 12, Block.QUERY_TO_DOCUMENT, Granularity.WORDS, null,
                new TextSpan(40, 96), true, List.of("The model read the document up to “pizza” (2 of 9 words); "
                + "the rest was cut off.", "Second note,\nwith a line break."));
    }

    static ExplanationMap occlusion() {
        List<AxisUnit> words = Occlusion.units("pizza in naples", OcclusionUnit.WORD);
        return Occlusion.map("cohere", words, OcclusionUnit.WORD, 0.9, new double[]{0.2, 0.85, 0.95}, Double.NaN);
    }

    static ExplanationMap contributions() {
        return new ExplanationMap(ExplainMethod.CONTRIBUTIONS, "all-MiniLM-L6-v2", "Contributions", "contribution",
                ColorScale.Kind.DIVERGING, List.of(new AxisUnit("[CLS]", Segment.SPECIAL, null)),
                List.of(new AxisUnit("x", Segment.DOCUMENT, new TextSpan(0, 1))), new double[][]{{0.5}}, 0.5, 0.5,
                Double.NaN, ExplanationMap.NOT_ATTENTION, ExplanationMap.NOT_ATTENTION, 0, 0, null,
                Granularity.WORD_PIECES, null, null, false, List.of());
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        for (ExplanationMap map : List.of(attention(), occlusion(), contributions(),
                withLayerAndHead(attention(), 5, 0), withLayerAndHead(attention(), Pick.MEAN, 11))) {
            String json = ExplanationJson.write(map);
            ExplanationMap back = ExplanationJson.read(json);
            assertThat(back.method()).isEqualTo(map.method());
            assertThat(back.ranker()).isEqualTo(map.ranker());
            assertThat(back.title()).isEqualTo(map.title());
            assertThat(back.valueName()).isEqualTo(map.valueName());
            assertThat(back.scaleKind()).isEqualTo(map.scaleKind());
            assertThat(back.rows()).isEqualTo(map.rows());
            assertThat(back.columns()).isEqualTo(map.columns());
            // bit for bit, NaN included (Arrays.deepEquals compares doubles by their bits)
            assertThat(Arrays.deepEquals(back.values(), map.values())).as(Arrays.deepToString(back.values())).isTrue();
            assertThat((Double) back.total()).isEqualTo((Double) map.total()); // Double.equals: NaN equals NaN
            assertThat((Double) back.score()).isEqualTo((Double) map.score()); // Double.equals: NaN equals NaN
            assertThat((Double) back.baseline()).isEqualTo((Double) map.baseline()); // Double.equals: NaN equals NaN
            assertThat(back.layer()).isEqualTo(map.layer());
            assertThat(back.head()).isEqualTo(map.head());
            assertThat(back.layers()).isEqualTo(map.layers());
            assertThat(back.heads()).isEqualTo(map.heads());
            assertThat(back.block()).isEqualTo(map.block());
            assertThat(back.granularity()).isEqualTo(map.granularity());
            assertThat(back.unit()).isEqualTo(map.unit());
            assertThat(back.window()).isEqualTo(map.window());
            assertThat(back.truncated()).isEqualTo(map.truncated());
            assertThat(back.notes()).isEqualTo(map.notes());
            assertThat(ExplanationJson.write(back)).isEqualTo(json);
        }
        // -0.0 and 1e-9 keep their exact values
        ExplanationMap back = ExplanationJson.read(ExplanationJson.write(attention()));
        assertThat(Double.doubleToRawLongBits(back.value(1, 1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.value(0, 1)).isEqualTo(1e-9);
    }

    private static ExplanationMap withLayerAndHead(ExplanationMap m, int layer, int head) {
        return new ExplanationMap(m.method(), m.ranker(), m.title(), m.valueName(), m.scaleKind(), m.rows(),
                m.columns(), m.values(), m.total(), m.score(), m.baseline(), layer, head, m.layers(), m.heads(),
                Block.BOTH, Granularity.WORD_PIECES, m.unit(), null, false, m.notes());
    }

    @Test
    void theDocumentHasTheDocumentedShape() throws Exception {
        String json = ExplanationJson.write(attention());
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.fieldNames()).toIterable().containsExactly("format", "version", "method", "ranker", "title",
                "valueName", "scale", "layer", "head", "layers", "heads", "block", "granularity", "unit", "score",
                "baseline", "total", "window", "truncated", "notes", "rows", "columns", "values");
        assertThat(root.get("format").asText()).isEqualTo("rerank-workbench/explanation");
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(root.get("method").asText()).isEqualTo("attention");
        assertThat(root.get("scale").asText()).isEqualTo("sequential");
        assertThat(root.get("layer").asInt()).isEqualTo(2); // 1-based
        assertThat(root.get("head").asText()).isEqualTo("mean");
        assertThat(root.get("block").asText()).isEqualTo("query-to-document");
        assertThat(root.get("granularity").asText()).isEqualTo("words");
        assertThat(root.get("unit").isNull()).isTrue();
        assertThat(root.get("total").isNull()).isTrue();
        assertThat(root.get("score").asDouble()).isEqualTo(8.25);
        assertThat(root.get("window").get("start").asInt()).isEqualTo(40);
        assertThat(root.get("window").get("end").asInt()).isEqualTo(96);
        assertThat(root.get("columns").get(2).toString())
                .isEqualTo("{\"text\":\"[SEP]\",\"segment\":\"special\",\"start\":null,\"end\":null}");
        assertThat(root.get("values").get(0).get(2).isNull()).isTrue();
        // A unit and a row of values per line.
        assertThat(json).contains("\n    { \"text\": \"best\", \"segment\": \"query\", \"start\": 0, \"end\": 4 },\n");
        assertThat(json).contains("\n    [ 0.1, 1.0E-9, null ],\n");

        JsonNode occlusion = new ObjectMapper().readTree(ExplanationJson.write(occlusion()));
        assertThat(occlusion.get("method").asText()).isEqualTo("occlusion");
        assertThat(occlusion.get("layer").isNull()).isTrue();
        assertThat(occlusion.get("head").isNull()).isTrue();
        assertThat(occlusion.get("unit").asText()).isEqualTo("word");
        assertThat(occlusion.get("granularity").isNull()).isTrue();
        assertThat(occlusion.get("scale").asText()).isEqualTo("diverging");
        assertThat(occlusion.get("baseline").asDouble()).isEqualTo(0.9);
        assertThat(new ObjectMapper().readTree(ExplanationJson.write(contributions())).get("granularity").asText())
                .isEqualTo("word-pieces");
    }

    @Test
    void badDocumentsAreRefusedNamingTheField() {
        String good = ExplanationJson.write(attention());
        assertRefused("{", "not valid JSON at line 1");
        assertRefused("[]", "an explanation is a JSON object");
        assertRefused(good.replace("rerank-workbench/explanation", "other"), "format:");
        assertRefused(good.replace("\"version\": 1", "\"version\": 2"), "version: 2 is not supported");
        assertRefused(good.replace("\"method\": \"attention\"", "\"method\": \"magic\""),
                "method: expected one of attention, contributions, similarity, occlusion");
        assertRefused(good.replace("\"layer\": 2", "\"layer\": 7"), "layer: expected \"mean\", null or a number "
                + "from 1 to 6");
        assertRefused(good.replace("\"layer\": 2", "\"layer\": 0"), "layer:");
        assertRefused(good.replace("\"block\": \"query-to-document\"", "\"block\": \"sideways\""), "block:");
        assertRefused(good.replace("\"segment\": \"query\", \"start\": 0", "\"segment\": \"title\", \"start\": 0"),
                "rows[0].segment: expected one of query, document, special");
        assertRefused(good.replace("\"start\": 5, \"end\": 10", "\"start\": 5, \"end\": null"),
                "rows[1].end: expected a character offset >= 0");
        assertRefused(good.replace("\"start\": 5, \"end\": 10", "\"start\": 5, \"end\": 4"),
                "rows[1]: end 4 is before start 5");
        assertRefused(good.replace("[ 0.1, 1.0E-9, null ]", "[ 0.1, \"x\", null ]"),
                "values[0][1]: expected a number or null");
        assertRefused(good.replace("[ 0.1, 1.0E-9, null ]", "[ 0.1, null ]"), "values[0]: expected an array of 3");
        assertRefused(good.replace("\"truncated\": true", "\"truncated\": \"yes\""), "truncated:");
        assertRefused(good.replace("\"score\": 8.25", "\"score\": \"high\""), "score: expected a number or null");
        assertRefused(good.replace("\"ranker\"", "\"rankr\""), "ranker: missing");
        assertRefused(good.replace("\"window\": {", "\"window\": [], \"x\": {"), "window: expected an object");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ExplanationJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
