package io.rerankworkbench.io.imports;

import io.rerankworkbench.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
