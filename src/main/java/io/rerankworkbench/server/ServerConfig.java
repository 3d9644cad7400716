package io.rerankworkbench.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the rerank server listens and what it accepts.
 *
 * @param host           the address to bind; {@code 127.0.0.1} unless the user asks for another
 * @param port           the TCP port; 0 picks a free one (see {@link RerankServer#port()})
 * @param apiKey         when non-null, every request except {@code GET /health} must carry
 *                       {@code Authorization: Bearer <apiKey>}; never logged, echoed or shown by {@link #toString()}
 * @param maxBodyBytes   request bodies larger than this are refused with 413 without being read further
 * @param maxDocuments   the most documents one request may rank (Cohere's hard cap is 10,000)
 * @param threads        worker threads answering requests; requests beyond these wait in a queue
 * @param queueCapacity  requests that may wait for a worker; connections beyond that are closed unanswered
 * @param shutdownGrace  how long {@link RerankServer#close()} lets running requests finish before cancelling them
 */
public record ServerConfig(String host, int port, String apiKey, int maxBodyBytes, int maxDocuments, int threads,
                           int queueCapacity, Duration shutdownGrace) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8089;
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_DOCUMENTS = 10_000;
    public static final int DEFAULT_THREADS = 4;
    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

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
        if (maxDocuments < 1 || threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxDocuments, threads and queueCapacity must be >= 1");
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
    }

    /** 127.0.0.1:8089, no key, 8 MiB bodies, 10,000 documents, 4 workers, 64 waiting requests, 5 s grace. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DOCUMENTS,
                DEFAULT_THREADS, DEFAULT_QUEUE_CAPACITY, DEFAULT_SHUTDOWN_GRACE);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity,
                shutdownGrace);
    }

    /** A copy that requires {@code key} as a bearer token; {@code null} turns authentication off. */
    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, key, maxBodyBytes, maxDocuments, threads, queueCapacity, shutdownGrace);
    }

    public ServerConfig withMaxBodyBytes(int bytes) {
        return new ServerConfig(host, port, apiKey, bytes, maxDocuments, threads, queueCapacity, shutdownGrace);
    }

    public ServerConfig withMaxDocuments(int documents) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, documents, threads, queueCapacity, shutdownGrace);
    }

    public ServerConfig withThreads(int workers) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, workers, queueCapacity,
                shutdownGrace);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxDocuments, threads, queueCapacity, grace);
    }

    public boolean requiresKey() {
        return apiKey != null;
    }

    /** Everything but the key, which shows only as set or not. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxDocuments=" + maxDocuments + ", threads=" + threads
                + ", queueCapacity=" + queueCapacity + ", shutdownGrace=" + shutdownGrace + "]";
    }
}
