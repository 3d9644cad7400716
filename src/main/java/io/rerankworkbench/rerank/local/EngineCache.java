package io.rerankworkbench.rerank.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Memory-bounded cache of model outputs: bi-encoder embeddings keyed by (model, text hash) and cross-encoder logits
 * keyed by (model, hash of query and text). A second query over the same candidates then costs one query encoding
 * and dot products. Entries are evicted by size (least recently and least frequently used first).
 *
 * <p>Texts are keyed by the first 128 bits of their SHA-256, so the cache never holds document text.
 */
public final class EngineCache {

    /** What was computed for one text or pair: an embedding or logits, and how many tokens truncation cut. */
    record Entry(float[] values, int tokensDropped) {
    }

    record Key(String model, long high, long low) {
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    });

    private final Cache<Key, Entry> cache;

    public EngineCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((Key k, Entry e) -> 64 + k.model().length() * 2 + e.values().length * 4)
                .build();
    }

    static Key key(String model, String text) {
        byte[] digest = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(digest);
        return new Key(model, b.getLong(), b.getLong());
    }

    static Key key(String model, String query, String text) {
        return key(model, query + '\u0000' + text);
    }

    Entry get(Key key) {
        return cache.getIfPresent(key);
    }

    void put(Key key, Entry entry) {
        cache.put(key, entry);
    }

    /** Entries currently held (approximate while evictions are pending). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public void clear() {
        cache.invalidateAll();
    }
}
