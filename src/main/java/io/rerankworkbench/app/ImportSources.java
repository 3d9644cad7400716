package io.rerankworkbench.app;

import io.rerankworkbench.io.imports.ImportFormat;
import io.rerankworkbench.io.imports.ImportOptions;
import io.rerankworkbench.io.imports.ImportResult;
import io.rerankworkbench.io.imports.ProjectImports;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The app's file parsers ({@link ProjectImports}) as {@link ProjectTransferService} calls them. */
public final class ImportSources {

    private ImportSources() {
    }

    /** The parsers' entry point as the service calls it. */
    public static ProjectTransferService.SourceReader parsers() {
        return new ProjectTransferService.SourceReader() {
            @Override
            public ImportResult read(List<Path> sources, ProjectTransferService.ImportSettings settings)
                    throws IOException {
                return read(sources, settings, ProgressListener.NONE, () -> false);
            }

            @Override
            public ImportResult read(List<Path> sources, ProjectTransferService.ImportSettings settings,
                                     ProgressListener progress, CancellationToken cancel) throws IOException {
                ImportFormat format;
                try {
                    format = format(settings.format());
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
                ImportOptions options = ImportOptions.defaults()
                        .withFormat(format)
                        .withSkipBadRows(settings.skipBadRows())
                        .withCsv(settings.csv())
                        .withProgress((rows, bytes, total) -> progress.progress(bytes, total))
                        .withCancelled(cancel::isCancelled);
                return ProjectImports.read(sources, options);
            }
        };
    }

    /**
     * The format named on the command line or by the caller: {@code csv}, {@code jsonl}, {@code beir}, {@code trec}
     * (a run), {@code qrels}, {@code quepid}, {@code bundle}; null = tell from each file.
     */
    static ImportFormat format(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "csv", "tsv" -> ImportFormat.CSV;
            case "jsonl" -> ImportFormat.JSONL;
            case "beir" -> ImportFormat.BEIR;
            case "trec", "trec-run", "run" -> ImportFormat.TREC_RUN;
            case "qrels", "trec-qrels" -> ImportFormat.TREC_QRELS;
            case "quepid" -> ImportFormat.QUEPID;
            case "bundle", "json" -> ImportFormat.BUNDLE;
            default -> throw new IllegalArgumentException("unknown import format \"" + name
                    + "\"; use csv, jsonl, beir, trec, qrels, quepid or bundle");
        };
    }
}
