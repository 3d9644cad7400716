package io.rerankworkbench.cli;

import io.rerankworkbench.app.NamedThreads;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.server.RerankServer;
import io.rerankworkbench.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * {@code rerank-workbench serve}: serves a local model over HTTP with Cohere's rerank API ({@code /v1/rerank},
 * {@code /v2/rerank}) and TEI's ({@code /rerank}) until stopped with Ctrl+C.
 *
 * <p>The model is loaded before the port is opened, so an unknown or broken model fails at once. The API key is never
 * printed, logged or echoed in an error.
 *
 * <p>Tests run {@link #call()} on a thread of their own, wait for {@link #awaitStarted(Duration)} and end it with
 * {@link #stop()}; they pass {@code shutdownHook = false} so the JVM's hooks stay untouched.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Serve a local model over HTTP: Cohere's rerank API (POST /v1/rerank, POST /v2/rerank), TEI's "
                    + "(POST /rerank) and GET /health. Runs until Ctrl+C.",
            "Point a Cohere SDK at it with a custom base URL, e.g. http://127.0.0.1:8089 (see docs/server.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "1:the model could not be loaded or the address could not be opened (port taken?)",
            "2:bad arguments: unknown model or option, API key variable not set, a non-loopback --host without a key"})
final class ServeCommand implements Callable<Integer> {

    static final String BANNER_SUFFIX = " (Cohere /v1/rerank, /v2/rerank; TEI /rerank)";
    private static final Duration HOOK_WAIT = Duration.ofSeconds(15);

    private final PrintStream out;
    private final PrintStream err;
    private final ContextSource contexts;
    private final UnaryOperator<String> environment;
    private final boolean shutdownHook;

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile URI baseUri;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", required = true,
            description = "The model to serve; also the one used by requests that name none.")
    String model;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for "
                    + "every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "The TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    // Two plain options checked by hand rather than an exclusive ArgGroup: picocli's message for a repeated group
    // option quotes the values, and the key must never appear in an error.
    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Require 'Authorization: Bearer KEY' on every request but /health. "
                    + "Prefer --api-key-env: a key on the command line lands in the shell history.")
    String keyValue;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Read the API key from the environment variable VAR.")
    String keyVariable;

    @Option(names = "--max-body-mib", paramLabel = "MIB", defaultValue = "8",
            description = "Refuse request bodies larger than this many MiB with 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyMib;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_THREADS,
            description = "Requests scored at once; more wait in a queue (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_QUEUE_CAPACITY,
            description = "Requests that may wait for a scoring thread; beyond that the answer is 503 with "
                    + "Retry-After (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Drop a connection whose request headers, or whose body, take longer than this to arrive "
                    + "(default: ${DEFAULT-VALUE}).")
    int readTimeoutSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Stop scoring a request after this long and answer 503; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    @Option(names = "--insecure-no-key",
            description = "Allow a non-loopback --host without an API key (anyone who can reach it can use it).")
    boolean insecureNoKey;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "Without an API key, also answer requests addressed (Host header) to NAME; repeatable.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the certificate and key in this PKCS12 or JKS keystore.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-env", paramLabel = "VAR",
            description = "Read the keystore's password from the environment variable VAR.")
    String tlsPasswordVariable;

    ServeCommand(PrintStream out, PrintStream err, ContextSource contexts) {
        this(out, err, contexts, System::getenv, true);
    }

    /**
     * @param environment   looks up {@code --api-key-env}'s variable
     * @param shutdownHook  whether {@link #call()} registers a JVM shutdown hook that stops the server on Ctrl+C
     */
    ServeCommand(PrintStream out, PrintStream err, ContextSource contexts, UnaryOperator<String> environment,
                 boolean shutdownHook) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.shutdownHook = shutdownHook;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return serve();
        } finally {
            finished.countDown();
        }
    }

    private int serve() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        if (maxBodyMib < 1 || maxBodyMib > 1024) {
            throw new ParameterException(spec.commandLine(), "--max-body-mib must be 1..1024, was " + maxBodyMib);
        }
        if (threads < 1 || threads > 256) {
            throw new ParameterException(spec.commandLine(), "--threads must be 1..256, was " + threads);
        }
        if (queue < 1 || queue > 10_000) {
            throw new ParameterException(spec.commandLine(), "--queue must be 1..10000, was " + queue);
        }
        if (readTimeoutSeconds < 1 || readTimeoutSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--read-timeout must be 1..3600 seconds, was "
                    + readTimeoutSeconds);
        }
        if (requestTimeoutSeconds < 0 || requestTimeoutSeconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--request-timeout must be 0..86400 seconds, was "
                    + requestTimeoutSeconds);
        }
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty");
        }
        String apiKey = apiKey();
        boolean loopback = ServerConfig.isLoopback(host);
        if (apiKey == null && !loopback && !insecureNoKey) {
            throw new CliException(Cli.EXIT_USAGE, "--host " + host.strip() + " is reachable from other machines:"
                    + " set an API key (--api-key-env VAR) or, to serve without one, add --insecure-no-key");
        }
        ServerConfig config = ServerConfig.defaults().withHost(host.strip()).withPort(port).withApiKey(apiKey)
                .withMaxBodyBytes(maxBodyMib * 1024 * 1024).withThreads(threads).withQueueCapacity(queue)
                .withReadTimeout(Duration.ofSeconds(readTimeoutSeconds))
                .withRequestTimeout(Duration.ofSeconds(requestTimeoutSeconds))
                .withInsecureNoKey(insecureNoKey).withAllowedHosts(allowedHosts).withTls(tls());

        try (ContextSource.Lease lease = contexts.open()) {
            RankerService rankers = lease.context().rankers();
            List<String> available = rankers.modelNames();
            String name = available.stream().filter(n -> n.equalsIgnoreCase(model)).findFirst()
                    .orElseThrow(() -> new CliException(Cli.EXIT_USAGE, "unknown model \"" + model
                            + "\"; available: " + String.join(", ", available)));
            // Loads the model before opening the port: a broken model fails now (ModelLoadException, exit code 1).
            try (RerankServer server = startServer(rankers, name, config)) {
                baseUri = server.baseUri();
                out.println("Serving " + name + " on " + baseUri + BANNER_SUFFIX);
                out.flush();
                if (apiKey == null && !loopback) {
                    err.println(Cli.PROGRAM + ": warning: serving on " + config.host()
                            + " without an API key (--insecure-no-key): anyone who can reach this address can use it");
                }
                if (!loopback && config.tls() == null) {
                    err.println(Cli.PROGRAM + ": warning: serving plain HTTP on " + config.host()
                            + ": requests, documents and the key travel unencrypted; see --tls-keystore");
                }
                err.flush();
                Thread hook = shutdownHook ? NamedThreads.shutdownHook("serve-shutdown", this::stopAndWait) : null;
                StopSignals signals = null;
                if (hook != null) {
                    Runtime.getRuntime().addShutdownHook(hook);
                    // SIGTERM and Ctrl+C stop the server like stop(), and the command then exits 0; the hook is kept
                    // for any other way the JVM is asked to end.
                    signals = StopSignals.install(this::stop);
                }
                started.countDown();
                try {
                    stopRequested.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (signals != null) {
                        signals.restore();
                    }
                    removeHook(hook);
                }
            }
        }
        return Cli.EXIT_OK;
    }

    private static RerankServer startServer(RankerService rankers, String name, ServerConfig config)
            throws CliException {
        try {
            return RerankServer.start(rankers, name, config);
        } catch (UnknownHostException e) {
            throw new CliException(Cli.EXIT_USAGE, "--host: cannot resolve \"" + config.host() + "\"");
        } catch (IOException e) {
            throw new CliException(Cli.EXIT_FAILURE, "cannot listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            // Jetty reports a keystore it cannot open (wrong password, not a keystore) this way.
            throw new CliException(Cli.EXIT_FAILURE, "cannot start the server: " + e.getMessage());
        }
    }

    /** The key from --api-key or --api-key-env, or null for none. Error messages name the option, never the key. */
    private String apiKey() throws CliException {
        if (keyValue != null && keyVariable != null) {
            throw new ParameterException(spec.commandLine(), "give --api-key or --api-key-env, not both");
        }
        if (keyValue != null) {
            if (keyValue.isBlank()) {
                throw new CliException(Cli.EXIT_USAGE, "--api-key must not be empty");
            }
            return keyValue.strip();
        }
        if (keyVariable == null) {
            return null;
        }
        String value = environment.apply(keyVariable);
        if (value == null || value.isBlank()) {
            throw new CliException(Cli.EXIT_USAGE, "--api-key-env: the environment variable " + keyVariable
                    + " is not set or is empty");
        }
        return value.strip();
    }

    /** The keystore from --tls-keystore, its password from --tls-keystore-password-env; null for plain HTTP. */
    private ServerConfig.Tls tls() throws CliException {
        if (tlsKeystore == null) {
            if (tlsPasswordVariable != null) {
                throw new ParameterException(spec.commandLine(), "--tls-keystore-password-env needs --tls-keystore");
            }
            return null;
        }
        if (!Files.isRegularFile(tlsKeystore) || !Files.isReadable(tlsKeystore)) {
            throw new CliException(Cli.EXIT_USAGE, "--tls-keystore: " + tlsKeystore + ": no such readable file");
        }
        if (tlsPasswordVariable == null) {
            throw new ParameterException(spec.commandLine(), "--tls-keystore needs --tls-keystore-password-env VAR");
        }
        String password = environment.apply(tlsPasswordVariable);
        if (password == null || password.isEmpty()) {
            throw new CliException(Cli.EXIT_USAGE, "--tls-keystore-password-env: the environment variable "
                    + tlsPasswordVariable + " is not set or is empty");
        }
        return new ServerConfig.Tls(tlsKeystore, password);
    }

    private void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is what woke us; it is running now.
        }
    }

    /** Run by the shutdown hook: the JVM ends when hooks return, so wait until the server is closed. */
    private void stopAndWait() {
        stop();
        try {
            finished.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks a running {@link #call()} to close the server and return. Safe from any thread, before or after start. */
    void stop() {
        stopRequested.countDown();
    }

    /**
     * Waits until the server is listening and returns its base URI (with the real port when {@code --port 0}).
     *
     * @throws IllegalStateException when the command ended without starting (bad arguments, unknown model, …)
     * @throws TimeoutException      when it has not started in time
     */
    URI awaitStarted(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (started.await(20, TimeUnit.MILLISECONDS)) {
                return baseUri;
            }
            if (finished.getCount() == 0) {
                throw new IllegalStateException("the serve command ended without starting the server");
            }
        }
        throw new TimeoutException("the server did not start within " + timeout);
    }
}
