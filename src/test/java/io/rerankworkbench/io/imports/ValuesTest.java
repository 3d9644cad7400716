package io.rerankworkbench.io.imports;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void bytesParseExactlyAsDoubleParseDoubleAndTheStringChecks() {
        Random random = new Random(11);
        String alphabet = "0123456789+-.eE";
        List<String> cases = new ArrayList<>(List.of("0", "-0", "+0.0", "-0e5", "0e999999999999", "1e22", "1e23",
                "9007199254740993", "9007199254740992", "123456789012345678", "1234567890123456789", "0.1", "0.3",
                "5e-324", "4.9e-324", "1e-400", "1.7976931348623157e308", "1.8e308", "1e-22", "1.5e-23", ".5", "5.",
                "-.5e-3", "00000000000000000000001.5", "0.000000000000000000000000123", "1e2147483647",
                "1e-2147483648", "1e", "e1", ".", "+", "", "1.2.3", "1e+", "2.22507385850720138e-308"));
        for (int i = 0; i < 300_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (i % 2 == 0) {
                // plausible scores: digits, a point, digits, maybe an exponent
                sb.append(random.nextBoolean() ? "-" : "").append(random.nextInt(1000)).append('.')
                        .append((Math.abs(random.nextLong()) + "0000000000000000000"), 0, 1 + random.nextInt(19));
                if (random.nextInt(4) == 0) {
                    sb.append('e').append(random.nextInt(60) - 30);
                }
            } else {
                int length = 1 + random.nextInt(12);
                for (int k = 0; k < length; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            cases.add(sb.toString());
        }
        cases.add(Double.toString(Math.PI));
        for (int i = 0; i < 10_000; i++) {
            cases.add(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)));
        }
        for (String s : cases) {
            byte[] b = ("  " + s + " ").getBytes(StandardCharsets.US_ASCII);
            double fast = Values.number(b, 2, b.length - 1);
            Double slow = Values.number(s);
            if (slow == null) {
                assertThat(fast).as(s).isNaN();
            } else {
                assertThat(Double.doubleToRawLongBits(fast)).as(s).isEqualTo(Double.doubleToRawLongBits(slow));
            }
            assertThat(Values.isInt(b, 2, b.length - 1)).as(s).isEqualTo(Values.integer(s) != null);
            if (Values.integer(s) != null) {
                assertThat(Values.intValue(b, 2, b.length - 1)).as(s).isEqualTo(Values.integer(s));
            }
        }
        for (String s : List.of("2147483647", "-2147483648", "2147483648", "-2147483649", "+0012", "9999999999")) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(Values.isInt(b, 0, b.length)).as(s).isEqualTo(Values.integer(s) != null);
        }
    }
}
