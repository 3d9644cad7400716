package io.rerankworkbench.rerank.remote;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an endpoint's API key comes from — never the key itself, so an endpoint can be saved, logged and shown.
 * Resolved by {@link Secrets}.
 */
public sealed interface KeyRef {

    /** The endpoint needs no key (a local TEI or NIM server without {@code --api-key}). */
    KeyRef NONE = new None();

    /** An environment variable, e.g. {@code COHERE_API_KEY}. */
    static KeyRef env(String name) {
        return new EnvVar(name);
    }

    /** An entry of the credential store, under an id the user chose (e.g. the endpoint's name). */
    static KeyRef stored(String id) {
        return new Stored(id);
    }

    /** What the user sees, e.g. {@code $COHERE_API_KEY} or {@code stored key "cohere-prod"}. */
    String describe();

    /** No key is sent. */
    record None() implements KeyRef {
        @Override
        public String describe() {
            return "no key";
        }
    }

    /** The key is the value of an environment variable. */
    record EnvVar(String name) implements KeyRef {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public EnvVar {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an environment variable name: \"" + name + "\"");
            }
        }

        @Override
        public String describe() {
            return "$" + name;
        }
    }

    /** The key is kept in the credential store under {@code id}. */
    record Stored(String id) implements KeyRef {
        public Stored {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("the stored key's id is blank");
            }
        }

        @Override
        public String describe() {
            return "stored key \"" + id + "\"";
        }
    }
}
