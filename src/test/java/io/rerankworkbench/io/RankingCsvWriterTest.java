package io.rerankworkbench.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.rerankworkbench.core.Ranking;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.rerankworkbench.io.TestRankings.ranking;
import static io.rerankworkbench.io.TestRankings.result;
import static org.assertj.core.api.Assertions.assertThat;

class RankingCsvWriterTest {

    private static final String HEADER = "query,rank,original_rank,doc_id,score,truncated,text";

    private static byte[] write(boolean withQueryId, List<Ranking> rankings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RankingCsvWriter(withQueryId).write(rankings, out);
        return out.toByteArray();
    }

    private static String csv(boolean withQueryId, Ranking... rankings) throws IOException {
        return new String(write(withQueryId, List.of(rankings)), StandardCharsets.UTF_8);
    }

    /** Parses CSV the way another RFC 4180 reader would: all cells as strings, header row included. */
    private static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void headerIsExactlyTheColumns() throws IOException {
        String csv = csv(false, ranking("q1", "query", result(1, 1, "d1", 0.5, 0, "text")));

        assertThat(csv).startsWith(HEADER + "\r\n");
        assertThat(new RankingCsvWriter(false).columns()).containsExactly(
                "query", "rank", "original_rank", "doc_id", "score", "truncated", "text");
        assertThat(RankingCsvWriter.COLUMNS).containsExactlyElementsOf(new RankingCsvWriter(false).columns());
    }

    @Test
    void headerWithQueryIdFirst() throws IOException {
        String csv = csv(true, ranking("q1", "query", result(1, 1, "d1", 0.5, 0, "text")));

        assertThat(csv).startsWith("query_id," + HEADER + "\r\n");
        assertThat(new RankingCsvWriter(true).columns()).containsExactly(
                "query_id", "query", "rank", "original_rank", "doc_id", "score", "truncated", "text");
    }

    @Test
    void plainRowsExactly() throws IOException {
        String csv = csv(false, ranking("q1", "paris",
                result(1, 3, "d3", 0.5, 0, "Paris."),
                result(2, 1, "d1", 0.25, 12, "Lyon.")));

        assertThat(csv).isEqualTo(HEADER + "\r\n"
                + "paris,1,3,d3,0.500000,false,Paris.\r\n"
                + "paris,2,1,d1,0.250000,true,Lyon.\r\n");
    }

    @Test
    void cellsWithSpacesReadBackUnchanged() throws IOException {
        String csv = csv(false, ranking("q1", "capital of france",
                result(1, 3, "d 3", 0.5, 0, "Paris is the capital"),
                result(2, 1, "d1", 0.25, 12, "  padded  ")));

        List<List<String>> rows = parse(csv);

        assertThat(rows).containsExactly(
                List.of("query", "rank", "original_rank", "doc_id", "score", "truncated", "text"),
                List.of("capital of france", "1", "3", "d 3", "0.500000", "false", "Paris is the capital"),
                List.of("capital of france", "2", "1", "d1", "0.250000", "true", "  padded  "));
    }

    @Test
    void queryIdRowsForSeveralRankingsInOrder() throws IOException {
        String csv = csv(true,
                ranking("q1", "first", result(1, 2, "a", 0.75, 0, "x"), result(2, 1, "b", 0.5, 0, "y")),
                ranking("q2", "second", result(1, 1, "c", 1.0, 0, "z")));

        assertThat(csv).isEqualTo("query_id," + HEADER + "\r\n"
                + "q1,first,1,2,a,0.750000,false,x\r\n"
                + "q1,first,2,1,b,0.500000,false,y\r\n"
                + "q2,second,1,1,c,1.000000,false,z\r\n");
    }

    @Test
    void everyLineEndsWithCrlf() throws IOException {
        String csv = csv(false, ranking("q", "query",
                result(1, 1, "d1", 0.9, 0, "one"),
                result(2, 2, "d2", 0.8, 0, "two"),
                result(3, 3, "d3", 0.7, 0, "three")));

        assertThat(csv).endsWith("\r\n");
        assertThat(csv.split("\r\n", -1)).hasSize(5).endsWith("");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void emptyListStillHasTheHeader() throws IOException {
        assertThat(csv(false)).isEqualTo(HEADER + "\r\n");
        assertThat(csv(false, ranking("q", "query"))).isEqualTo(HEADER + "\r\n");
    }

    @Test
    void textWithCommaQuoteAndNewlineIsQuotedPerRfc4180() throws IOException {
        String text = "He said \"hi, there\"\nthen left, quickly";
        String csv = csv(false, ranking("q", "query", result(1, 1, "d1", 0.5, 0, text)));

        assertThat(csv).contains(",\"He said \"\"hi, there\"\"\nthen left, quickly\"\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(
                "query", "rank", "original_rank", "doc_id", "score", "truncated", "text");
        assertThat(rows.get(1)).containsExactly("query", "1", "1", "d1", "0.500000", "false", text);
    }

    @Test
    void awkwardCellsRoundTripThroughACsvReader() throws IOException {
        String query = "who said \"to be, or not\"?";
        String docId = "doc,7";
        String text = "line one\r\nline two\n\"quoted\"\t, tab and comma";
        String csv = csv(true, ranking("q,1", query, result(1, 1, docId, 0.5, 0, text)));

        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly("q,1", query, "1", "1", docId, "0.500000", "false", text);
    }

    @Test
    void formulaLikeCellsGetALeadingApostrophe() throws IOException {
        String csv = csv(true,
                ranking("=qid", "=1+1",
                        result(1, 1, "+d1", 0.5, 0, "=HYPERLINK(\"http://evil\")"),
                        result(2, 2, "-d2", 0.4, 0, "@SUM(A1)"),
                        result(3, 3, "@d3", 0.3, 0, "-2+3"),
                        result(4, 4, "\td4", 0.2, 0, "+cmd"),
                        result(5, 5, "d5", 0.1, 0, "\tindented")),
                ranking("q2", "\rreturn", result(1, 1, "d6", 0.1, 0, "\rcarriage")));

        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(7);
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(0))
                .containsExactly("'=qid", "'=qid", "'=qid", "'=qid", "'=qid", "q2");
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(1))
                .containsExactly("'=1+1", "'=1+1", "'=1+1", "'=1+1", "'=1+1", "'\rreturn");
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(4))
                .containsExactly("'+d1", "'-d2", "'@d3", "'\td4", "d5", "d6");
        assertThat(rows.subList(1, 7)).extracting(r -> r.get(7))
                .containsExactly("'=HYPERLINK(\"http://evil\")", "'@SUM(A1)", "'-2+3", "'+cmd", "'\tindented",
                        "'\rcarriage");
    }

    @Test
    void textWithAnEqualsSignInsideIsUntouched() throws IOException {
        String csv = csv(false, ranking("q", "a=b", result(1, 1, "d1", 0.5, 0, "Total =5"),
                result(2, 2, "x=1", 0.4, 0, "1+1")));

        assertThat(csv).doesNotContain("'");
        assertThat(csv).contains("\r\na=b,2,2,x=1,0.400000,false,");
        assertThat(parse(csv)).containsExactly(
                List.of("query", "rank", "original_rank", "doc_id", "score", "truncated", "text"),
                List.of("a=b", "1", "1", "d1", "0.500000", "false", "Total =5"),
                List.of("a=b", "2", "2", "x=1", "0.400000", "false", "1+1"));
    }

    @Test
    void numbersAreUnquotedAndScoresHaveNoExponent() throws IOException {
        String csv = csv(false, ranking("q", "query",
                result(1, 10, "d1", 1e-7, 0, "tiny"),
                result(2, 2, "d2", -0.25, 0, "negative"),
                result(3, 1, "d3", -3.5e-9, 0, "negative-tiny"),
                result(4, 123, "d4", 0.123456789, 0, "long text with spaces")));

        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[2]).isEqualTo("query,2,2,d2,-0.250000,false,negative");
        assertThat(lines[3]).isEqualTo("query,3,1,d3,-0.0000000035,false,negative-tiny");
        assertThat(lines[4]).startsWith("query,4,123,d4,0.123456789,false,");
        List<List<String>> rows = parse(csv);
        double[] expected = {1e-7, -0.25, -3.5e-9, 0.123456789};
        for (int i = 1; i <= 4; i++) {
            String line = lines[i];
            assertThat(line).matches("query,\\d+,\\d+,d\\d,-?\\d+\\.\\d{6,},(true|false),.*");
            String score = rows.get(i).get(4);
            assertThat(score).matches("-?\\d+\\.\\d{6,}");
            assertThat(Double.parseDouble(score)).isEqualTo(expected[i - 1]);
            assertThat(line).contains("," + score + ",");
        }
        assertThat(lines[1]).startsWith("query,1,10,d1,0.0000001");
        assertThat(csv).doesNotContainPattern("\\d[eE][-+]?\\d");
    }

    @Test
    void nonAsciiIsWrittenAsUtf8() throws IOException {
        String text = "Café près de 東京 😀";
        byte[] bytes = write(false, List.of(ranking("q", "é", result(1, 1, "東京", 0.5, 0, "😀"),
                result(2, 2, "d2", 0.4, 0, text))));

        String decoded = new String(bytes, StandardCharsets.UTF_8);
        assertThat(decoded).contains("\r\né,1,1,東京,0.500000,false,😀\r\n");
        assertThat(indexOf(bytes, "é".getBytes(StandardCharsets.UTF_8))).isNotNegative();
        assertThat(indexOf(bytes, new byte[]{(byte) 0xC3, (byte) 0xA9})).isNotNegative();
        assertThat(indexOf(bytes, new byte[]{(byte) 0xE6, (byte) 0x9D, (byte) 0xB1, (byte) 0xE4, (byte) 0xBA,
                (byte) 0xAC})).isNotNegative();
        assertThat(indexOf(bytes, new byte[]{(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80})).isNotNegative();
        assertThat(bytes[0]).as("no byte-order mark").isEqualTo((byte) 'q');
        assertThat(parse(decoded).get(2).get(6)).isEqualTo(text);
    }

    @Test
    void truncatedIsTrueOrFalse() throws IOException {
        List<List<String>> rows = parse(csv(false, ranking("q", "query",
                result(1, 1, "d1", 0.5, 0, "a"),
                result(2, 2, "d2", 0.4, 1, "b"),
                result(3, 3, "d3", 0.3, 300, "c"))));

        assertThat(rows.subList(1, 4)).extracting(r -> r.get(5)).containsExactly("false", "true", "true");
    }

    @Test
    void doesNotCloseTheStream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new RankingCsvWriter(false).write(List.of(ranking("q", "query", result(1, 1, "d1", 0.5, 0, "t"))), out);

        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(",t\r\n");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
