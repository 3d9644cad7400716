package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;
import mockwebserver3.MockWebServer;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static io.rerankworkbench.rerank.remote.RemoteFixtures.QUERY;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.SECRET;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.candidates;
import static io.rerankworkbench.rerank.remote.RemoteFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where keys come from, where they are kept, and that they turn up nowhere else. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretsTest {

    @TempDir
    Path config;

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void storedKeysLiveInAnOwnerOnlyFile() throws IOException {
        Secrets secrets = new Secrets(config, Map.of());
        secrets.store("cohere-prod", ApiKey.of(SECRET));
        secrets.store("jina", ApiKey.of("jina_other"));

        assertThat(secrets.lookup("cohere-prod")).get().extracting(ApiKey::reveal).isEqualTo(SECRET);
        assertThat(secrets.storedIds()).containsExactly("cohere-prod", "jina");
        assertThat(secrets.delete("jina")).isTrue();
        assertThat(secrets.delete("jina")).isFalse();
        assertThat(secrets.lookup("jina")).isEmpty();
        assertThat(new Secrets(config, Map.of()).lookup("cohere-prod")).isPresent();
        if (posix()) {
            assertThat(Files.getPosixFilePermissions(secrets.file()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (Stream<Path> files = Files.list(config)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(Secrets.FILE_NAME);
        }
    }

    @Test
    void aSecretsFileThatOthersCanReadIsTightened() throws IOException {
        assumeTrue(posix());
        Secrets secrets = new Secrets(config, Map.of());
        secrets.store("a", ApiKey.of(SECRET));
        Files.setPosixFilePermissions(secrets.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(secrets.lookup("a")).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void aBrokenSecretsFileIsReportedWithoutQuotingIt() throws IOException {
        Files.writeString(config.resolve(Secrets.FILE_NAME), "{\"keys\": {\"a\": " + SECRET + "}}");
        assertThatThrownBy(() -> new Secrets(config, Map.of()).lookup("a"))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET))
                .hasNoCause();
    }

    @Test
    void environmentVariablesWithTheDialectsFallbacks() throws IOException {
        Endpoint cohere = Endpoint.of("c", Dialect.COHERE_V2, null, null);
        assertThat(cohere.key()).isEqualTo(KeyRef.env("COHERE_API_KEY"));
        assertThat(new Secrets(config, Map.of("CO_API_KEY", "fallback")).resolve(cohere)).get()
                .extracting(ApiKey::reveal).isEqualTo("fallback");
        assertThat(new Secrets(config, Map.of("CO_API_KEY", "fallback", "COHERE_API_KEY", "primary"))
                .resolve(cohere)).get().extracting(ApiKey::reveal).isEqualTo("primary");
        assertThat(new Secrets(config, Map.of("COHERE_API_KEY", "  ")).resolve(cohere)).isEmpty();
        assertThat(Secrets.missingKeyMessage(cohere))
                .isEqualTo("no API key for Cohere v2: none of $COHERE_API_KEY, $CO_API_KEY is set");

        Endpoint custom = cohere.withKey(KeyRef.env("MY_KEY"));
        assertThat(new Secrets(config, Map.of("CO_API_KEY", "fallback")).resolve(custom)).isEmpty();
        assertThat(Secrets.missingKeyMessage(custom)).isEqualTo("no API key for Cohere v2: $MY_KEY is not set");

        Endpoint stored = cohere.withKey(KeyRef.stored("prod"));
        Secrets secrets = new Secrets(config, Map.of());
        assertThat(secrets.resolve(stored)).isEmpty();
        secrets.store("prod", ApiKey.of(SECRET));
        assertThat(secrets.resolve(stored)).get().extracting(ApiKey::reveal).isEqualTo(SECRET);
        assertThat(secrets.resolve(cohere.withKey(KeyRef.NONE))).isEmpty();
    }

    @Test
    void openingAnEndpointWithoutItsKeySaysWhichVariableToSet() {
        Endpoint cohere = Endpoint.of("c", Dialect.COHERE_V2, null, null);
        try (RemoteHttp http = RemoteHttp.create()) {
            RemoteApiException e = catchThrowableOfType(RemoteApiException.class,
                    () -> RemoteReranker.open(cohere, new Secrets(config, Map.of()), http));
            assertThat(e.kind()).isEqualTo(Kind.CONFIG);
            assertThat(e.getMessage()).contains("$COHERE_API_KEY");
        }
    }

    @Test
    void keysAreMaskedInTextForms() {
        ApiKey key = ApiKey.of("  " + SECRET + "\n");
        assertThat(key.reveal()).isEqualTo(SECRET);
        assertThat(key.toString()).doesNotContain(SECRET);
        assertThat(new Secrets(config, Map.of("COHERE_API_KEY", SECRET)).toString()).doesNotContain(SECRET);
        Endpoint e = Endpoint.of("c", Dialect.COHERE_V2, null, null).withKey(KeyRef.stored("prod"));
        assertThat(e.toString()).doesNotContain(SECRET).contains("prod");
        assertThatThrownBy(() -> ApiKey.of("fake-with space"))
                .hasMessageContaining("visible ASCII").satisfies(t -> assertThat(t.getMessage()).doesNotContain("fake-"));
        assertThatThrownBy(() -> ApiKey.of("fake-ключ")).hasMessageNotContaining("ключ");
    }

    /**
     * A run with full logging — OkHttp's interceptor at BODY level, every JUL logger at ALL — and a failing request,
     * then a search for the key in every log line, the exception, and every file of the config folder.
     */
    @Test
    void theKeyAppearsInNoLogLineNoMessageAndNoFileButTheSecretsFile() throws Exception {
        List<String> interceptorLines = new CopyOnWriteArrayList<>();
        List<String> julLines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                julLines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        List<Logger> loud = List.of(Logger.getLogger("io.rerankworkbench"), Logger.getLogger("okhttp3"),
                Logger.getLogger(RemoteHttp.LOGGER));
        List<Level> before = new ArrayList<>();
        loud.forEach(l -> before.add(l.getLevel()));
        root.addHandler(capture);
        loud.forEach(l -> l.setLevel(Level.ALL));
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            EndpointStore store = new EndpointStore(config);
            Secrets secrets = new Secrets(config, Map.of());
            secrets.store("prod", ApiKey.of(SECRET));
            Endpoint pinecone = RemoteFixtures.endpoint(Dialect.PINECONE, server).withKey(KeyRef.stored("prod"));
            Endpoint cohere = RemoteFixtures.endpoint(Dialect.COHERE_V2, server).withKey(KeyRef.stored("prod"));
            store.save(List.of(pinecone, cohere));

            server.enqueue(json(200, "{\"model\": \"m\", \"data\": [{\"index\": 0, \"score\": 0.5}], \"usage\": {}}"));
            server.enqueue(json(503, "{\"message\": \"busy\"}"));
            server.enqueue(json(401, "{\"message\": \"bad key " + SECRET + "\"}"));

            // One ranker logs through the interceptor's sink at BODY level, one through JUL (the default sink).
            try (RemoteHttp verbose = RemoteHttp.builder().logSink(interceptorLines::add)
                    .logLevel(HttpLoggingInterceptor.Level.BODY).build();
                 RemoteHttp viaJul = RemoteHttp.builder().logLevel(HttpLoggingInterceptor.Level.BODY).build()) {
                RemoteRun ok = RemoteReranker.open(store.find(pinecone.name()).orElseThrow(), secrets, verbose)
                        .run(QUERY, candidates(1), ProgressListener.NONE, CancellationToken.NONE);
                assertThat(ok.ranking().results()).hasSize(1);
                RemoteReranker failing = new RemoteReranker(store.find(cohere.name()).orElseThrow(),
                        secrets.resolve(cohere).orElseThrow(), viaJul, RemoteFixtures.FAST);
                RemoteApiException e = catchThrowableOfType(RemoteApiException.class, () -> failing.run(QUERY,
                        candidates(2), ProgressListener.NONE, CancellationToken.NONE));
                assertThat(e.getMessage()).startsWith("API key rejected");
                assertThat(e.toString()).doesNotContain(SECRET);
                assertThat(e.providerMessage()).doesNotContain(SECRET);
            }
            // The server did receive the key, so the logs had every chance to show it.
            assertThat(server.takeRequest().getHeaders().get("Api-Key")).isEqualTo(SECRET);
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        } finally {
            root.removeHandler(capture);
            for (int i = 0; i < loud.size(); i++) {
                loud.get(i).setLevel(before.get(i));
            }
        }

        assertThat(interceptorLines).anySatisfy(l -> assertThat(l).startsWith("Api-Key: ██"));
        assertThat(interceptorLines).anySatisfy(l -> assertThat(l).contains("--> POST"));
        assertThat(julLines).anySatisfy(l -> assertThat(l).contains("Authorization: ██"));
        assertThat(interceptorLines).noneSatisfy(l -> assertThat(l).contains(SECRET));
        assertThat(julLines).noneSatisfy(l -> assertThat(l).contains(SECRET));

        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(config)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(SECRET)) {
                    holding.add(config.relativize(f));
                }
            }
        }
        assertThat(holding).containsExactly(Path.of(Secrets.FILE_NAME));
        assertThat(Files.readString(config.resolve(EndpointStore.FILE_NAME))).contains("\"stored\" : \"prod\"");
    }
}
