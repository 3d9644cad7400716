package io.rerankworkbench.retrieve.engine;

import java.util.Objects;

/**
 * A search engine's password or API key, held in memory. Its text is reachable only through {@link #reveal()}, which
 * the client calls when it sets the auth header; {@link #toString()} is a mask, so it never reaches a log line or a
 * message by accident.
 */
public final class EngineSecret {

    private final String value;

    private EngineSecret(String value) {
        this.value = value;
    }

    /**
     * A secret from text as the user entered it (a password may hold spaces and any letter; only line breaks and
     * other control characters, which would break the header, are refused).
     *
     * @throws IllegalArgumentException without quoting the text
     */
    public static EngineSecret of(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.strip().isEmpty() ? "" : value.replaceAll("^[\\r\\n]+|[\\r\\n]+$", "");
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the password or key is empty");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException("the password or key contains a control character or line break "
                        + "at position " + (i + 1));
            }
        }
        return new EngineSecret(v);
    }

    /** The text, for the auth header only. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this secret masked, for engine messages that might echo it. */
    public String scrub(String text) {
        return text == null || value.length() < 4 ? text : text.replace(value, "***");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineSecret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "EngineSecret[***]";
    }
}
