package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OcclusionTest {

    private static final String DOC = "Naples is famous for its pizza, pasta and fresh bread.\n\n  It's 3 km away!";

    @Test
    void wordsAreTheBreakIteratorsWordsWithALetterOrDigit() {
        List<AxisUnit> words = Occlusion.units(DOC, OcclusionUnit.WORD);
        assertThat(words).extracting(AxisUnit::label).containsExactly("Naples", "is", "famous", "for", "its",
                "pizza", "pasta", "and", "fresh", "bread", "It's", "3", "km", "away");
        assertThat(words).allSatisfy(w -> {
            assertThat(w.segment()).isEqualTo(Segment.DOCUMENT);
            assertThat(w.span().of(DOC)).isEqualTo(w.label());
        });
    }

    @Test
    void sentencesAreTrimmedAndEmptyOnesSkipped() {
        List<AxisUnit> sentences = Occlusion.units(DOC + "   \n", OcclusionUnit.SENTENCE);
        assertThat(sentences).extracting(AxisUnit::label).containsExactly(
                "Naples is famous for its pizza, pasta and fresh bread.", "It's 3 km away!");
        assertThat(sentences.get(1).span()).isEqualTo(new TextSpan(58, 73));
        assertThat(Occlusion.units("   ", OcclusionUnit.SENTENCE)).isEmpty();
        assertThat(Occlusion.units("", OcclusionUnit.WORD)).isEmpty();
    }

    @Test
    void variantsTakeOneUnitOutAndCloseTheGap() {
        String doc = "Paris is  the capital.  Lyon has a river.";
        List<AxisUnit> words = Occlusion.units(doc, OcclusionUnit.WORD);
        List<String> variants = Occlusion.variants(doc, words);
        assertThat(variants).hasSize(words.size());
        // Only the join is touched; whitespace elsewhere stays as written.
        assertThat(variants.get(0)).isEqualTo("is  the capital.  Lyon has a river.");
        assertThat(variants.get(1)).isEqualTo("Paris the capital.  Lyon has a river.");
        assertThat(variants.get(3)).isEqualTo("Paris is  the .  Lyon has a river.");
        assertThat(variants.get(7)).isEqualTo("Paris is  the capital.  Lyon has a .");
        List<AxisUnit> sentences = Occlusion.units(doc, OcclusionUnit.SENTENCE);
        assertThat(Occlusion.variants(doc, sentences)).containsExactly("Lyon has a river.",
                "Paris is  the capital.");
        // A unit glued to its neighbour: no space is invented.
        String glued = "(Paris) and Lyon";
        assertThat(Occlusion.variants(glued, Occlusion.units(glued, OcclusionUnit.WORD)))
                .containsExactly("() and Lyon", "(Paris) Lyon", "(Paris) and");
        assertThat(variants).allSatisfy(v -> assertThat(v).isNotBlank());
    }

    @Test
    void fewerThanTwoUnitsCannotBeOccluded() {
        assertThatThrownBy(() -> Occlusion.variants("Hello!", Occlusion.units("Hello!", OcclusionUnit.WORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("occlusion needs at least two")
                .hasMessageContaining("has 1");
        assertThatThrownBy(() -> Occlusion.variants("...", Occlusion.units("...", OcclusionUnit.WORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 0");
    }

    @Test
    void theDefaultUnitIsTheWordUpToTheLimitThenTheSentence() {
        String shortDoc = "word ".repeat(Occlusion.WORD_LIMIT);
        assertThat(Occlusion.defaultUnit(shortDoc)).isEqualTo(OcclusionUnit.WORD);
        String longDoc = "A few words here. ".repeat(Occlusion.WORD_LIMIT / 4 + 1);
        assertThat(Occlusion.units(longDoc, OcclusionUnit.WORD)).hasSizeGreaterThan(Occlusion.WORD_LIMIT);
        assertThat(Occlusion.defaultUnit(longDoc)).isEqualTo(OcclusionUnit.SENTENCE);
        // One long sentence cannot be occluded by sentence, so it stays by word.
        assertThat(Occlusion.defaultUnit("word ".repeat(Occlusion.WORD_LIMIT + 1))).isEqualTo(OcclusionUnit.WORD);
    }

    @Test
    void theMapIsTheDropFromTheBaselinePerUnit() {
        List<AxisUnit> words = Occlusion.units("pizza in naples", OcclusionUnit.WORD);
        ExplanationMap m = Occlusion.map("cohere rerank-v3.5", words, OcclusionUnit.WORD, 0.9,
                new double[]{0.2, 0.85, 0.95}, 0.91);
        assertThat(m.rowCount()).isEqualTo(1);
        assertThat(m.rows().get(0)).isEqualTo(new AxisUnit("score drop", Segment.SPECIAL, null));
        assertThat(m.columns()).isEqualTo(words);
        assertThat(m.value(0, 0)).isCloseTo(0.7, within(1e-12));
        assertThat(m.value(0, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(m.value(0, 2)).isCloseTo(-0.05, within(1e-12));
        assertThat(m.method()).isEqualTo(ExplainMethod.OCCLUSION);
        assertThat(m.valueName()).isEqualTo("score drop");
        assertThat(m.scaleKind()).isEqualTo(ColorScale.Kind.DIVERGING);
        assertThat(m.unit()).isEqualTo(OcclusionUnit.WORD);
        assertThat(m.layer()).isEqualTo(ExplanationMap.NOT_ATTENTION);
        assertThat(m.head()).isEqualTo(ExplanationMap.NOT_ATTENTION);
        assertThat(m.block()).isNull();
        assertThat(m.granularity()).isNull();
        assertThat(m.baseline()).isEqualTo(0.9);
        assertThat(m.score()).isEqualTo(0.91);
        assertThat(m.total()).isNaN();
        assertThat(m.ranker()).isEqualTo("cohere rerank-v3.5");
        assertThat(m.notes()).anyMatch(n -> n.contains("Red: taking it out lowers the score (it helped)")
                && n.contains("Blue: the score rises without it"));
        // Red above the centre, blue below.
        ColorScale scale = m.colorScale();
        assertThat(scale.rgb(m.value(0, 0)) >> 16 & 0xFF).isGreaterThan(scale.rgb(m.value(0, 0)) & 0xFF);
        assertThat(scale.rgb(m.value(0, 2)) & 0xFF).isGreaterThan(scale.rgb(m.value(0, 2)) >> 16 & 0xFF);
        assertThatThrownBy(() -> Occlusion.map("r", words, OcclusionUnit.WORD, 0.9, new double[2], 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 scores for 3 units");
    }
}
