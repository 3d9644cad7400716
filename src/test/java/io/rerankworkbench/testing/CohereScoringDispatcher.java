package io.rerankworkbench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * A scripted Cohere v2 rerank server for MockWebServer: scores every document of a request with a function of its
 * text (so a test knows each score exactly), bills one search unit per request, and counts what was sent.
 */
public final class CohereScoringDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Score = 0.1 + 0.3 if "Paris" + 0.2 if "capital" + 0.05 if "France": each word's occlusion drop is known. */
    public static double parisScore(String text) {
        return 0.1 + (text.contains("Paris") ? 0.3 : 0) + (text.contains("capital") ? 0.2 : 0)
                + (text.contains("France") ? 0.05 : 0);
    }

    private final ToDoubleFunction<String> score;
    /** Requests answered (failed ones included). */
    public final AtomicInteger requests = new AtomicInteger();
    /** Documents in each scored request, in order. */
    public final List<Integer> documentsPerRequest = new CopyOnWriteArrayList<>();
    /** Answers 400 to this request (1-based), 0 for none. */
    public volatile int failRequest;
    /** Answers 401 to requests that carry this key (as a provider does for a revoked key); null for none. */
    public volatile String rejectedKey;

    public CohereScoringDispatcher(ToDoubleFunction<String> score) {
        this.score = score;
    }

    /** Documents scored over all requests. */
    public int documentsSent() {
        return documentsPerRequest.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        int n = requests.incrementAndGet();
        String key = rejectedKey;
        String authorization = request.getHeaders().get("Authorization");
        if (key != null && authorization != null && authorization.contains(key)) {
            return json(401, "{\"message\":\"invalid api token\"}");
        }
        if (n == failRequest) {
            return json(400, "{\"message\":\"too many tokens\"}");
        }
        try {
            JsonNode body = JSON.readTree(request.getBody().utf8());
            ArrayNode results = JSON.createArrayNode();
            int i = 0;
            for (JsonNode d : body.path("documents")) {
                String text = d.isTextual() ? d.asText() : d.path("text").asText();
                ObjectNode r = results.addObject();
                r.put("index", i++);
                r.put("relevance_score", score.applyAsDouble(text));
            }
            documentsPerRequest.add(i);
            ObjectNode out = JSON.createObjectNode();
            out.put("id", "x");
            out.set("results", results);
            out.putObject("meta").putObject("billed_units").put("search_units", 1);
            return json(200, out.toString());
        } catch (IOException e) {
            return json(500, "{\"message\":\"" + e.getMessage() + "\"}");
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
