package io.rerankworkbench.core;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateParserTest {

    private static List<String> texts(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::text).toList();
    }

    @Nested
    class Lines {

        @Test
        void everyLineIsACandidateInInputOrder() {
            List<Candidate> parsed = CandidateParser.parse("alpha\nbeta\ngamma", SplitMode.LINES);

            assertThat(parsed).containsExactly(
                    new Candidate(1, "1", "alpha"),
                    new Candidate(2, "2", "beta"),
                    new Candidate(3, "3", "gamma"));
        }

        @Test
        void blankLinesAreSkippedAndIdsStayContiguous() {
            List<Candidate> parsed =
                    CandidateParser.parse("\n\nalpha\n\n   \n\t\nbeta\n\n\ngamma\n\n", SplitMode.LINES);

            assertThat(parsed).containsExactly(
                    new Candidate(1, "1", "alpha"),
                    new Candidate(2, "2", "beta"),
                    new Candidate(3, "3", "gamma"));
        }

        @Test
        void surroundingWhitespaceIsStrippedButInnerWhitespaceKept() {
            List<Candidate> parsed = CandidateParser.parse("  alpha beta \t\n\tgamma   delta  ", SplitMode.LINES);

            assertThat(texts(parsed)).containsExactly("alpha beta", "gamma   delta");
        }

        @Test
        void crlfAndLfGiveTheSameCandidates() {
            List<Candidate> lf = CandidateParser.parse("one\ntwo\n\nthree\n", SplitMode.LINES);
            List<Candidate> crlf = CandidateParser.parse("one\r\ntwo\r\n\r\nthree\r\n", SplitMode.LINES);

            assertThat(crlf).isEqualTo(lf);
            assertThat(texts(crlf)).containsExactly("one", "two", "three");
            assertThat(texts(crlf)).noneMatch(t -> t.contains("\r"));
        }

        @Test
        void mixedLineEndingsAndOldMacCr() {
            List<Candidate> parsed = CandidateParser.parse("one\r\ntwo\nthree\rfour", SplitMode.LINES);

            assertThat(texts(parsed)).containsExactly("one", "two", "three", "four");
        }

        @Test
        void docIdsAreOneToN() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                sb.append("doc ").append(i).append("\n\n");
            }
            List<Candidate> parsed = CandidateParser.parse(sb.toString(), SplitMode.LINES);

            assertThat(parsed).hasSize(25);
            for (int i = 0; i < parsed.size(); i++) {
                assertThat(parsed.get(i).originalRank()).isEqualTo(i + 1);
                assertThat(parsed.get(i).docId()).isEqualTo(Integer.toString(i + 1));
                assertThat(parsed.get(i).text()).isEqualTo("doc " + i);
            }
        }

        @Test
        void singleLineWithoutBreak() {
            assertThat(CandidateParser.parse("  just one  ", SplitMode.LINES))
                    .containsExactly(new Candidate(1, "1", "just one"));
        }

        @Test
        void paragraphTextIsCutPerLine() {
            assertThat(texts(CandidateParser.parse("a\nb\n\nc", SplitMode.LINES))).containsExactly("a", "b", "c");
        }
    }

    @Nested
    class Paragraphs {
        @Test
        void crlfTextGivesTheSameParagraphsAsLf() {
            String lf = "one\ntwo\n\nthree\n  \nfour\nfive\n";
            String crlf = lf.replace("\n", "\r\n");

            assertThat(CandidateParser.parse(crlf, SplitMode.PARAGRAPHS))
                    .isEqualTo(CandidateParser.parse(lf, SplitMode.PARAGRAPHS));
            assertThat(texts(CandidateParser.parse(crlf, SplitMode.PARAGRAPHS)))
                    .containsExactly("one two", "three", "four five");
            assertThat(texts(CandidateParser.parse("one\r\ntwo\r\nthree", SplitMode.PARAGRAPHS)))
                    .containsExactly("one two three");
        }


        @Test
        void blocksSeparatedByOneBlankLine() {
            List<Candidate> parsed = CandidateParser.parse("first block\n\nsecond block", SplitMode.PARAGRAPHS);

            assertThat(parsed).containsExactly(
                    new Candidate(1, "1", "first block"),
                    new Candidate(2, "2", "second block"));
        }

        @Test
        void severalBlankLinesAreOneSeparator() {
            List<Candidate> parsed = CandidateParser.parse("a\n\n\n\n\nb\n\nc", SplitMode.PARAGRAPHS);

            assertThat(texts(parsed)).containsExactly("a", "b", "c");
            assertThat(parsed).extracting(Candidate::docId).containsExactly("1", "2", "3");
        }

        @Test
        void linesWithOnlySpacesAndTabsSeparateBlocks() {
            List<Candidate> parsed =
                    CandidateParser.parse("a\n   \nb\n\t\nc\n \t \n\t  \nd", SplitMode.PARAGRAPHS);

            assertThat(texts(parsed)).containsExactly("a", "b", "c", "d");
        }

        @Test
        void innerLineBreaksBecomeOneSpace() {
            List<Candidate> parsed = CandidateParser.parse(
                    "The quick\nbrown fox  \n   jumps\n\nover the\n\tlazy dog", SplitMode.PARAGRAPHS);

            assertThat(texts(parsed)).containsExactly("The quick brown fox jumps", "over the lazy dog");
        }

        @Test
        void innerSpacesWithinALineAreKept() {
            List<Candidate> parsed = CandidateParser.parse("a  b\nc", SplitMode.PARAGRAPHS);

            assertThat(texts(parsed)).containsExactly("a  b c");
        }

        @Test
        void crlfBlankLinesSeparateBlocks() {
            List<Candidate> parsed = CandidateParser.parse("a\r\n\r\nb\r\n \t\r\n\r\nc", SplitMode.PARAGRAPHS);

            assertThat(texts(parsed)).containsExactly("a", "b", "c");
        }

        @Test
        void leadingAndTrailingBlankLinesAreIgnored() {
            List<Candidate> parsed = CandidateParser.parse("\n\n \n  a\nb  \n\n\n", SplitMode.PARAGRAPHS);

            assertThat(parsed).containsExactly(new Candidate(1, "1", "a b"));
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\n", "\r\n\r\n", " \t \n\t\n  "})
    void nullOrBlankGivesNothing(String input) {
        for (SplitMode mode : SplitMode.values()) {
            assertThat(CandidateParser.parse(input, mode)).isEmpty();
            assertThat(CandidateParser.count(input, mode)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SplitMode.class)
    void countEqualsParseSize(SplitMode mode) {
        List<String> inputs = List.of(
                "a",
                "a\nb",
                "a\n\nb\n\n\nc",
                "a\n  \nb\n\t\nc\nd",
                "\r\n x \r\n\r\n y \r\n z",
                "  \n lonely \n  ",
                "one\rtwo\r\rthree");
        for (String input : inputs) {
            assertThat(CandidateParser.count(input, mode))
                    .as("count of %s in %s", input.replace("\n", "\\n").replace("\r", "\\r"), mode)
                    .isEqualTo(CandidateParser.parse(input, mode).size());
        }
        assertThat(CandidateParser.count("a\n\nb\nc", SplitMode.LINES)).isEqualTo(3);
        assertThat(CandidateParser.count("a\n\nb\nc", SplitMode.PARAGRAPHS)).isEqualTo(2);
    }
}
