package io.rerankworkbench.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven writes into {@code version.properties}, so {@code --version} never goes stale. */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/io/rerankworkbench/version.properties";

    @Override
    public String[] getVersion() {
        return new String[]{"Rerank Workbench " + version()};
    }

    /** The project version, or a placeholder when run from unfiltered sources (e.g. an IDE without Maven). */
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties props = new Properties();
            props.load(in);
            String version = props.getProperty("version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "(development build)" : version;
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
