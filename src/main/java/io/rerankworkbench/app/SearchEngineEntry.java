package io.rerankworkbench.app;

/**
 * A saved search engine as the window shows it (never its password or key).
 *
 * @param kind          the kind's id ({@code solr}, ...); {@code kindName} its display name
 * @param target        the Solr collection or the index; {@code targetLabel} says which ("collection", "index")
 * @param auth          {@code none}, {@code basic} or {@code api-key}
 * @param secretEnv     the environment variable the secret is read from, or blank when it is stored
 * @param secretStatus  for the user: "none", "stored", "from $X", "missing (...)"
 * @param secretMissing whether requests would fail for want of a secret
 * @param location      the address with the collection or index, without user info, for lists and messages
 */
public record SearchEngineEntry(String name, String kind, String kindName, String baseUrl, String target,
                                String targetLabel, String template, String idField, String titleField,
                                String textField, int depth, String auth, String username, String secretEnv,
                                String secretStatus, boolean secretMissing, int timeoutSeconds, String location) {
}
