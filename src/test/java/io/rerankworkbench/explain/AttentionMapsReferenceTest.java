package io.rerankworkbench.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.local.CrossEncoderReranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalRerankers;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fixture cross-encoder, run by the engine (ONNX Runtime), cut into word maps by {@link AttentionMaps}, equals
 * the numpy reference {@code word-attention.json} written by {@code src/test/python/word_attention_reference.py}
 * from the numpy forward pass's token attention, grouping the tokens into words by itself.
 */
class AttentionMapsReferenceTest {

    /** ONNX Runtime's float32 against numpy's float64: the token probabilities agree to ~1e-7. */
    private static final double TOLERANCE = 1e-5;

    private static CrossEncoderReranker cross;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        cross = (CrossEncoderReranker) LocalRerankers.open(ModelFiles.folder(Fixtures.model("tiny-cross-encoder")),
                new EngineSettings(8, 2048, 1, 1, 1 << 20), new EngineCache(1 << 20));
        reference = new ObjectMapper().readTree(
                Fixtures.model("tiny-cross-encoder").resolve("word-attention.json").toFile());
    }

    @AfterAll
    static void close() {
        cross.close();
    }

    @Test
    void everyWordMapEqualsTheNumpyReference() {
        assertThat(reference.get("pairs")).hasSize(5);
        for (JsonNode pair : reference.get("pairs")) {
            String query = pair.get("query").asText();
            String document = pair.get("document").asText();
            AttentionMaps maps = AttentionMaps.of(cross.attention(query, document), query, document, null);
            assertThat(maps.layers()).isEqualTo(2);
            assertThat(maps.heads()).isEqualTo(2);
            assertThat(maps.blocks()).isEqualTo(Block.CROSS);
            JsonNode m = pair.get("maps");
            check(maps.map(Pick.mean(Block.QUERY_TO_DOCUMENT), "tiny", 1.0), m.get("mean_mean_query_to_document"),
                    pair, false);
            // 0-based layer 1 head 0: the second layer's first head.
            check(maps.map(new Pick(1, 0, Block.DOCUMENT_TO_QUERY, Granularity.WORDS), "tiny", 1.0),
                    m.get("layer1_head0_document_to_query"), pair, false);
            check(maps.map(Pick.mean(Block.BOTH), "tiny", 1.0), m.get("mean_mean_both"), pair, false);
            // 0-based layer 0 head 1: the first layer's second head.
            check(maps.map(new Pick(0, 1, Block.QUERY_TO_DOCUMENT, Granularity.WORD_PIECES), "tiny", 1.0),
                    m.get("layer0_head1_word_pieces_query_to_document"), pair, true);
        }
    }

    @Test
    void eachWordRowOfTheFullMatrixSumsToOne() {
        for (JsonNode pair : reference.get("pairs")) {
            String query = pair.get("query").asText();
            String document = pair.get("document").asText();
            AttentionMaps maps = AttentionMaps.of(cross.attention(query, document), query, document, null);
            for (int layer = Pick.MEAN; layer < maps.layers(); layer++) {
                for (int head = Pick.MEAN; head < maps.heads(); head++) {
                    double[][] full = maps.fullWordMatrix(layer, head);
                    assertThat(full).hasNumberOfRows(maps.fullUnits().size());
                    // [CLS] and two [SEP] besides the words.
                    assertThat(maps.fullUnits()).hasSize(pair.get("query_words").size()
                            + pair.get("document_words").size() + 3);
                    for (double[] row : full) {
                        double sum = 0;
                        for (double v : row) {
                            sum += v;
                        }
                        assertThat(sum).isCloseTo(1.0, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void theTruncatedPairSaysWhereTheModelStopped() {
        JsonNode last = reference.get("pairs").get(4);
        String query = last.get("query").asText();
        String document = last.get("document").asText();
        ExplanationMap map = AttentionMaps.of(cross.attention(query, document), query, document, null)
                .map(Pick.mean(Block.QUERY_TO_DOCUMENT), "tiny", 0.5);
        assertThat(map.truncated()).isTrue();
        AxisUnit stop = map.columns().get(map.columnCount() - 1);
        assertThat(stop.label()).isEqualTo("and");
        int words = Occlusion.units(document, OcclusionUnit.WORD).size();
        int read = (int) Occlusion.units(document, OcclusionUnit.WORD).stream()
                .filter(w -> w.span().start() < stop.span().end()).count();
        assertThat(read).isLessThan(words);
        assertThat(map.notes()).contains("The model read the document up to “and” (" + read + " of " + words
                + " words); the rest was cut off.");

        JsonNode first = reference.get("pairs").get(0);
        ExplanationMap whole = AttentionMaps.of(cross.attention(first.get("query").asText(),
                first.get("document").asText()), first.get("query").asText(), first.get("document").asText(), null)
                .map(Pick.mean(Block.BOTH), "tiny", 0.5);
        assertThat(whole.truncated()).isFalse();
        assertThat(whole.notes()).containsExactly(AttentionMaps.NOT_A_DECOMPOSITION);
    }

    private static void check(ExplanationMap map, JsonNode expected, JsonNode pair, boolean pieces) {
        List<String> rows = strings(pair.get(pieces ? "query_pieces" : "query_words"));
        List<String> columns = strings(pair.get(pieces ? "document_pieces" : "document_words"));
        assertSameWords(map.rows(), rows, pieces);
        assertSameWords(map.columns(), columns, pieces);
        assertThat(map.rows()).allMatch(u -> u.segment() == Segment.QUERY);
        assertThat(map.columns()).allMatch(u -> u.segment() == Segment.DOCUMENT);
        JsonNode values = expected.get("values");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                assertThat(map.value(r, c)).as("%s [%d, %d] of '%s'", map.title(), r, c, pair.get("query").asText())
                        .isCloseTo(values.get(r).get(c).asDouble(), within(TOLERANCE));
            }
        }
    }

    /**
     * The reference spells a word with its lower-cased, accent-free tokens, the map with the text as written (and a
     * word-piece as the tokenizer does). A word the vocabulary lacks is [UNK] in the reference.
     */
    private static void assertSameWords(List<AxisUnit> units, List<String> expected, boolean pieces) {
        assertThat(units).hasSameSizeAs(expected);
        for (int i = 0; i < units.size(); i++) {
            String label = units.get(i).label();
            String folded = pieces ? label : Normalizer.normalize(label, Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
            if (!expected.get(i).equals("[UNK]")) {
                assertThat(folded).as("unit %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
