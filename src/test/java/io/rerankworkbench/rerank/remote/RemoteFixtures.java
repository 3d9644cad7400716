package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Shared pieces of the remote ranker tests: endpoints on a mock server, fast retries, candidates. */
final class RemoteFixtures {

    /** A key distinctive enough that finding it anywhere means it leaked. */
    static final String SECRET = "fake-key-9f8e7d6c5b4a-SECRET";
    static final ApiKey KEY = ApiKey.of(SECRET);
    static final Query QUERY = new Query("q1", "budget DSLR for beginners");

    /** Retries that wait milliseconds, not seconds; a 20 s budget per run. */
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4),
            Duration.ofSeconds(20));

    private RemoteFixtures() {
    }

    /** {@code n} candidates: doc ids d1..dn, texts doc-0..doc-(n-1). */
    static List<Candidate> candidates(int n) {
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Candidate(i + 1, "d" + (i + 1), "doc-" + i));
        }
        return out;
    }

    /** An endpoint of {@code dialect} on the mock server, with short timeouts. */
    static Endpoint endpoint(Dialect dialect, MockWebServer server) {
        return new Endpoint("test " + dialect.id(), dialect, server.url("/").toString(), null,
                KeyRef.env("UNUSED_IN_TESTS"), EndpointOptions.DEFAULT.withTimeouts(Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    static RemoteHttp http(Consumer<String> logSink) {
        return RemoteHttp.builder().logSink(logSink).build();
    }

    static RemoteReranker reranker(Endpoint endpoint, RemoteHttp http) {
        return reranker(endpoint, http, FAST);
    }

    static RemoteReranker reranker(Endpoint endpoint, RemoteHttp http, RetryPolicy policy) {
        return new RemoteReranker(endpoint, KEY, http, policy, Clock.systemUTC(), System::nanoTime, () -> 0.5);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body)
                .build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(body).build();
    }

    static JsonNode body(RecordedRequest request) {
        try {
            return Wire.JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new AssertionError("request body is not JSON", e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The texts of the documents of a request, whatever the dialect calls them. */
    static List<String> documentTexts(JsonNode body) {
        JsonNode docs = body.has("documents") ? body.get("documents") : body.has("texts") ? body.get("texts")
                : body.has("input") ? body.get("input") : body.has("passages") ? body.get("passages")
                : body.get("candidates");
        List<String> texts = new ArrayList<>();
        for (JsonNode d : docs) {
            texts.add(d.isTextual() ? d.asText() : d.get("text").asText());
        }
        return texts;
    }
}
