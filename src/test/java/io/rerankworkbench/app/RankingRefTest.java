package io.rerankworkbench.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the command line names rankings, variants' runs among them. */
class RankingRefTest {

    @Test
    void theQuerysOwnRankingsAreNamedAsBefore() {
        assertThat(RankingRef.parse("original")).isEqualTo(RankingRef.ORIGINAL);
        assertThat(RankingRef.parse(" Ideal ")).isEqualTo(RankingRef.IDEAL);
        assertThat(RankingRef.parse("3")).isEqualTo(RankingRef.run(3));
        assertThat(RankingRef.parse("run3")).isEqualTo(RankingRef.run(3));
        assertThat(RankingRef.parse("#3")).isEqualTo(RankingRef.run(3));
        assertThat(RankingRef.parse("all-MiniLM-L6-v2")).isEqualTo(RankingRef.system(null, "all-MiniLM-L6-v2"));
        assertThat(RankingRef.parse("remote:rerank-v3.5")).isEqualTo(RankingRef.system("remote", "rerank-v3.5"));
        // a model whose name starts like a variant is still a model
        assertThat(RankingRef.parse("v3-large")).isEqualTo(RankingRef.system(null, "v3-large"));
        assertThat(RankingRef.parse("voyage-2")).isEqualTo(RankingRef.system(null, "voyage-2"));
    }

    @Test
    void aVariantAloneIsItsNewestCompletedRunByAnyRanker() {
        assertThat(RankingRef.parse("v2")).isEqualTo(RankingRef.variant(2, null, null));
        assertThat(RankingRef.parse("V2")).isEqualTo(RankingRef.variant(2, null, null));
        assertThat(RankingRef.parse("variant 2")).isEqualTo(RankingRef.variant(2, null, null));
        assertThat(RankingRef.parse("variant2").label()).isEqualTo("v2");
    }

    @Test
    void aVariantsRunIsNamedByBothNumbers() {
        assertThat(RankingRef.parse("v2.1")).isEqualTo(RankingRef.variantRun(2, 1));
        assertThat(RankingRef.parse("v2/run1")).isEqualTo(RankingRef.variantRun(2, 1));
        assertThat(RankingRef.parse("v2#1")).isEqualTo(RankingRef.variantRun(2, 1));
        assertThat(RankingRef.parse("variant 2 run 1")).isEqualTo(RankingRef.variantRun(2, 1));
        assertThat(RankingRef.variantRun(2, 1).label()).isEqualTo("variant 2 · run 1");
    }

    @Test
    void aVariantsRankerIsNamedAfterAColon() {
        assertThat(RankingRef.parse("v1:all-MiniLM-L6-v2"))
                .isEqualTo(RankingRef.variant(1, null, "all-MiniLM-L6-v2"));
        assertThat(RankingRef.parse("v1:local bi-encoder:all-MiniLM-L6-v2"))
                .isEqualTo(RankingRef.variant(1, "local bi-encoder", "all-MiniLM-L6-v2"));
        assertThat(RankingRef.parse("v1:all-MiniLM-L6-v2").label()).isEqualTo("v1 · all-MiniLM-L6-v2");
        RankingRef.ByVariant any = (RankingRef.ByVariant) RankingRef.parse("v1:m");
        assertThat(any.matches("remote", "m")).isTrue();
        assertThat(any.matches("remote", "n")).isFalse();
        RankingRef.ByVariant kind = (RankingRef.ByVariant) RankingRef.parse("v1:remote:m");
        assertThat(kind.matches("remote", "m")).isTrue();
        assertThat(kind.matches("local bi-encoder", "m")).isFalse();
    }

    @Test
    void numbersStartAtOne() {
        assertThatThrownBy(() -> RankingRef.parse("v0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant numbers start at 1");
        assertThatThrownBy(() -> RankingRef.parse("v2.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run numbers start at 1");
        assertThatThrownBy(() -> RankingRef.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
