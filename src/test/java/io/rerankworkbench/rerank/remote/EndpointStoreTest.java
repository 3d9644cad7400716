package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saving and loading endpoints: every dialect round-trips, keys are referred to, never stored. */
class EndpointStoreTest {

    @TempDir
    Path config;

    private static List<Endpoint> everyKind() {
        List<Endpoint> all = new ArrayList<>();
        for (Dialect d : Dialect.builtIns()) {
            all.add(Endpoint.of("ep " + d.id(), d, d.defaultBaseUrl().isPresent() ? null : "http://localhost:8080",
                    null));
        }
        CustomJsonFields fields = new CustomJsonFields("/api/score", "query", "candidates", null, "top_k", null,
                "/hits", "/id", "/relevance", "X-Api-Key", "", 50, true);
        all.add(new Endpoint("mine", new Dialect.CustomJson(fields), "https://rerank.internal.example", "m1",
                KeyRef.stored("mine"), EndpointOptions.DEFAULT.withTimeouts(Duration.ofSeconds(3),
                        Duration.ofSeconds(30), Duration.ofSeconds(90)).withMaxDocumentsPerRequest(200)
                .withConcurrency(4).withTopK(20).withMaxTokensPerDoc(512).withAllowInsecureHttp(true)));
        all.add(new Endpoint("tei without key", Dialect.TEI, "http://10.0.0.5:8080", null, KeyRef.NONE,
                EndpointOptions.DEFAULT.withAllowInsecureHttp(true)));
        return all;
    }

    @Test
    void everyKindOfEndpointRoundTrips() throws IOException {
        EndpointStore store = new EndpointStore(config);
        assertThat(store.load()).isEmpty();
        List<Endpoint> all = everyKind();
        store.save(all);
        assertThat(new EndpointStore(config).load()).containsExactlyElementsOf(all);
    }

    @Test
    void theFileIsReadableJsonThatNamesKeysButHoldsNone() throws IOException {
        EndpointStore store = new EndpointStore(config);
        store.save(everyKind());
        JsonNode root = Wire.JSON.readTree(store.file().toFile());
        assertThat(root.get("version").asInt()).isEqualTo(1);
        JsonNode first = root.get("endpoints").get(0);
        assertThat(first.get("dialect").asText()).isEqualTo("cohere-v2");
        assertThat(first.get("key").get("env").asText()).isEqualTo("COHERE_API_KEY");
        assertThat(first.get("options").get("concurrency").asInt()).isEqualTo(2);
        assertThat(first.has("baseUrl")).isFalse();
        JsonNode custom = root.get("endpoints").get(Dialect.builtIns().size());
        assertThat(custom.get("customJson").get("documentsField").asText()).isEqualTo("candidates");
        assertThat(custom.get("key").get("stored").asText()).isEqualTo("mine");
        try (var files = Files.list(config)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(EndpointStore.FILE_NAME);
        }
    }

    @Test
    void putReplacesByNameAndRemoveForgets() throws IOException {
        EndpointStore store = new EndpointStore(config);
        store.put(Endpoint.of("a", Dialect.JINA, null, null));
        store.put(Endpoint.of("b", Dialect.VOYAGE, null, null));
        store.put(Endpoint.of("A", Dialect.COHERE_V1, null, "rerank-english-v3.0"));
        assertThat(store.load()).extracting(Endpoint::name).containsExactly("b", "A");
        assertThat(store.find("a")).get().extracting(Endpoint::dialect).isEqualTo(Dialect.COHERE_V1);
        assertThat(store.remove("B")).isTrue();
        assertThat(store.remove("B")).isFalse();
        assertThat(store.load()).extracting(Endpoint::name).containsExactly("A");
    }

    @Test
    void duplicateNamesAreRefused() {
        EndpointStore store = new EndpointStore(config);
        assertThatThrownBy(() -> store.save(List.of(Endpoint.of("x", Dialect.JINA, null, null),
                Endpoint.of("X", Dialect.TEI, "http://localhost:1", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two endpoints");
    }

    @Test
    void badFilesAreReportedWithTheFileName() throws IOException {
        Files.writeString(config.resolve(EndpointStore.FILE_NAME),
                "{\"version\": 1, \"endpoints\": [{\"name\": \"x\", \"dialect\": \"cohere-v9\"}]}");
        assertThatThrownBy(() -> new EndpointStore(config).load()).isInstanceOf(IOException.class)
                .hasMessageContaining(EndpointStore.FILE_NAME).hasMessageContaining("unknown provider");
        Files.writeString(config.resolve(EndpointStore.FILE_NAME), "{\"version\": 7, \"endpoints\": []}");
        assertThatThrownBy(() -> new EndpointStore(config).load()).hasMessageContaining("newer version");
        Files.writeString(config.resolve(EndpointStore.FILE_NAME), "{\"endpoints\": [");
        assertThatThrownBy(() -> new EndpointStore(config).load()).hasMessageContaining("not a valid endpoints file");
    }

    @Test
    void unknownFieldsFromANewerMinorVersionAreIgnored() throws IOException {
        Files.writeString(config.resolve(EndpointStore.FILE_NAME), "{\"version\": 1, \"endpoints\": [{\"name\": "
                + "\"x\", \"dialect\": \"tei\", \"baseUrl\": \"http://localhost:8080\", \"colour\": \"blue\"}]}");
        Endpoint e = new EndpointStore(config).load().get(0);
        assertThat(e.dialect()).isEqualTo(Dialect.TEI);
        assertThat(e.key()).isEqualTo(KeyRef.NONE);
        assertThat(e.options()).isEqualTo(EndpointOptions.DEFAULT);
    }
}
