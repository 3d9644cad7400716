package io.rerankworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.app.RankerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server under load, with slow and vanishing clients, malformed requests and forged Host headers. Everything is
 * sent to 127.0.0.1 over raw sockets (so a reset shows as a reset, not as a client retry). The figures of
 * docs/reliability.md ("The server") are printed as {@code FIGURE} lines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerHardeningTest {

    private static final String LOOPBACK = "127.0.0.1";

    /** One answer read off a raw socket: status (-1 when the connection ended without one), headers, body. */
    record Raw(int status, String head, String body) {
        JsonNode json() throws IOException {
            return Http.JSON.readTree(body);
        }
    }

    // --- load ---------------------------------------------------------------------------------------------------

    @Test
    void twoHundredRequestsFromFiftyClientsAllGetAnHttpAnswer() throws Exception {
        PacedReranker ranker = new PacedReranker(10, Duration.ofMillis(2));
        try (RankerService rankers = PacedReranker.library(ranker);
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0))) {
            Map<String, Integer> outcomes = load(server.port(), 200, 50, documents(40));

            System.out.println("FIGURE server load: 200 requests from 50 clients (4 threads, queue 64) -> "
                    + outcomes);
            assertThat(outcomes.keySet()).allMatch(k -> k.equals("200") || k.equals("503"));
            assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        }
    }

    @Test
    void beyondTheQueueTheAnswerIs503WithRetryAfterNeverAReset() throws Exception {
        PacedReranker ranker = new PacedReranker(10, Duration.ofMillis(20));
        try (RankerService rankers = PacedReranker.library(ranker);
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0).withThreads(1).withQueueCapacity(2))) {
            List<Raw> answers = inParallel(40, 40, i -> post(server.port(), "/v2/rerank", documents(30), Map.of()));
            Map<String, Integer> outcomes = tally(answers);

            System.out.println("FIGURE server overload: 40 requests from 40 clients (1 thread, queue 2) -> "
                    + outcomes);
            assertThat(outcomes.keySet()).containsOnly("200", "503");
            assertThat(outcomes.get("503")).isPositive();
            for (Raw r : answers) {
                if (r.status() == 503) {
                    assertThat(r.head()).containsIgnoringCase("Retry-After: 1");
                    assertThat(r.json().get("message").asText()).contains("busy");
                    assertThat(r.json().get("id").asText()).isNotBlank();
                }
            }
        }
    }

    // --- slow clients -------------------------------------------------------------------------------------------

    @Test
    void slowClientsDoNotDelayHealthAndAreDroppedAfterTheReadTimeout() throws Exception {
        PacedReranker ranker = new PacedReranker(10, Duration.ofMillis(1));
        try (RankerService rankers = PacedReranker.library(ranker);
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0).withReadTimeout(Duration.ofSeconds(2)))) {
            List<Socket> halfHeaders = new ArrayList<>();
            List<Socket> trickledBodies = new ArrayList<>();
            try {
                // Twice --threads: with the JDK server four of these blocked everything.
                for (int i = 0; i < 4; i++) {
                    halfHeaders.add(send(server.port(), "POST /v2/rerank HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-"));
                    trickledBodies.add(send(server.port(), "POST /v2/rerank HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\""));
                }
                long worst = 0;
                for (int i = 0; i < 5; i++) {
                    long t0 = System.nanoTime();
                    Raw health = get(server.port(), "/health", Map.of());
                    worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
                    assertThat(health.status()).isEqualTo(200);
                }
                Raw rerank = post(server.port(), "/v2/rerank", documents(5), Map.of());
                System.out.println("FIGURE server slow clients: 8 slow connections held, /health worst of 5 = "
                        + worst + " ms");
                assertThat(worst).isLessThan(1000);
                assertThat(rerank.status()).isEqualTo(200);

                long t0 = System.nanoTime();
                for (Socket s : halfHeaders) {
                    assertThat(readAll(s, 6000).status()).as("half-sent headers are dropped").isEqualTo(-1);
                }
                for (Socket s : trickledBodies) {
                    Raw late = readAll(s, 6000);
                    assertThat(late.status()).isEqualTo(408);
                    assertThat(late.json().get("message").asText()).contains("did not arrive within 2 s");
                }
                long dropped = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("FIGURE server slow clients: all 8 dropped " + dropped
                        + " ms after /health was measured (read timeout 2 s)");
                assertThat(dropped).isLessThan(5000);
            } finally {
                for (Socket s : halfHeaders) {
                    s.close();
                }
                for (Socket s : trickledBodies) {
                    s.close();
                }
            }
        }
    }

    // --- dropped clients and the time cap -----------------------------------------------------------------------

    @Test
    void aDroppedClientsWorkStopsWithinOneBatch() throws Exception {
        PacedReranker ranker = new PacedReranker(10, Duration.ofMillis(40));
        try (RankerService rankers = PacedReranker.library(ranker);
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0).withReadTimeout(Duration.ofSeconds(1)))) {
            byte[] body = documents(3000).getBytes(StandardCharsets.UTF_8);  // 300 batches, 12 s
            int atClose;
            try (Socket client = send(server.port(), "POST /v2/rerank HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")) {
                client.getOutputStream().write(body);
                client.getOutputStream().flush();
                // Past the read timeout first: the server's watch on the connection must outlive it.
                awaitTrue(() -> ranker.batches.get() >= 35, 5000);
                atClose = ranker.batches.get();
            }
            long t0 = System.nanoTime();
            awaitTrue(() -> ranker.cancelled.get() == 1, 5000);
            long stoppedMs = (System.nanoTime() - t0) / 1_000_000;
            int after = ranker.batches.get() - atClose;

            System.out.println("FIGURE server dropped client: 3,000 documents, client closed after " + atClose
                    + " batches; scoring stopped " + stoppedMs + " ms later after " + after
                    + " more batch(es) of 10 (40 ms each)");
            assertThat(after).isLessThanOrEqualTo(1);
            assertThat(ranker.batches.get()).isLessThan(60);
        }
    }

    @Test
    void scoringLongerThanTheReadTimeoutIsNotCutOff() throws Exception {
        // The read timeout is for clients that do not send; a request the model takes long over is not one.
        PacedReranker ranker = new PacedReranker(10, Duration.ofMillis(50));
        try (RankerService rankers = PacedReranker.library(ranker);
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0).withReadTimeout(Duration.ofSeconds(1)))) {
            Raw r = post(server.port(), "/v2/rerank", documents(500), Map.of());  // 50 batches, 2.5 s

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("results")).hasSize(500);
            assertThat(ranker.cancelled.get()).isZero();
        }
    }

    @Test
    void aRequestOverTheTimeLimitIsCancelledAndAnswered503() throws Exception {
        PacedReranker ranker = new PacedReranker(10, Duration.ofMillis(40));
        try (RankerService rankers = PacedReranker.library(ranker);
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0).withRequestTimeout(Duration.ofMillis(500)))) {
            long t0 = System.nanoTime();
            Raw r = post(server.port(), "/v2/rerank", documents(3000), Map.of());
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("message").asText()).contains("longer than this server's limit");
            assertThat(ms).isLessThan(3000);
            assertThat(ranker.cancelled.get()).isEqualTo(1);
        }
    }

    // --- every client-triggerable error is JSON -----------------------------------------------------------------

    @Test
    void malformedRequestsGetTheJsonErrorShape() throws Exception {
        try (RankerService rankers = PacedReranker.library(new PacedReranker(10, Duration.ZERO));
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0))) {
            Raw badLength = readAll(send(server.port(), "POST /v2/rerank HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: abc\r\nConnection: close\r\n\r\n{}"), 5000);
            assertJsonError(badLength, 400);
            assertThat(badLength.json().get("message").asText()).contains("Content-Length");

            Raw hugeHeaders = readAll(send(server.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "x".repeat(40_000) + "\r\nConnection: close\r\n\r\n"), 5000);
            assertJsonError(hugeHeaders, 431);
            assertThat(hugeHeaders.json().get("message").asText()).contains("headers too large");

            Raw garbage = readAll(send(server.port(), "HELLO\r\n\r\n"), 5000);
            assertJsonError(garbage, 400);
        }
    }

    @Test
    void badJsonIsDescribedInPlainWordsWithItsPlace() throws Exception {
        try (RankerService rankers = PacedReranker.library(new PacedReranker(10, Duration.ZERO));
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0))) {
            Map<String, String> cases = Map.of(
                    "{\"query\": \"q\",\n \"documents\": [\"a\"", "ends before the JSON is complete",
                    "{\"query\": \"q\", \"query\": \"r\"}", "the key \"query\" appears twice",
                    "{\"query\": q}", "unknown word",
                    "{\"query\": \"q\"} {}", "more after the JSON value",
                    "{query: \"q\"}", "not in double quotes");
            for (var c : cases.entrySet()) {
                Raw r = postBody(server.port(), "/v2/rerank", c.getKey(), Map.of());
                assertJsonError(r, 400);
                String message = r.json().get("message").asText();
                assertThat(message).as(c.getKey()).contains(c.getValue()).contains("line ")
                        .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("Feature")
                        .doesNotContain("com.fasterxml").doesNotContain("(`");
            }
        }
    }

    // --- exposure -----------------------------------------------------------------------------------------------

    @Test
    void withoutAKeyOnlyTheServersOwnNamesAreAnswered() throws Exception {
        try (RankerService rankers = PacedReranker.library(new PacedReranker(10, Duration.ZERO));
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0))) {
            int port = server.port();
            Raw rebound = post(port, "/v2/rerank", documents(3), Map.of("Host", "attacker.example:" + port));
            assertJsonError(rebound, 403);
            assertThat(rebound.json().get("message").asText()).contains("attacker.example");

            Raw crossSite = post(port, "/v2/rerank", documents(3),
                    Map.of("Origin", "http://attacker.example", "Content-Type", "text/plain"));
            assertJsonError(crossSite, 403);
            assertThat(get(port, "/health", Map.of("Host", "rebind.attacker.example")).status()).isEqualTo(403);

            assertThat(post(port, "/v2/rerank", documents(3), Map.of("Host", "localhost:" + port)).status())
                    .isEqualTo(200);
            assertThat(post(port, "/v2/rerank", documents(3), Map.of("Origin", "http://127.0.0.1:" + port))
                    .status()).isEqualTo(200);
            assertThat(post(port, "/v2/rerank", documents(3), Map.of("Host", "[::1]:" + port)).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void withAKeyTheKeyIsTheGuardAndAnyHostIsAnswered() throws Exception {
        try (RankerService rankers = PacedReranker.library(new PacedReranker(10, Duration.ZERO));
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME,
                     ServerConfig.defaults().withPort(0).withApiKey("k-123"))) {
            Raw proxied = post(server.port(), "/v2/rerank", documents(3),
                    Map.of("Host", "rerank.internal.example", "Authorization", "Bearer k-123"));
            assertThat(proxied.status()).isEqualTo(200);
            assertJsonError(post(server.port(), "/v2/rerank", documents(3),
                    Map.of("Host", "rerank.internal.example")), 401);
        }
    }

    @Test
    void aNonLoopbackBindNeedsAKeyOrAnExplicitOptOut() {
        PacedReranker ranker = new PacedReranker(10, Duration.ZERO);
        try (RankerService rankers = PacedReranker.library(ranker)) {
            // Refused before anything is bound.
            assertThatThrownBy(() -> RerankServer.start(rankers, PacedReranker.NAME,
                    ServerConfig.defaults().withPort(0).withHost("0.0.0.0")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an API key");
        }
        HostGuard wildcard = HostGuard.forServer("0.0.0.0", List.of("Rerank.LAN"));
        assertThat(wildcard.names()).contains("0.0.0.0", "localhost", "127.0.0.1", "::1", "rerank.lan");
        wildcard.check("rerank.lan:8089", null);
        wildcard.check("[::1]:8089", "http://localhost:3000");
        assertThatThrownBy(() -> wildcard.check("evil.example", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> wildcard.check("localhost", "null")).isInstanceOf(ApiException.class);
        assertThat(HostGuard.hostOf("[0:0:0:0:0:0:0:1]:80")).isEqualTo("::1");
        assertThat(HostGuard.hostOf("LocalHost.:80")).isEqualTo("localhost");
    }

    @Test
    void servesHttpsWithAKeystore(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "test-pass", "-keypass", "test-pass")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        try (RankerService rankers = PacedReranker.library(new PacedReranker(10, Duration.ZERO));
             RerankServer server = RerankServer.start(rankers, PacedReranker.NAME, ServerConfig.defaults()
                     .withPort(0).withTls(new ServerConfig.Tls(keystore, "test-pass")))) {
            assertThat(server.baseUri().getScheme()).isEqualTo("https");
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            HttpClient client = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> rerank = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/rerank"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(documents(3)))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(rerank.statusCode()).isEqualTo(200);
            assertThat(rerank.body()).contains("\"results\"");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void assertJsonError(Raw r, int status) throws IOException {
        assertThat(r.status()).as(r.head() + r.body()).isEqualTo(status);
        assertThat(r.head()).containsIgnoringCase("Content-Type: application/json");
        JsonNode json = r.json();
        assertThat(json.get("id").asText()).isNotBlank();
        assertThat(json.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("<html");
    }

    private static String documents(int n) {
        return "{\"query\": \"capital of France\", \"documents\": ["
                + IntStream.range(0, n).mapToObj(i -> "\"document number " + i + " " + "x".repeat(i % 7) + "\"")
                .collect(Collectors.joining(",")) + "]}";
    }

    /** {@code total} requests from {@code clients} threads, each on a fresh connection; outcome → count. */
    private static Map<String, Integer> load(int port, int total, int clients, String body) throws Exception {
        return tally(inParallel(total, clients, i -> post(port, "/v2/rerank", body, Map.of())));
    }

    private static Map<String, Integer> tally(List<Raw> answers) {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Raw r : answers) {
            outcomes.merge(r.status() < 0 ? "no answer (" + r.body() + ")" : Integer.toString(r.status()), 1,
                    Integer::sum);
        }
        return outcomes;
    }

    private interface Call {
        Raw call(int i) throws IOException;
    }

    private static List<Raw> inParallel(int total, int clients, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Raw>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try {
                        return call.call(n);
                    } catch (IOException e) {
                        return new Raw(-1, "", e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }));
            }
            List<Raw> answers = new ArrayList<>();
            for (Future<Raw> f : futures) {
                answers.add(f.get(45, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Raw get(int port, String path, Map<String, String> headers) throws IOException {
        return readAll(send(port, "GET " + path + " HTTP/1.1\r\n" + headerLines(port, headers)
                + "Connection: close\r\n\r\n"), 10_000);
    }

    private static Raw post(int port, String path, String json, Map<String, String> headers) throws IOException {
        return postBody(port, path, json, headers);
    }

    private static Raw postBody(int port, String path, String json, Map<String, String> headers)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        Socket s = send(port, "POST " + path + " HTTP/1.1\r\n" + headerLines(port, all) + "Content-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n");
        s.getOutputStream().write(body);
        s.getOutputStream().flush();
        return readAll(s, 30_000);
    }

    private static String headerLines(int port, Map<String, String> headers) {
        StringBuilder b = new StringBuilder();
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Host"))) {
            b.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.toString();
    }

    private static Socket send(int port, String text) throws IOException {
        Socket s = new Socket(InetAddress.getByName(LOOPBACK), port);
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** Everything until the server closes; the socket is closed afterwards. */
    private static Raw readAll(Socket s, int timeoutMs) throws IOException {
        try (s) {
            s.setSoTimeout(timeoutMs);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            try {
                in.transferTo(bytes);
            } catch (SocketTimeoutException e) {
                return new Raw(-2, "", "timed out after " + timeoutMs + " ms");
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Raw(-1, text, "");
            }
            return new Raw(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("condition within " + timeoutMs + " ms").isTrue();
            Thread.sleep(10);
        }
    }
}
