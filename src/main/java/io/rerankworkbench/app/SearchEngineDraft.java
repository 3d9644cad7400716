package io.rerankworkbench.app;

/**
 * What the user typed into the search-engine form; {@link SearchEngineService#save} checks and stores it.
 *
 * @param kind           {@code solr}, {@code opensearch} or {@code elasticsearch}
 * @param target         the Solr collection or the index
 * @param template       blank for the kind's default
 * @param titleField     blank when documents have no title
 * @param auth           {@code none}, {@code basic} or {@code api-key}
 * @param secretEnv      an environment variable to read the password or key from; blank to use a stored one
 * @param enteredSecret  a password or key to store; {@code null} or blank keeps the one stored already
 * @param timeoutSeconds the longest one request may take
 */
public record SearchEngineDraft(String name, String kind, String baseUrl, String target, String template,
                                String idField, String titleField, String textField, int depth, String auth,
                                String username, String secretEnv, String enteredSecret, int timeoutSeconds) {
}
