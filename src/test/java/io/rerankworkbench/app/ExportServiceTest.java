package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoredCandidate;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.io.exports.RankedListCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportServiceTest {

    @TempDir
    Path dir;

    private final ExportService exports = new ExportService();

    private static Ranking ranking(String queryId, String docPrefix, double... scores) {
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            candidates.add(new Candidate(i + 1, docPrefix + (i + 1), "text " + (i + 1)));
        }
        List<ScoredCandidate> ranked = Ranking.rank(candidates, scores, new int[scores.length]);
        return new Ranking(new Query(queryId, "query " + queryId), ranked, "fake", "fake-model",
                Duration.ofMillis(3));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exportCsvWritesTheRankingsInTheRankedListFormat() throws IOException {
        Ranking r = ranking("q1", "d", 0.25, 0.75);
        Path target = dir.resolve("ranking.csv");

        exports.exportCsv(List.of(r, ranking("q2", "b", 0.2)), target);

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(
                "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,"
                        + "variant,variant_text\r\n"
                        + "q1,query q1,,fake,fake-model,1,d2,0.750000,2,,false,text 2,,\r\n"
                        + "q1,query q1,,fake,fake-model,2,d1,0.250000,1,,false,text 1,,\r\n"
                        + "q2,query q2,,fake,fake-model,1,b1,0.200000,1,,false,text 1,,\r\n");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new RankedListCsvWriter(ExportOptions.DEFAULT).write(List.of(r, ranking("q2", "b", 0.2)), expected);
        assertThat(Files.readAllBytes(target)).isEqualTo(expected.toByteArray());
        assertThat(listing()).containsExactly("ranking.csv");
    }

    @Test
    void exportCsvReplacesAnExistingFile() throws IOException {
        Path target = Files.writeString(dir.resolve("ranking.csv"), "old export that was much longer ".repeat(50));

        exports.exportCsv(List.of(ranking("q1", "d", 0.5)), target);

        assertThat(Files.readAllLines(target)).hasSize(2).first().isEqualTo(
                "query_id,query,run,ranker,model,rank,doc_id,score,original_rank,label,truncated,text,"
                        + "variant,variant_text");
        assertThat(listing()).containsExactly("ranking.csv");
    }

    @Test
    void aDocumentWithoutAScoreHasAnEmptyScoreCellAsInProjectExports() throws IOException {
        Path target = dir.resolve("ranking.csv");

        exports.exportCsv(List.of(ranking("q1", "d", 0.5, Double.NaN)), target);

        assertThat(Files.readAllLines(target)).contains("q1,query q1,,fake,fake-model,1,d2,,2,,false,text 2,,");
    }

    @Test
    void failedExportKeepsTheOldFileAndLeavesNoTempFile() throws IOException {
        Path target = Files.writeString(dir.resolve("run.trec"), "previous export");

        assertThatThrownBy(() -> exports.exportTrec(List.of(ranking("q1", "d", 0.5), ranking("q 2", "d", 0.5)),
                "run", target)).isInstanceOf(IllegalArgumentException.class);

        assertThat(Files.readString(target)).isEqualTo("previous export");
        assertThat(listing()).containsExactly("run.trec");
    }

    @Test
    void exportTrec() throws IOException {
        Path target = dir.resolve("run.trec");

        exports.exportTrec(List.of(ranking("q1", "d", 0.2, 0.9), ranking("q2", "e", 0.5)), "my-run", target);

        assertThat(Files.readString(target)).isEqualTo(""
                + "q1 Q0 d2 1 0.900000 my-run\n"
                + "q1 Q0 d1 2 0.200000 my-run\n"
                + "q2 Q0 e1 1 0.500000 my-run\n");
        assertThat(listing()).containsExactly("run.trec");
    }

    @Test
    void invalidTrecExportLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("run.trec");
        Ranking good = ranking("q1", "d", 0.2);
        Ranking bad = ranking("q 2", "d", 0.3);

        assertThatThrownBy(() -> exports.exportTrec(List.of(good, bad), "run", target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q 2");
        assertThatThrownBy(() -> exports.exportTrec(List.of(good), "my run", target))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(target).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void missingFolderIsAnIOException() {
        Path target = dir.resolve("missing").resolve("ranking.csv");

        assertThatThrownBy(() -> exports.exportCsv(List.of(ranking("q1", "d", 0.5)), target))
                .isInstanceOf(IOException.class);
        assertThat(target.getParent()).doesNotExist();
    }
}
