package io.rerankworkbench.io.imports;

import io.rerankworkbench.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrecQrelsReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void gradesPerQueryInFileOrder() throws Exception {
        Path qrels = file("q.txt", "q2 0 b 1\r\nq1 0 a 2\n\n q1\t0 c  -1 \rq1 0 d 2.0\nq\u00e9 0 \u00e9 3\n");
        Map<String, Map<String, Integer>> grades = TrecQrelsReader.read(qrels);
        assertThat(grades.keySet()).containsExactly("q2", "q1", "q\u00e9");
        assertThat(grades.get("q1")).containsExactly(Map.entry("a", 2), Map.entry("c", -1), Map.entry("d", 2));
        assertThat(grades.get("q\u00e9")).containsExactly(Map.entry("\u00e9", 3));
    }

    @Test
    void problemsNameFileAndLine() throws Exception {
        Path fields = file("f.txt", "q1 0 a 1\nq1 0 b\n");
        assertThatThrownBy(() -> TrecQrelsReader.read(fields)).isInstanceOf(InputFormatException.class)
                .hasMessage(fields + ":2: expected 4 fields (qid iter docno grade), found 3");
        Path twice = file("t.txt", "q1 0 a 1\nq2 0 a 1\nq1 0 a x\nq1 0 a 2.5\n");
        assertThatThrownBy(() -> TrecQrelsReader.read(twice)).isInstanceOf(InputFormatException.class)
                .hasMessage(twice + ":3: grade \"x\" is not an integer (and 3 more problems)");
        Path dup = file("d.txt", "q1 0 a 1\nq1 0 a 1\n");
        assertThatThrownBy(() -> TrecQrelsReader.read(dup))
                .hasMessage(dup + ":2: docno \"a\" is judged twice for query \"q1\" (first on line 1)");
    }

    /** As for runs: plain ASCII lines parsed from bytes read as decoded lines (a UTF-16 copy of the file) do. */
    @Test
    void plainAsciiLinesReadAsDecodedLinesDo() throws Exception {
        Random random = new Random(7);
        String[] ids = {"q1", "q2", "q\u00e9", "d1", "d2", "\uD83D\uDE00", "x\u001C"};
        String[] grades = {"0", "1", "2", "-1", "+3", "2.0", "1e0", "2.5", "g", "99999999999", "2147483647"};
        String[] spaces = {" ", "\t", "\u000B", "\f", "  "};
        String[] breaks = {"\n", "\r\n", "\r"};
        int clean = 0;
        for (int round = 0; round < 300; round++) {
            boolean withProblems = round % 3 == 0;
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(30);
            for (int i = 0; i < lines; i++) {
                String[] f = {ids[random.nextInt(3)], "0", ids[3 + random.nextInt(4)] + (withProblems ? "" : i),
                    grades[withProblems ? random.nextInt(grades.length) : random.nextInt(6)]};
                int n = withProblems && random.nextInt(10) == 0 ? random.nextInt(6) : 4;
                StringBuilder line = new StringBuilder(random.nextInt(5) == 0 ? " " : "");
                for (int k = 0; k < n; k++) {
                    line.append(k > 0 ? spaces[random.nextInt(spaces.length)] : "").append(f[k % 4]);
                }
                text.append(line).append(breaks[random.nextInt(3)]);
            }
            String content = text.toString();
            Path utf8 = Files.createDirectories(dir.resolve("r" + round + "a")).resolve("qrels.txt");
            Files.writeString(utf8, content, StandardCharsets.UTF_8);
            Path utf16 = Files.createDirectories(dir.resolve("r" + round + "b")).resolve("qrels.txt");
            Files.write(utf16, ("\uFEFF" + content).getBytes(StandardCharsets.UTF_16BE));
            String a = outcome(utf8).replace(utf8.toString(), "QRELS");
            assertThat(a).as(content).isEqualTo(outcome(utf16).replace(utf16.toString(), "QRELS"));
            clean += a.startsWith("error") ? 0 : 1;
        }
        assertThat(clean).isGreaterThan(100);
    }

    private static String outcome(Path file) {
        try {
            return TrecQrelsReader.read(file).toString();
        } catch (InputFormatException e) {
            return "error " + e.getMessage();
        }
    }
}
