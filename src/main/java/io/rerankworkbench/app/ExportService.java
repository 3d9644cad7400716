package io.rerankworkbench.app;

import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.RankingCsvWriter;
import io.rerankworkbench.io.TrecRunWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes ranked lists to files, atomically: a failed export leaves no partial file behind. */
public final class ExportService {

    /** Writes the GUI's ranked-list CSV for one query. Blocks on disk I/O. */
    public void exportCsv(Ranking ranking, Path target) throws IOException {
        AtomicFiles.write(target, out -> new RankingCsvWriter(false).write(List.of(ranking), out));
    }

    /** Writes rankings as CSV with a {@code query_id} column. */
    public void exportCsvWithQueryIds(List<Ranking> rankings, Path target) throws IOException {
        AtomicFiles.write(target, out -> new RankingCsvWriter(true).write(rankings, out));
    }

    public void exportTrec(List<Ranking> rankings, String runTag, Path target) throws IOException {
        AtomicFiles.write(target, out -> new TrecRunWriter(runTag).write(rankings, out));
    }
}
