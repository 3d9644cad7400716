package io.rerankworkbench.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the rerank server listens and what it accepts.
 *
 * @param host            the address to bind; {@code 127.0.0.1} unless the user asks for another
 * @param port            the TCP port; 0 picks a free one (see {@link RerankServer#port()})
 * @param apiKey          when non-null, every request except {@code GET /health} must carry
 *                        {@code Authorization: Bearer <apiKey>}; never logged, echoed or shown by {@link #toString()}
 * @param maxBodyBytes    request bodies larger than this are refused with 413 without being read further
 * @param maxDocuments    the most documents one request may rank (Cohere's hard cap is 10,000)
 * @param threads         requests scored at once; more wait in a queue
 * @param queueCapacity   requests that may wait for a scoring thread; beyond that the server answers 503 with
 *                        {@code Retry-After}
 * @param shutdownGrace   how long {@link RerankServer#close()} lets running requests finish before cancelling them
 * @param readTimeout     the longest a client may take to send a request's headers, and again its body; also the
 *                        longest a connection may sit silent. Slow connections are closed (the body with a 408)
 * @param requestTimeout  the longest a request may be scored; it is then cancelled at its next batch and answered
 *                        with 503. {@link Duration#ZERO} means no limit
 * @param maxConnections  open connections at most; further ones wait in the listen backlog until one closes
 * @param insecureNoKey   allow a non-loopback {@code host} without an API key (otherwise {@link RerankServer#start}
 *                        refuses it)
 * @param allowedHosts    extra names a request's {@code Host} (and {@code Origin}) may carry when no key is set,
 *                        besides the bound address and the loopback names
 * @param tls             serve HTTPS with this keystore, or {@code null} for plain HTTP
 */
public record ServerConfig(String host, int port, String apiKey, int maxBodyBytes, int maxDocuments, int threads,
                           int queueCapacity, Duration shutdownGrace, Duration readTimeout, Duration requestTimeout,
                           int maxConnections, boolean insecureNoKey, List<String> allowedHosts, Tls tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8089;
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_DOCUMENTS = 10_000;
    public static final int DEFAULT_THREADS = 4;
    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    /**
     * A keystore (PKCS12 or JKS) holding the server's certificate and private key.
     *
     * @param password  the store's password; never logged or shown by {@link #toString()}
     */
    public record Tls(Path keystore, String password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=(set)]";
        }
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key must not be blank");
        }
        // One more byte than the limit is read to detect an oversized body, so leave room for it.
        if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 1));
        }
        if (maxDocuments < 1 || threads < 1 || queueCapacity < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxDocuments, threads, queueCapacity and maxConnections must be >= 1");
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must not be negative");
        }
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * 127.0.0.1:8089, no key, 8 MiB bodies, 10,000 documents, 4 scoring threads, 64 waiting requests, 5 s grace,
     * 10 s to send headers and again the body, 120 s per request, 256 connections, plain HTTP.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DOCUMENTS,
                DEFAULT_THREADS, DEFAULT_QUEUE_CAPACITY, DEFAULT_SHUTDOWN_GRACE, DEFAULT_READ_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS, false, List.of(), null);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    /** A copy that requires {@code key} as a bearer token; {@code null} turns authentication off. */
    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, key, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withMaxBodyBytes(int bytes) {
        return new ServerConfig(host, port, apiKey, bytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withMaxDocuments(int documents) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, documents, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withThreads(int workers) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, workers, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withQueueCapacity(int waiting) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, waiting,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                grace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withReadTimeout(Duration timeout) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, timeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    /** {@link Duration#ZERO} for no limit. */
    public ServerConfig withRequestTimeout(Duration timeout) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, timeout, maxConnections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withMaxConnections(int connections) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, connections, insecureNoKey, allowedHosts, tls);
    }

    public ServerConfig withInsecureNoKey(boolean allowed) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, allowed, allowedHosts, tls);
    }

    public ServerConfig withAllowedHosts(List<String> names) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, names, tls);
    }

    /** {@code null} for plain HTTP. */
    public ServerConfig withTls(Tls keystore) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace, readTimeout, requestTimeout, maxConnections, insecureNoKey, allowedHosts, keystore);
    }

    public boolean requiresKey() {
        return apiKey != null;
    }

    /** Whether {@link #host()} is a loopback address (so only this machine can reach the server). */
    public boolean loopbackOnly() {
        return isLoopback(host);
    }

    /** Whether {@code host} names a loopback address; an unresolvable name is not. */
    public static boolean isLoopback(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Everything but the key and the keystore password, which show only as set or not. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxDocuments=" + maxDocuments + ", threads=" + threads
                + ", queueCapacity=" + queueCapacity + ", shutdownGrace=" + shutdownGrace + ", readTimeout="
                + readTimeout + ", requestTimeout=" + requestTimeout + ", maxConnections=" + maxConnections
                + ", insecureNoKey=" + insecureNoKey + ", allowedHosts=" + allowedHosts + ", tls="
                + (tls == null ? "none" : tls) + "]";
    }
}
