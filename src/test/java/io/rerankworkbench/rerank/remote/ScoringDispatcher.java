package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Cohere-v2-speaking mock server that scores documents named {@code doc-<i>} with {@link #score(int)}, answers in
 * score order like the real providers, and counts how many requests it holds at once. Scripted responses can stand in
 * for the batch that starts at a given document.
 */
final class ScoringDispatcher extends Dispatcher {

    private final Map<Integer, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch together;

    /** A distinct score per document (for i below 10,007) that is not monotone in i. */
    static double score(int i) {
        return ((i * 7919L) % 10007) / 10007.0;
    }

    /** The next request for the batch starting at document {@code first} gets {@code response} (queued in order). */
    ScoringDispatcher script(int first, MockResponse... responses) {
        Deque<MockResponse> queue = scripted.computeIfAbsent(first, k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(responses));
        }
        return this;
    }

    /** The first {@code n} requests are held until all {@code n} have arrived (proves they were in flight at once). */
    ScoringDispatcher holdUntilTogether(int n) {
        together = new CountDownLatch(n);
        return this;
    }

    boolean cameTogether() {
        return together != null && together.getCount() == 0;
    }

    int maxActive() {
        return maxActive.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
        try {
            JsonNode body = RemoteFixtures.body(request);
            bodies.add(body);
            List<String> texts = RemoteFixtures.documentTexts(body);
            int first = Integer.parseInt(texts.get(0).substring("doc-".length()));
            CountDownLatch latch = together;
            if (latch != null && latch.getCount() > 0) {
                latch.countDown();
                latch.await(5, TimeUnit.SECONDS);
            }
            Deque<MockResponse> queue = scripted.get(first);
            if (queue != null) {
                synchronized (queue) {
                    if (!queue.isEmpty()) {
                        return queue.poll();
                    }
                }
            }
            return RemoteFixtures.json(200, scored(texts, body.path("top_n").asInt(texts.size())));
        } finally {
            active.decrementAndGet();
        }
    }

    private static String scored(List<String> texts, int topN) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> score(doc(texts.get(i)))).reversed());
        ObjectNode root = Wire.JSON.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (int i : order.subList(0, Math.min(topN, order.size()))) {
            results.addObject().put("index", i).put("relevance_score", score(doc(texts.get(i))));
        }
        root.putObject("meta").putObject("billed_units").put("search_units", (texts.size() + 99) / 100);
        return root.toString();
    }

    private static int doc(String text) {
        return Integer.parseInt(text.substring("doc-".length()));
    }
}
