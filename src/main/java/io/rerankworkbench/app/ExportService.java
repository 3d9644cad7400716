package io.rerankworkbench.app;

import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.io.AtomicFiles;
import io.rerankworkbench.io.TrecRunWriter;
import io.rerankworkbench.io.exports.ExportOptions;
import io.rerankworkbench.io.exports.RankedListCsvWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes rankings made outside a project (the {@code rerank} command) to files, atomically: a failed export leaves no
 * partial file behind. The CSV is the app's one ranked-list format ({@link RankedListCsvWriter}).
 */
public final class ExportService {

    /** Writes rankings as ranked-list CSV. Blocks on disk I/O. */
    public void exportCsv(List<Ranking> rankings, Path target) throws IOException {
        AtomicFiles.write(target, out -> new RankedListCsvWriter(ExportOptions.DEFAULT).write(rankings, out));
    }

    public void exportTrec(List<Ranking> rankings, String runTag, Path target) throws IOException {
        AtomicFiles.write(target, out -> new TrecRunWriter(runTag).write(rankings, out));
    }
}
