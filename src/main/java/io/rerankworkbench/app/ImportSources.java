package io.rerankworkbench.app;

import java.io.IOException;

/**
 * Where the app's file parsers plug into {@link ProjectTransferService}.
 *
 * <p>CONNECT: the parsers ({@code io.imports.ProjectImports.read(List<Path>, ImportOptions)}) are written on
 * another branch. When they are merged, {@link #parsers()} becomes
 * {@code (sources, settings) -> ProjectImports.read(sources, <ImportOptions from settings.format() and
 * settings.skipBadRows()>)}; nothing else changes. Until then, importing files reports that it is unavailable.
 */
public final class ImportSources {

    private ImportSources() {
    }

    /** The parsers' entry point as the service calls it. */
    public static ProjectTransferService.SourceReader parsers() {
        return (sources, settings) -> {
            throw new IOException("importing files is not available in this build: the file parsers are not "
                    + "connected yet");
        };
    }
}
