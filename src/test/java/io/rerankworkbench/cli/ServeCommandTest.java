package io.rerankworkbench.cli;

import io.rerankworkbench.app.AppContext;
import io.rerankworkbench.app.ModelLibraryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rerank-workbench serve} with the bundled model, run on a thread of the test, started on port 0 and stopped
 * through {@link ServeCommand#stop()}. Exit codes are mapped as {@link Cli} maps them.
 */
class ServeCommandTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String REQUEST =
            "{\"query\": \"capital of France\", \"documents\": [\"Bananas are yellow.\", \"Paris is in France.\"]}";

    private static AppContext shared;
    private static ContextSource borrowed;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void shareOneContext() {
        shared = new AppContext(ModelLibraryStore.inMemory());
        borrowed = ContextSource.borrowing(shared);
    }

    @AfterAll
    static void closeContext() {
        shared.close();
    }

    /** One {@code serve} invocation on its own thread, with its output captured. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final ServeCommand command;
        final CompletableFuture<Integer> exit;

        Run(UnaryOperator<String> environment, String... args) {
            command = new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), borrowed, environment, false);
            CommandLine cli = new CommandLine(command)
                    .setParameterExceptionHandler((e, a) -> {
                        new PrintStream(err, true, StandardCharsets.UTF_8).println(e.getMessage());
                        return Cli.EXIT_USAGE;
                    })
                    .setExecutionExceptionHandler((e, c, p) -> {
                        new PrintStream(err, true, StandardCharsets.UTF_8).println(e.getMessage());
                        return e instanceof CliException ce ? ce.exitCode() : Cli.EXIT_FAILURE;
                    });
            exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        }

        int awaitExit() {
            return exit.orTimeout(60, TimeUnit.SECONDS).join();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesOnAFreePortPrintsOneLineAndStopsCleanly() throws Exception {
        Run run = new Run(name -> null, "--model", "all-minilm-l6-v2", "--port", "0");
        URI base = run.command.awaitStarted(START);

        HttpResponse<String> reply = post(base, null);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        run.command.stop();

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"index\":1").contains("\"version\":\"2\"");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(run.awaitExit()).isZero();
        assertThat(run.out()).isEqualTo("Serving all-MiniLM-L6-v2 on http://127.0.0.1:" + base.getPort()
                + " (Cohere /v1/rerank, /v2/rerank; TEI /rerank)" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), base.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void apiKeyFromTheEnvironmentIsRequiredAndNeverPrinted() throws Exception {
        String key = "env-secret-8d2b7";
        Run run = new Run(Map.of("RWB_SERVE_KEY", key)::get, "--model", "all-MiniLM-L6-v2", "--port", "0",
                "--api-key-env", "RWB_SERVE_KEY");
        URI base = run.command.awaitStarted(START);

        HttpResponse<String> anonymous = post(base, null);
        HttpResponse<String> wrong = post(base, "env-secret-8d2b8");
        HttpResponse<String> authorized = post(base, key);
        run.command.stop();

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("env-secret");
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(run.awaitExit()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(key);
    }

    @Test
    void apiKeyOptionIsNeverPrinted() throws Exception {
        String key = "cli-secret-41aa";
        Run run = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--port", "0", "--api-key", key);
        URI base = run.command.awaitStarted(START);

        assertThat(post(base, key).statusCode()).isEqualTo(200);
        run.command.stop();

        assertThat(run.awaitExit()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(key);
    }

    @Test
    void unknownModelFailsFastWithExitCode2() {
        Run run = new Run(name -> null, "--model", "rerank-v3.5", "--port", "0");

        assertThat(run.awaitExit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).contains("unknown model \"rerank-v3.5\"").contains("all-MiniLM-L6-v2");
        assertThat(run.out()).isEmpty();
        assertThatThrownBy(() -> run.command.awaitStarted(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unsetKeyVariableIsExitCode2NamingTheVariable() {
        Run run = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--api-key-env", "NO_SUCH_VARIABLE");

        assertThat(run.awaitExit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).contains("NO_SUCH_VARIABLE").contains("not set");
    }

    @Test
    void bothKeyOptionsOrABadPortAreUsageErrors() {
        assertThat(new Run(name -> "k", "--model", "all-MiniLM-L6-v2", "--api-key", "a", "--api-key-env", "B")
                .awaitExit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--port", "70000").awaitExit())
                .isEqualTo(Cli.EXIT_USAGE);
        assertThat(new Run(name -> null, "--port", "0").awaitExit()).isEqualTo(Cli.EXIT_USAGE);
    }

    @Test
    void usageErrorsNeverQuoteTheKey() {
        Run twice = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--api-key", "first-key-77",
                "--api-key", "second-key-88");
        Run both = new Run(name -> "env-key-99", "--model", "all-MiniLM-L6-v2", "--api-key", "first-key-77",
                "--api-key-env", "VAR");
        Run badPort = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--api-key=first-key-77", "--port=x");

        for (Run run : java.util.List.of(twice, both, badPort)) {
            assertThat(run.awaitExit()).isEqualTo(Cli.EXIT_USAGE);
            assertThat(run.err()).isNotBlank().doesNotContain("key-77").doesNotContain("key-88")
                    .doesNotContain("key-99");
        }
    }

    @Test
    void aTakenPortIsExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--port",
                    Integer.toString(taken.getLocalPort()));

            assertThat(run.awaitExit()).isEqualTo(Cli.EXIT_FAILURE);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aNonLoopbackHostWithoutAKeyIsRefusedUnlessAllowedExplicitly() {
        // Refused before the model loads or anything is bound.
        Run run = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--host", "0.0.0.0", "--port", "0");

        assertThat(run.awaitExit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).contains("--host 0.0.0.0").contains("--insecure-no-key").contains("--api-key-env");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void newLimitsAndTlsOptionsAreCheckedUpFront(@TempDir Path dir) {
        assertThat(new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--read-timeout", "0").awaitExit())
                .isEqualTo(Cli.EXIT_USAGE);
        assertThat(new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--request-timeout", "-1").awaitExit())
                .isEqualTo(Cli.EXIT_USAGE);
        assertThat(new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--queue", "0").awaitExit())
                .isEqualTo(Cli.EXIT_USAGE);
        Run missingStore = new Run(name -> "pw", "--model", "all-MiniLM-L6-v2", "--tls-keystore",
                dir.resolve("none.p12").toString(), "--tls-keystore-password-env", "PW");
        assertThat(missingStore.awaitExit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(missingStore.err()).contains("none.p12").contains("no such readable file");
        Run noPassword = new Run(name -> null, "--model", "all-MiniLM-L6-v2", "--tls-keystore", dir.toString());
        assertThat(noPassword.awaitExit()).isEqualTo(Cli.EXIT_USAGE);
    }

    /**
     * A real process: SIGTERM (what {@code Process.destroy()} sends on Linux and macOS) stops the server cleanly and
     * the process exits 0, as docs/server.md says.
     */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "no SIGTERM on Windows")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sigtermStopsCleanlyWithExitCode0(@TempDir Path home)
            throws Exception {
        String javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(javaLauncher, "-Duser.home=" + home, "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "io.rerankworkbench.Main",
                "serve", "--model", "all-MiniLM-L6-v2", "--port", "0")
                .redirectError(home.resolve("stderr.txt").toFile()).start();
        try {
            var lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String banner = lines.readLine();
            assertThat(banner).as(Files.readString(home.resolve("stderr.txt")))
                    .startsWith("Serving all-MiniLM-L6-v2 on http://127.0.0.1:");
            URI base = URI.create(banner.substring(banner.indexOf("http://"), banner.indexOf(" (Cohere")));
            assertThat(post(base, null).statusCode()).isEqualTo(200);

            serve.destroy();

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
        } finally {
            serve.destroyForcibly();
        }
    }

    private HttpResponse<String> post(URI base, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2/rerank"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REQUEST));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
