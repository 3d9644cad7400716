package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.AttentionResult;
import io.rerankworkbench.rerank.TokenizedInput;
import io.rerankworkbench.rerank.local.BiEncoderReranker;
import io.rerankworkbench.rerank.local.EngineCache;
import io.rerankworkbench.rerank.local.EngineSettings;
import io.rerankworkbench.rerank.local.LocalRerankers;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** AttentionMaps on hand-made attention (exact numbers) and on the tiny bi-encoder's self-attention. */
class AttentionMapsTest {

    private static final EngineSettings SETTINGS = new EngineSettings(8, 2048, 1, 1, 1 << 20);

    /**
     * {@code [CLS] best pizza [SEP] pizz ##eria [SEP]} over query "best pizza" and document "pizzeria", 2 layers of
     * 1 head; token i attends to token j with weight {@code (1 + i + j + layer) / rowSum}.
     */
    private static AttentionResult.Available pair() {
        List<String> tokens = List.of("[CLS]", "best", "pizza", "[SEP]", "pizz", "##eria", "[SEP]");
        int[] segments = {-1, 0, 0, -1, 1, 1, -1};
        List<TextSpan> spans = new ArrayList<>(Arrays.asList(null, new TextSpan(0, 4), new TextSpan(5, 10), null,
                new TextSpan(0, 4), new TextSpan(4, 8), null));
        int[] words = {-1, 0, 1, -1, 0, 0, -1};
        int n = tokens.size();
        float[][][][] w = new float[2][1][n][n];
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += 1 + i + j + l;
                }
                for (int j = 0; j < n; j++) {
                    w[l][0][i][j] = (float) ((1 + i + j + l) / sum);
                }
            }
        }
        return new AttentionResult.Available(new TokenizedInput(tokens, segments, spans, words), w);
    }

    private static double p(int l, int i, int j) {
        double sum = 0;
        for (int k = 0; k < 7; k++) {
            sum += 1 + i + k + l;
        }
        return (1 + i + j + l) / sum;
    }

    @Test
    void wordRowsAverageTheirTokensAndWordColumnsSumThem() {
        AttentionMaps maps = AttentionMaps.of(pair(), "best pizza", "pizzeria", null);
        ExplanationMap qd = maps.map(new Pick(1, 0, Block.QUERY_TO_DOCUMENT, Granularity.WORDS), "m", 2.5);
        assertThat(qd.rows()).extracting(AxisUnit::label).containsExactly("best", "pizza");
        assertThat(qd.columns()).extracting(AxisUnit::label).containsExactly("pizzeria");
        assertThat(qd.value(0, 0)).isCloseTo(p(1, 1, 4) + p(1, 1, 5), within(1e-6));
        ExplanationMap dq = maps.map(new Pick(0, 0, Block.DOCUMENT_TO_QUERY, Granularity.WORDS), "m", 2.5);
        assertThat(dq.rows()).extracting(AxisUnit::label).containsExactly("best", "pizza");
        assertThat(dq.value(1, 0)).isCloseTo((p(0, 4, 2) + p(0, 5, 2)) / 2, within(1e-6));
        ExplanationMap both = maps.map(Pick.mean(Block.BOTH), "m", 2.5);
        double forward = (p(0, 2, 4) + p(0, 2, 5) + p(1, 2, 4) + p(1, 2, 5)) / 2;
        double back = ((p(0, 4, 2) + p(0, 5, 2)) / 2 + (p(1, 4, 2) + p(1, 5, 2)) / 2) / 2;
        assertThat(both.value(1, 0)).isCloseTo((forward + back) / 2, within(1e-6));
        ExplanationMap pieces = maps.map(new Pick(0, Pick.MEAN, Block.QUERY_TO_DOCUMENT, Granularity.WORD_PIECES),
                "m", 2.5);
        assertThat(pieces.columns()).extracting(AxisUnit::label).containsExactly("pizz", "##eria");
        assertThat(pieces.value(0, 1)).isCloseTo(p(0, 1, 5), within(1e-6));
    }

    @Test
    void theMapCarriesWhatAReaderNeeds() {
        AttentionMaps maps = AttentionMaps.of(pair(), "best pizza", "pizzeria", null);
        ExplanationMap m = maps.map(new Pick(1, Pick.MEAN, Block.QUERY_TO_DOCUMENT, Granularity.WORDS), "tiny", 2.5);
        assertThat(m.title()).isEqualTo("Attention, query → document, layer 2 of 2, mean of 1 head");
        assertThat(m.method()).isEqualTo(ExplainMethod.ATTENTION);
        assertThat(m.ranker()).isEqualTo("tiny");
        assertThat(m.valueName()).isEqualTo("attention");
        assertThat(m.scaleKind()).isEqualTo(ColorScale.Kind.SEQUENTIAL);
        assertThat(m.layer()).isEqualTo(1);
        assertThat(m.head()).isEqualTo(Pick.MEAN);
        assertThat(m.layers()).isEqualTo(2);
        assertThat(m.heads()).isEqualTo(1);
        assertThat(m.block()).isEqualTo(Block.QUERY_TO_DOCUMENT);
        assertThat(m.granularity()).isEqualTo(Granularity.WORDS);
        assertThat(m.unit()).isNull();
        assertThat(m.window()).isNull();
        assertThat(m.truncated()).isFalse();
        assertThat(m.total()).isNaN();
        assertThat(m.baseline()).isNaN();
        assertThat(m.score()).isEqualTo(2.5);
        assertThat(m.decomposesScore()).isFalse();
        assertThat(m.notes()).containsExactly(
                "Attention shows where the model looked, not how much each word added to the score.");
        assertThat(maps.map(new Pick(Pick.MEAN, 0, Block.BOTH, Granularity.WORD_PIECES), "tiny", 1).title())
                .isEqualTo("Attention, both directions, mean of 2 layers, head 1 of 1, word-pieces");
    }

    @Test
    void aWindowShiftsDocumentSpansIntoTheWholeDocumentAndSaysSo() {
        String whole = "Our famous pizzeria";
        TextSpan window = new TextSpan(11, 19);
        assertThat(window.of(whole)).isEqualTo("pizzeria");
        ExplanationMap m = AttentionMaps.of(pair(), "best pizza", "pizzeria", window)
                .map(Pick.mean(Block.QUERY_TO_DOCUMENT), "m", 1);
        assertThat(m.columns().get(0).span()).isEqualTo(new TextSpan(11, 19));
        assertThat(m.columns().get(0).span().of(whole)).isEqualTo("pizzeria");
        assertThat(m.rows().get(1).span()).isEqualTo(new TextSpan(5, 10));
        assertThat(m.window()).isEqualTo(window);
        assertThat(m.notes()).contains(
                "The document was scored in windows; this is the best-scoring window, characters 12–19.");
    }

    @Test
    void aDocumentTheModelDidNotReadToTheEndIsMarkedTruncated() {
        AttentionMaps maps = AttentionMaps.of(pair(), "best pizza", "pizzeria and more", null);
        assertThat(maps.truncated()).isTrue();
        assertThat(maps.map(Pick.mean(Block.BOTH), "m", 1).notes()).contains(
                "The model read the document up to “pizzeria” (1 of 3 words); the rest was cut off.");
        assertThat(AttentionMaps.of(pair(), "best pizza", "pizzeria  \n", null).truncated()).isFalse();
    }

    @Test
    void badPicksAndUnavailableAttentionAreRefusedWithTheReason() {
        AttentionMaps maps = AttentionMaps.of(pair(), "best pizza", "pizzeria", null);
        assertThatThrownBy(() -> maps.map(Pick.mean(Block.QUERY_SELF), "m", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QUERY_SELF");
        assertThatThrownBy(() -> maps.map(new Pick(2, 0, Block.BOTH, Granularity.WORDS), "m", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 layers");
        assertThatThrownBy(() -> maps.map(new Pick(0, 1, Block.BOTH, Granularity.WORDS), "m", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 heads");
        assertThatThrownBy(() -> AttentionMaps.of(new AttentionResult.Unavailable("fused, sorry"), "q", "d", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fused, sorry");
        assertThatThrownBy(() -> AttentionMaps.of(new AttentionResult.Separate(pair(),
                new AttentionResult.Unavailable("no document attention")), "q", "d", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no document attention");
    }

    @Test
    void aBiEncoderShowsEachTextsSelfAttention() {
        try (BiEncoderReranker bi = (BiEncoderReranker) LocalRerankers.open(
                ModelFiles.folder(Fixtures.model("tiny-bi-encoder")), SETTINGS, new EngineCache(1 << 20))) {
            String query = "pizza in naples";
            String document = "Naples bakeries are famous for pizza";
            AttentionResult r = bi.attention(query, document);
            AttentionMaps maps = AttentionMaps.of(r, query, document, new TextSpan(4, 4 + document.length()));
            assertThat(maps.blocks()).isEqualTo(Block.SEPARATE);
            assertThatThrownBy(() -> maps.map(Pick.mean(Block.BOTH), "tiny", 1))
                    .isInstanceOf(IllegalArgumentException.class);
            ExplanationMap q = maps.map(Pick.mean(Block.QUERY_SELF), "tiny", 1);
            assertThat(q.rows()).extracting(AxisUnit::label).containsExactly("pizza", "in", "naples");
            assertThat(q.columns()).isEqualTo(q.rows());
            assertThat(q.rows()).allMatch(u -> u.segment() == Segment.QUERY);
            ExplanationMap d = maps.map(new Pick(0, 1, Block.DOCUMENT_SELF, Granularity.WORDS), "tiny", 1);
            assertThat(d.rows()).extracting(AxisUnit::label)
                    .containsExactly("Naples", "bakeries", "are", "famous", "for", "pizza");
            assertThat(d.rows()).allMatch(u -> u.segment() == Segment.DOCUMENT);
            assertThat(d.rows().get(1).span()).isEqualTo(new TextSpan(11, 19)); // shifted by the window's start

            // The block is the words' part of the document's own attention, rows averaged and columns summed.
            AttentionResult.Available da = (AttentionResult.Available) ((AttentionResult.Separate) r).document();
            List<Word> words = WordAlignment.words(da.input(), 0, document);
            double[][] expected = WordAlignment.attentionToWords(da.weights()[0][1], words, words);
            for (int i = 0; i < words.size(); i++) {
                for (int j = 0; j < words.size(); j++) {
                    assertThat(d.value(i, j)).isCloseTo(expected[i][j], within(1e-9));
                }
            }
            // With [CLS] and [SEP] as units of their own, each query row sums to 1.
            for (double[] row : maps.fullWordMatrix(Pick.MEAN, Pick.MEAN)) {
                assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-5));
            }
        }
    }
}
