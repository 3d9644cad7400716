package io.rerankworkbench.io.imports;

import io.rerankworkbench.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrecRunReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void ordersAsTrecEvalDoesByScoreThenDocnoDescending() throws Exception {
        // The rank column orders nothing; equal scores go by docno, descending; -0 and 0 are equal scores.
        Path run = file("a.trec", """
                q2 Q0 x 1 1.0 tag
                q1 Q0 d1 1 9.25 tag
                q1 Q0 d2 2 7.5 tag

                q1 Q0 d3 3 8 tag
                q1 Q0 d10 4 7.5 other-tag
                q1\tQ0\td4  5  7.5e0 tag
                q3 Q0 b 1 -0.0 tag
                q3 Q0 c 2 0 tag
                q3 Q0 a 3 0.0 tag
                """);
        TrecRunReader.Run r = TrecRunReader.read(run);
        assertThat(r.file()).isEqualTo(run);
        assertThat(r.queries()).extracting(TrecRunReader.Query::id).containsExactly("q2", "q1", "q3");
        TrecRunReader.Query q1 = r.byId().get("q1");
        assertThat(q1.docnos()).containsExactly("d1", "d3", "d4", "d2", "d10");
        assertThat(q1.scores()).containsExactly(9.25, 8.0, 7.5, 7.5, 7.5);
        assertThat(r.byId().get("q3").docnos()).containsExactly("c", "b", "a");
        assertThat(r.byId().get("q3").scores()).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void docnosCompareByCodePointLikeBytes() {
        // U+FF21 (a BMP character above the surrogates) sorts before U+1F600 by code point and by UTF-8 bytes, but
        // after it by UTF-16 code units.
        assertThat(TrecRunReader.CODE_POINTS.compare("\uFF21", "\uD83D\uDE00")).isNegative();
        assertThat(TrecRunReader.CODE_POINTS.compare("ab", "abc")).isNegative();
        assertThat(TrecRunReader.CODE_POINTS.compare("abc", "abc")).isZero();
    }

    @Test
    void aZeroOrNegativeRankIsAcceptedAsTrecEvalIgnoresIt() throws Exception {
        Path run = file("zero.trec", "q1 Q0 d1 0 2.0 t\nq1 Q0 d2 -1 1.0 t\n");
        assertThat(TrecRunReader.read(run).queries().get(0).docnos()).containsExactly("d1", "d2");
    }

    @Test
    void aLineWithoutSixFieldsNamesFileAndLine() throws Exception {
        Path run = file("bad.trec", "q1 Q0 d1 1 2.0 t\n\nq1 Q0 d2 2 1.0\n");
        assertThatThrownBy(() -> TrecRunReader.read(run)).isInstanceOf(InputFormatException.class)
                .hasMessage(run + ":3: expected 6 fields (qid Q0 docno rank score tag), found 5")
                .satisfies(e -> assertThat(((InputFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void aScoreThatIsNotANumberAndTheCountOfFurtherProblems() throws Exception {
        Path run = file("bad.trec", "q1 Q0 d1 1 high t\nq1 Q0 d2 x 1.0 t\nq1 Q0 d3 3 NaN t\n");
        assertThatThrownBy(() -> TrecRunReader.read(run)).isInstanceOf(InputFormatException.class)
                .hasMessage(run + ":1: score \"high\" is not a number (and 2 more problems)");
    }

    @Test
    void aDocnoTwiceForOneQuery() throws Exception {
        Path run = file("dup.trec", "q1 Q0 d1 1 2.0 t\nq2 Q0 d1 1 2.0 t\nq1 Q0 d1 2 1.0 t\n");
        assertThatThrownBy(() -> TrecRunReader.read(run)).isInstanceOf(InputFormatException.class)
                .hasMessage(run + ":3: docno \"d1\" appears twice for query \"q1\" (first on line 1)");
    }

    @Test
    void aMissingOrEmptyFile() throws Exception {
        Path missing = dir.resolve("missing.trec");
        assertThatThrownBy(() -> TrecRunReader.read(missing)).isInstanceOf(InputFormatException.class)
                .hasMessage(missing + ": file not found");
        Path empty = file("empty.trec", "\n  \n");
        assertThatThrownBy(() -> TrecRunReader.read(empty)).isInstanceOf(InputFormatException.class)
                .hasMessage(empty + ": the file is empty");
        assertThatThrownBy(() -> TrecRunReader.read(dir)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("is a folder");
    }

    @Test
    void queryCopiesItsScores() {
        double[] scores = {2, 1};
        TrecRunReader.Query q = new TrecRunReader.Query("q", List.of("a", "b"), scores);
        scores[0] = 9;
        assertThat(q.scores()).containsExactly(2, 1);
    }
    /**
     * The reader parses plain ASCII lines from their bytes and decodes every other line (and every line of a UTF-16
     * file) to use the String checks: the same text must read the same either way — as UTF-8, and as UTF-16, which
     * takes the decoding path for all of its lines. Lines mix good and bad fields, non-ASCII ids, control characters
     * that String.strip() removes but \s does not, tabs, vertical tabs, form feeds, and LF / CRLF / CR endings.
     */
    @Test
    void plainAsciiLinesReadAsDecodedLinesDo() throws Exception {
        Random random = new Random(42);
        String[] qids = {"q1", "q2", "q\u00e9", "q\u001C", "301"};
        String[] docnos = {"d1", "d2", "d10", "D1", "doc\u00e9", "\uD83D\uDE00", "\uFF21", "d\u007F", "x"};
        String[] ranks = {"1", "2", "-3", "0", "+7", "1.5", "99999999999", "r"};
        String[] scores = {"1", "2.5", "2.50", "-0.0", "0", "1e3", "1000", ".5", "7.", "NaN", "1e999", "0x1p3", "s",
            "0.1234567890123456789", "3.14159265358979323846"};
        String[] spaces = {" ", "\t", " \t ", "\u000B", "\f"};
        String[] breaks = {"\n", "\r\n", "\r"};
        int clean = 0;
        for (int round = 0; round < 300; round++) {
            boolean withProblems = round % 3 == 0;
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(40);
            for (int i = 0; i < lines; i++) {
                if (random.nextInt(15) == 0) {
                    text.append(random.nextBoolean() ? "" : " \t\u001F").append(breaks[random.nextInt(3)]);
                    continue;
                }
                String[] f = {qids[random.nextInt(qids.length)], "Q0", docnos[random.nextInt(docnos.length)] + i,
                    ranks[withProblems ? random.nextInt(ranks.length) : random.nextInt(5)],
                    scores[withProblems ? random.nextInt(scores.length) : random.nextInt(9)], "tag"};
                if (withProblems && random.nextInt(10) == 0) {
                    f[2] = docnos[0] + 0; // maybe twice
                }
                int n = withProblems && random.nextInt(12) == 0 ? random.nextInt(8) : 6;
                StringBuilder line = new StringBuilder(random.nextInt(4) == 0 ? "\t" : "");
                for (int k = 0; k < n; k++) {
                    line.append(k > 0 ? spaces[random.nextInt(spaces.length)] : "").append(f[k % 6]);
                }
                text.append(line).append(random.nextInt(5) == 0 ? "  " : "").append(breaks[random.nextInt(3)]);
            }
            String content = text.toString();
            Path utf8 = Files.createDirectories(dir.resolve("r" + round + "a")).resolve("run.trec");
            Files.writeString(utf8, content, StandardCharsets.UTF_8);
            Path utf16 = Files.createDirectories(dir.resolve("r" + round + "b")).resolve("run.trec");
            Files.write(utf16, ("\uFEFF" + content).getBytes(StandardCharsets.UTF_16LE));
            String a = outcome(utf8);
            String b = outcome(utf16);
            assertThat(a.replace(utf8.toString(), "RUN")).as(content).isEqualTo(b.replace(utf16.toString(), "RUN"));
            clean += a.startsWith("error") ? 0 : 1;
        }
        assertThat(clean).as("files read without a problem").isGreaterThan(50);
    }

    private static String outcome(Path file) {
        try {
            StringBuilder sb = new StringBuilder();
            for (TrecRunReader.Query q : TrecRunReader.read(file).queries()) {
                sb.append(q.id()).append(' ').append(q.docnos()).append(' ').append(Arrays.toString(q.scores()))
                        .append('\n');
            }
            return sb.toString();
        } catch (InputFormatException e) {
            return "error " + e.getMessage();
        }
    }

    @Test
    void linesLongerThanTheReadBufferAndACrlfAcrossItsEdge() throws Exception {
        // The reader's buffer holds 1 MiB: put the CR of a CRLF as its last byte, then a line of 3 MiB.
        String first = "q1 Q0 a 1 1 t";
        String start = "q1 Q0 b 2 2 ";
        String filler = start + "t".repeat((1 << 20) - 1 - first.length() - 1 - start.length());
        String longDocno = "c".repeat(3 << 20);
        String content = first + "\n" + filler + "\r\nq1 Q0 " + longDocno + " 3 3 t\rq1 Q0 d 4 0 t";
        assertThat((first + "\n" + filler + "\r").length()).isEqualTo(1 << 20);
        Path run = file("long.trec", content);
        TrecRunReader.Query q = TrecRunReader.read(run).queries().get(0);
        assertThat(q.docnos()).containsExactly(longDocno, "b", "a", "d");
        Path bad = file("long-bad.trec", content + "\nq1 Q0 e 5 x t");
        assertThatThrownBy(() -> TrecRunReader.read(bad)).hasMessage(bad + ":5: score \"x\" is not a number");
    }

    @Test
    void aByteThatIsNotUtf8NamesItsLine() throws Exception {
        Path run = dir.resolve("latin1.trec");
        Files.write(run, "q1 Q0 d1 1 2 t\r\nq1 Q0 d2 2 1 t\nq1 Q0 caf\u00e9 3 0 t\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TrecRunReader.read(run)).isInstanceOf(InputFormatException.class)
                .hasMessage(run + ":3: not valid UTF-8 text");
        Path withBom = dir.resolve("bom.trec");
        Files.write(withBom, "\uFEFFq\u00e9 Q0 d\u00e9 1 2 t\nq\u00e9 Q0 d 2 1 t\n".getBytes(StandardCharsets.UTF_8));
        TrecRunReader.Query q = TrecRunReader.read(withBom).queries().get(0);
        assertThat(q.id()).isEqualTo("q\u00e9");
        assertThat(q.docnos()).containsExactly("d\u00e9", "d");
    }

    @Test
    void codePointOrderAsTheCodePointWalk() {
        Random random = new Random(3);
        char[] alphabet = {'a', 'b', '\u00e9', '\uD7FF', '\uE000', '\uFFFF', '\uD83D', '\uDE00', '\uDBFF', '\uDC00'};
        for (int round = 0; round < 200_000; round++) {
            String x = randomString(random, alphabet);
            String y = random.nextInt(4) == 0 ? x + randomString(random, alphabet) : randomString(random, alphabet);
            assertThat(Integer.signum(TrecRunReader.CODE_POINTS.compare(x, y))).as(x + " / " + y)
                    .isEqualTo(Integer.signum(Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray())));
        }
    }

    private static String randomString(Random random, char[] alphabet) {
        char[] c = new char[random.nextInt(5)];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(c);
    }

    /** Many documents, negative and positive scores of every size, many ties: trec_eval's order all the same. */
    @Test
    void largeQueriesOrderAsTheComparatorSays() throws Exception {
        Random random = new Random(9);
        double[] pool = {-1e300, -3.5, -1, -0.25, -1e-300, 0, 1e-300, 0.25, 1, 3.5, 1e300, -Double.MIN_VALUE,
            Double.MIN_VALUE, 7.0E-5, 123456.789};
        StringBuilder text = new StringBuilder();
        List<String> docnos = new java.util.ArrayList<>();
        java.util.Map<String, Double> score = new java.util.HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String docno = "d" + random.nextInt(1_000_000) + "-" + i;
            double s = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : random.nextGaussian() * 1e3;
            docnos.add(docno);
            score.put(docno, s);
            text.append("q1 Q0 ").append(docno).append(" 1 ").append(s).append(" t\n");
        }
        docnos.sort(java.util.Comparator.<String>comparingDouble(score::get).reversed()
                .thenComparing(TrecRunReader.CODE_POINTS.reversed()));
        TrecRunReader.Query q = TrecRunReader.read(file("big.trec", text.toString())).queries().get(0);
        assertThat(q.docnos()).containsExactlyElementsOf(docnos);
    }
}
