package io.rerankworkbench.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreFormatTest {

    @ParameterizedTest
    @CsvSource({
            "0.5,          0.500000",
            "1.0,          1.000000",
            "0.0,          0.000000",
            "0.123456789,  0.123456789",
            "0.25,         0.250000",
            "-0.25,        -0.250000",
            "-3.0,         -3.000000",
            "-0.123456789, -0.123456789",
            "12.5,         12.500000",
            "0.000123,     0.000123",
            "1.0E-5,       0.000010",
            "1.5E-7,       0.00000015",
            "123456789.0,  123456789.000000",
            "1.0E10,       10000000000.000000",
    })
    void plainWithSixDecimals(double score, String expected) {
        assertThat(ScoreFormat.plain(score, 6)).isEqualTo(expected);
    }

    @Test
    void halfGetsPaddedToSixDecimals() {
        assertThat(ScoreFormat.plain(0.5, 6)).isEqualTo("0.500000");
    }

    @Test
    void oneGetsPaddedToSixDecimals() {
        assertThat(ScoreFormat.plain(1.0, 6)).isEqualTo("1.000000");
    }

    @Test
    void longDecimalsAreNotRounded() {
        assertThat(ScoreFormat.plain(0.123456789, 6)).isEqualTo("0.123456789");
    }

    @Test
    void negativeScores() {
        assertThat(ScoreFormat.plain(-0.5, 6)).isEqualTo("-0.500000");
        assertThat(ScoreFormat.plain(-1e-7, 6)).startsWith("-0.0000001").doesNotContainIgnoringCase("e");
    }

    @Test
    void tinyScoresHaveNoExponent() {
        assertThat(ScoreFormat.plain(1e-7, 6)).doesNotContainIgnoringCase("e").startsWith("0.0000001");
        assertThat(ScoreFormat.plain(1e-20, 6)).doesNotContainIgnoringCase("e");
        assertThat(ScoreFormat.plain(4.9e-324, 6)).doesNotContainIgnoringCase("e");
        assertThat(ScoreFormat.plain(1e21, 6)).doesNotContainIgnoringCase("e");
    }

    @Test
    void otherMinimumDecimals() {
        assertThat(ScoreFormat.plain(0.5, 0)).isEqualTo("0.5");
        assertThat(ScoreFormat.plain(0.5, 3)).isEqualTo("0.500");
        assertThat(ScoreFormat.plain(0.125, 2)).isEqualTo("0.125");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1e-7, -1e-7, 0.1, 0.2, 0.30000000000000004, 1.0 / 3, -2.0 / 3, Math.PI, 1e-12,
            123456.789012345, 0.999999999999, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e15, -1e-300})
    void roundTripsThroughParseDouble(double score) {
        String s = ScoreFormat.plain(score, 6);

        assertThat(Double.parseDouble(s)).isEqualTo(score == 0 ? 0.0 : score);
        assertThat(s).doesNotContainIgnoringCase("e");
        assertThat(s.substring(s.indexOf('.') + 1).length()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void randomScoresRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            double score = (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(20) - 15);
            String s = ScoreFormat.plain(score, 6);

            assertThat(Double.parseDouble(s)).as(s).isEqualTo(score);
            assertThat(s).as(s).doesNotContainIgnoringCase("e");
            assertThat(s.length() - s.indexOf('.') - 1).as(s).isGreaterThanOrEqualTo(6);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteScoresThrow(double score) {
        assertThatThrownBy(() -> ScoreFormat.plain(score, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
    }

    @Test
    void tenToTheMinusSevenIsTheShortestPlainDecimal() {
        assertThat(ScoreFormat.plain(1e-7, 6)).isEqualTo("0.0000001");
        assertThat(ScoreFormat.plain(-1e-7, 6)).isEqualTo("-0.0000001");
        assertThat(ScoreFormat.plain(3e-9, 6)).isEqualTo("0.000000003");
    }
}
