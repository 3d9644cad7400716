package io.rerankworkbench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny test models under src/test/resources/models and their reference outputs. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path model(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture model not found: " + name, e);
        }
    }

    public static JsonNode reference(String name) {
        try {
            return new ObjectMapper().readTree(model(name).resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
