package io.rerankworkbench.rerank.remote;

import java.util.Objects;

/**
 * An API key held in memory. Its text is reachable only through {@link #reveal()}, which the transport calls when it
 * sets the auth header; {@link #toString()} is a mask, so a key never reaches a log line, an exception message or a
 * debugger's variable view by accident.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * A key from text, stripped of surrounding whitespace (a pasted key often carries a newline).
     *
     * @throws IllegalArgumentException when it is blank or holds anything but visible ASCII (a space, a line break,
     *                                  a control or non-ASCII character would break or inject into the HTTP header,
     *                                  and OkHttp's complaint about it would quote the key); the message never
     *                                  includes the key
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        String key = value.strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the API key contains a character other than visible ASCII at "
                        + "position " + (i + 1) + " (a space, line break or non-ASCII letter)");
            }
        }
        return new ApiKey(key);
    }

    /** The key's text, for the auth header only. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this key replaced by a mask: for provider messages that echo it. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
