package io.rerankworkbench.io.imports;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written checks of number syntax and field splitting accept exactly what their patterns describe. */
class ValuesTest {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");

    @Test
    void decimalsAndIntegersAsThePatterns() {
        for (String s : new String[]{"", "+", "-", ".", "5.", ".5", "+.5", "-5.e3", "1e", "1e+", "1e+5", "e5", "1.2.3",
                "0x1p3", "NaN", "Infinity", "1d", "12345678901", "1234567890", "-0", "٣", "1 2", "+-1", "1E-07"}) {
            assertThat(Values.isDecimal(s)).as(s).isEqualTo(DECIMAL.matcher(s).matches());
            assertThat(Values.isInteger(s)).as(s).isEqualTo(INTEGER.matcher(s).matches());
        }
        Random random = new Random(5);
        String alphabet = "0123456789+-.eEx ";
        for (int round = 0; round < 200_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(9);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(Values.isDecimal(s)).as(s).isEqualTo(DECIMAL.matcher(s).matches());
            assertThat(Values.isInteger(s)).as(s).isEqualTo(INTEGER.matcher(s).matches());
        }
        assertThat(Values.number(" 7.5e0 ")).isEqualTo(7.5);
        assertThat(Values.number("1e999")).isNull();
        assertThat(Values.integer("2147483648")).isNull();
        assertThat(Values.integer("-12")).isEqualTo(-12);
    }

    @Test
    void runLineFieldsAsTheWhitespacePattern() {
        Random random = new Random(8);
        String alphabet = "ab1 \t\u000B\f\u00A0";
        for (int round = 0; round < 100_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String line = sb.toString().strip();
            assertThat(TrecRunLine.fields(line)).as("[" + line + "]")
                    .containsExactly(TrecRunLine.WHITESPACE.split(line));
        }
        assertThat(Arrays.asList(TrecRunLine.fields("q1\tQ0  d1 1 2.5 tag"))).containsExactly("q1", "Q0", "d1", "1",
                "2.5", "tag");
    }
}
