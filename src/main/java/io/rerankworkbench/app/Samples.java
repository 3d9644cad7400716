package io.rerankworkbench.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The sample projects that ship inside the app (project bundles written by the team, also in
 * {@code sample-projects/} of the source tree). File → Open sample imports one into a new untitled project; the
 * first start of the app opens the first of them.
 */
public final class Samples {

    /** A sample: its file name in the resources and what the menu calls it. */
    public record Sample(String id, String title, String resource) {
    }

    private static final List<Sample> ALL = List.of(
            new Sample("home-cooking", "Home cooking Q&A — 10 queries, graded by two annotators",
                    "/io/rerankworkbench/samples/home-cooking/home-cooking.rwb.json"),
            new Sample("developer-docs", "Developer docs search — 8 queries, unlabeled",
                    "/io/rerankworkbench/samples/developer-docs/developer-docs.rwb.json"));

    private Samples() {
    }

    /** The samples present in this build, in menu order. */
    public static List<Sample> all() {
        return ALL.stream().filter(s -> Samples.class.getResource(s.resource()) != null).toList();
    }

    public static Optional<Sample> byId(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Copies the sample's bundle to a file in {@code folder}, for the importer (which reads files). */
    static Path extract(Sample sample, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(sample.id() + ".rwb.json");
        try (InputStream in = Samples.class.getResourceAsStream(sample.resource())) {
            if (in == null) {
                throw new IOException("resource not found: " + sample.resource());
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
