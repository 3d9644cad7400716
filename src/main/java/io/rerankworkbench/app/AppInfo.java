package io.rerankworkbench.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product's name and version (from the build). */
public final class AppInfo {

    public static final String NAME = "Rerank Workbench";

    private AppInfo() {
    }

    /** The version the build stamped into the jar, or "development" when run from unfiltered sources. */
    public static String version() {
        try (InputStream in = AppInfo.class.getResourceAsStream("/io/rerankworkbench/version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "development");
            return v.startsWith("${") ? "development" : v;
        } catch (IOException e) {
            return "development";
        }
    }
}
