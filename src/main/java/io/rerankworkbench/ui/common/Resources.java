package io.rerankworkbench.ui.common;

import java.net.URL;

/** Resolves class-path resources of the UI, failing fast with the missing name. */
public final class Resources {

    private Resources() {
    }

    /** The URL of a resource relative to {@code anchor}'s package, or an exception naming it. */
    public static URL url(Class<?> anchor, String name) {
        URL url = anchor.getResource(name);
        if (url == null) {
            throw new IllegalStateException("resource not found: " + name + " (next to " + anchor.getName() + ")");
        }
        return url;
    }

    /** The external form of a stylesheet, for {@code getStylesheets().add(...)}. */
    public static String stylesheet(Class<?> anchor, String name) {
        return url(anchor, name).toExternalForm();
    }
}
