package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.TokenVectors;
import io.rerankworkbench.rerank.TokenizedInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** ContributionMaps on hand-made token vectors: units, sums, means, fields. */
class ContributionMapsTest {

    /** "[CLS] pizz ##eria [SEP]" for "pizzeria" and "[CLS] best pizza [SEP]" for "best pizza". */
    private static TokenizedInput document() {
        return new TokenizedInput(List.of("[CLS]", "pizz", "##eria", "[SEP]"), new int[]{-1, 0, 0, -1},
                new ArrayList<>(Arrays.asList(null, new TextSpan(0, 4), new TextSpan(4, 8), null)),
                new int[]{-1, 0, 0, -1});
    }

    private static TokenizedInput query() {
        return new TokenizedInput(List.of("[CLS]", "best", "pizza", "[SEP]"), new int[]{-1, 0, 0, -1},
                new ArrayList<>(Arrays.asList(null, new TextSpan(0, 4), new TextSpan(5, 10), null)),
                new int[]{-1, 0, 1, -1});
    }

    private static TokenContributions contributions(boolean meanPooled) {
        float[][] q = {{1, 0, 0}, {0.5f, 1, 0}, {0, 1, 1}, {1, 1, 1}};
        float[][] d = {{1, 0.2f, 0}, {0, 1, 0}, {0.3f, 0, 1}, {1, -1, 0}};
        return TokenContributions.of(new TokenVectors(query(), q, meanPooled),
                new TokenVectors(document(), d, meanPooled));
    }

    @Test
    void specialTokensKeepUnitsOfTheirOwnAndWordsSumTheirTokens() {
        TokenContributions c = contributions(true);
        ContributionMaps maps = ContributionMaps.of(c, "best pizza", "pizzeria");
        assertThat(maps.method()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
        ExplanationMap m = maps.map(Granularity.WORDS, "m", c.score());
        assertThat(m.rows()).extracting(AxisUnit::label).containsExactly("[CLS]", "best", "pizza", "[SEP]");
        assertThat(m.rows()).extracting(AxisUnit::segment).containsExactly(Segment.SPECIAL, Segment.QUERY,
                Segment.QUERY, Segment.SPECIAL);
        assertThat(m.rows().get(0).span()).isNull();
        assertThat(m.columns()).extracting(AxisUnit::label).containsExactly("[CLS]", "pizzeria", "[SEP]");
        assertThat(m.value(2, 1)).isCloseTo(c.cells()[2][1] + c.cells()[2][2], within(1e-12));
        assertThat(m.value(0, 2)).isCloseTo(c.cells()[0][3], within(1e-12));
        assertThat(m.total()).isCloseTo(c.score(), within(1e-12));
        assertThat(m.method()).isEqualTo(ExplainMethod.CONTRIBUTIONS);
        assertThat(m.valueName()).isEqualTo("contribution to the cosine score");
        assertThat(m.scaleKind()).isEqualTo(ColorScale.Kind.DIVERGING);
        assertThat(m.layer()).isEqualTo(ExplanationMap.NOT_ATTENTION);
        assertThat(m.head()).isEqualTo(ExplanationMap.NOT_ATTENTION);
        assertThat(m.block()).isNull();
        assertThat(m.granularity()).isEqualTo(Granularity.WORDS);
        assertThat(m.baseline()).isNaN();
        assertThat(m.truncated()).isFalse();
        assertThat(m.notes().get(0)).startsWith("The cells add up to the cosine score");

        ExplanationMap pieces = maps.map(Granularity.WORD_PIECES, "m", c.score());
        assertThat(pieces.columns()).extracting(AxisUnit::label).containsExactly("[CLS]", "pizz", "##eria", "[SEP]");
        assertThat(pieces.total()).isCloseTo(c.score(), within(1e-12));
        assertThat(pieces.value(1, 2)).isEqualTo(c.cells()[1][2]);
        assertThat(pieces.title()).endsWith("word-pieces");
    }

    @Test
    void similarityWordsAreTheMeanOfTheirTokenPairs() {
        TokenContributions c = contributions(false);
        ContributionMaps maps = ContributionMaps.of(c, "best pizza", "pizzeria", new TextSpan(10, 18));
        assertThat(maps.method()).isEqualTo(ExplainMethod.SIMILARITY);
        ExplanationMap m = maps.map(Granularity.WORDS, "m", 0.7);
        assertThat(m.value(1, 1)).isCloseTo((c.cells()[1][1] + c.cells()[1][2]) / 2, within(1e-12));
        assertThat(m.total()).isNaN();
        assertThat(m.score()).isEqualTo(0.7);
        assertThat(m.scaleKind()).isEqualTo(ColorScale.Kind.SEQUENTIAL);
        assertThat(m.columns().get(1).span()).isEqualTo(new TextSpan(10, 18));
        assertThat(m.window()).isEqualTo(new TextSpan(10, 18));
        assertThat(m.notes()).contains(
                "The document was scored in windows; this is the best-scoring window, characters 11–18.");
    }
}
