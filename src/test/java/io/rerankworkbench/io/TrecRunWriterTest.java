package io.rerankworkbench.io;

import io.rerankworkbench.core.Ranking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.rerankworkbench.io.TestRankings.ranking;
import static io.rerankworkbench.io.TestRankings.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrecRunWriterTest {

    private static String write(String tag, Ranking... rankings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TrecRunWriter(tag).write(List.of(rankings), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesSixColumnLinesInRankOrder() throws IOException {
        String run = write("bm25+minilm",
                ranking("q1", "first query",
                        result(1, 2, "docB", 0.9, 0, "b"),
                        result(2, 1, "docA", 0.1, 3, "a")),
                ranking("q2", "second query",
                        result(1, 1, "docC", 1.0, 0, "c")));

        assertThat(run).isEqualTo(""
                + "q1 Q0 docB 1 0.900000 bm25+minilm\n"
                + "q1 Q0 docA 2 0.100000 bm25+minilm\n"
                + "q2 Q0 docC 1 1.000000 bm25+minilm\n");
    }

    @Test
    void scoresHaveAtLeastSixDecimalsAndNoExponent() throws IOException {
        String run = write("tag", ranking("q", "query",
                result(1, 1, "a", 0.123456789, 0, "t"),
                result(2, 2, "b", 0.5, 0, "t"),
                result(3, 3, "c", 1e-7, 0, "t"),
                result(4, 4, "d", -2.25, 0, "t"),
                result(5, 5, "e", 42.0, 0, "t")));

        List<String> lines = run.lines().toList();
        assertThat(lines).hasSize(5);
        double[] expected = {0.123456789, 0.5, 1e-7, -2.25, 42.0};
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            assertThat(fields).hasSize(6);
            assertThat(fields[1]).isEqualTo("Q0");
            assertThat(fields[3]).isEqualTo(Integer.toString(i + 1));
            assertThat(fields[4]).matches("-?\\d+\\.\\d{6,}");
            assertThat(Double.parseDouble(fields[4])).isEqualTo(expected[i]);
        }
        assertThat(lines.get(0)).isEqualTo("q Q0 a 1 0.123456789 tag");
        assertThat(lines.get(3)).isEqualTo("q Q0 d 4 -2.250000 tag");
        assertThat(lines.get(4)).isEqualTo("q Q0 e 5 42.000000 tag");
    }

    @Test
    void nonAsciiIdsAreUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TrecRunWriter("run").write(List.of(ranking("q東京", "q", result(1, 1, "café", 0.5, 0, "t"))), out);

        assertThat(out.toByteArray()).isEqualTo("q東京 Q0 café 1 0.500000 run\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyRankingsWriteNothing() throws IOException {
        assertThat(write("run")).isEmpty();
        assertThat(write("run", ranking("q1", "query"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my run", "run\t1", "run\n", "", " run"})
    void runTagWithWhitespaceOrEmptyIsRejected(String tag) {
        assertThatThrownBy(() -> new TrecRunWriter(tag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"doc 1", "doc\t1", "doc\n1", ""})
    void documentIdWithWhitespaceIsRejected(String docId) {
        Ranking r = ranking("q1", "query", result(1, 1, docId, 0.5, 0, "text"));

        assertThatThrownBy(() -> write("run", r))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"query 1", "q\t1", ""})
    void queryIdWithWhitespaceIsRejected(String queryId) {
        Ranking r = ranking(queryId, "query", result(1, 1, "d1", 0.5, 0, "text"));

        assertThatThrownBy(() -> write("run", r))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query id");
    }

    @Test
    void nonFiniteScoreIsRejected() {
        Ranking r = ranking("q1", "query", result(1, 1, "d1", Double.NaN, 0, "text"));

        assertThatThrownBy(() -> write("run", r)).isInstanceOf(IllegalArgumentException.class);
    }
}
