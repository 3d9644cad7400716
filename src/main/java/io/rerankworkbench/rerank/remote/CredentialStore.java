package io.rerankworkbench.rerank.remote;

import java.util.Optional;

/** A place that keeps API keys by id outside the app's own files: the operating system's credential store. */
public interface CredentialStore {

    /** Where keys go, for messages: e.g. "the macOS keychain". */
    String description();

    /** Stores or replaces the key under {@code id}. @throws Exception when the store refuses */
    void put(String id, ApiKey key) throws Exception;

    /** The key under {@code id}, if any. @throws Exception when the store cannot be read */
    Optional<ApiKey> get(String id) throws Exception;

    /** Forgets the key under {@code id}; nothing when there is none. @throws Exception when the store refuses */
    void remove(String id) throws Exception;
}
