package io.rerankworkbench.retrieve.engine;

import okhttp3.HttpUrl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One of the user's search engines: where it is, how to ask it and which fields hold a document's id, title and text.
 * It holds how it authenticates but never the password or key ({@link EngineSecret}, kept like reranker keys), so a
 * config can be saved, shown and logged as it is.
 *
 * @param baseUrl    the server root, e.g. {@code http://localhost:8983/solr} or {@code https://es.example:9200}
 * @param target     the Solr collection (or core), or the OpenSearch/Elasticsearch index (a comma list or alias works)
 * @param template   Solr: request parameters {@code name=value&...}; OpenSearch/Elasticsearch: the JSON request body.
 *                   {@code {{query}}} marks where the query text goes. Blank: the kind's default template
 * @param idField    the field with the document id ({@code _id} for OpenSearch/Elasticsearch's own id)
 * @param titleField the title field, or blank when documents have none
 * @param textField  the field with the document text
 * @param depth      how many hits to ask for by default
 * @param username   the user for {@link EngineAuth#BASIC} (and OpenSearch API keys); blank otherwise
 * @param timeout    the longest a whole request may take (connecting is given at most 10 s of it)
 */
public record SearchEngineConfig(String name, SearchEngineKind kind, String baseUrl, String target, String template,
                                 String idField, String titleField, String textField, int depth, EngineAuth auth,
                                 String username, Duration timeout) {

    /** The most hits one request may ask for (Elasticsearch's and OpenSearch's default result window). */
    public static final int MAX_DEPTH = 10_000;
    public static final int DEFAULT_DEPTH = 100;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Where the query text goes in a template. */
    public static final String QUERY_MARK = "{{query}}";

    public SearchEngineConfig {
        name = strip(name);
        Objects.requireNonNull(kind, "kind");
        baseUrl = strip(baseUrl);
        target = strip(target);
        template = template == null || template.isBlank() ? kind.defaultTemplate() : template.strip();
        idField = strip(idField);
        titleField = strip(titleField);
        textField = strip(textField);
        auth = auth == null ? EngineAuth.NONE : auth;
        username = strip(username);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** A config with the usual field names ({@code id}, {@code title}, {@code text}), no auth and default depth. */
    public static SearchEngineConfig of(String name, SearchEngineKind kind, String baseUrl, String target) {
        return new SearchEngineConfig(name, kind, baseUrl, target, null, kind == SearchEngineKind.SOLR ? "id" : "_id",
                "title", "text", DEFAULT_DEPTH, EngineAuth.NONE, "", DEFAULT_TIMEOUT);
    }

    /**
     * What is wrong with this config, each message starting with the field it is about ("Base URL: ..."); empty when
     * it can be used.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("Name: give the search engine a name");
        }
        String urlProblem = urlProblem(baseUrl);
        if (urlProblem != null) {
            out.add("Base URL: " + urlProblem);
        }
        String targetLabel = capitalized(kind.targetLabel());
        if (target.isEmpty()) {
            out.add(targetLabel + ": name the " + kind.targetLabel() + " to search");
        } else if (target.contains("/") || target.contains("?") || target.contains("#") || target.contains(" ")) {
            out.add(targetLabel + ": \"" + target + "\" is not a " + kind.targetLabel()
                    + " name (no /, ?, # or spaces)");
        }
        String t = kind == SearchEngineKind.SOLR ? SolrProtocol.templateProblem(template)
                : ElasticProtocol.templateProblem(template);
        if (t != null) {
            out.add("Template: " + t);
        }
        if (idField.isEmpty()) {
            out.add("Id field: name the field that holds the document id");
        }
        if (textField.isEmpty()) {
            out.add("Text field: name the field that holds the document text");
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            out.add("Depth: " + depth + " is out of range (1-" + MAX_DEPTH + ")");
        }
        if (usesUser() && username.isEmpty()) {
            out.add("User: basic authentication needs a user name");
        }
        if (username.contains(":")) {
            out.add("User: a user name cannot contain \":\"");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            out.add("Timeout: must be longer than zero");
        }
        return out;
    }

    /**
     * This config when it has no problems.
     *
     * @throws IllegalArgumentException with every problem, one per line
     */
    public SearchEngineConfig validated() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", p));
        }
        return this;
    }

    /** Whether requests carry a user name: basic auth, and API keys on OpenSearch (sent as basic auth). */
    public boolean usesUser() {
        return auth == EngineAuth.BASIC || (auth == EngineAuth.API_KEY && kind == SearchEngineKind.OPENSEARCH);
    }

    /** The base URL without user info, query or trailing slash: for messages. */
    public String displayUrl() {
        HttpUrl url = HttpUrl.parse(baseUrl);
        if (url == null) {
            return baseUrl;
        }
        String s = url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** "Search engine "name" (url/target)": how messages name this endpoint. */
    public String describe() {
        return "search engine \"" + name + "\" (" + displayUrl() + "/" + target + ")";
    }

    public SearchEngineConfig withName(String newName) {
        return new SearchEngineConfig(newName, kind, baseUrl, target, template, idField, titleField, textField, depth,
                auth, username, timeout);
    }

    public SearchEngineConfig withTimeout(Duration newTimeout) {
        return new SearchEngineConfig(name, kind, baseUrl, target, template, idField, titleField, textField, depth,
                auth, username, newTimeout);
    }

    private static String urlProblem(String url) {
        if (url.isEmpty()) {
            return "enter the server's address, e.g. http://localhost:8983/solr or https://localhost:9200";
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return "\"" + url + "\" must start with http:// or https://";
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return "\"" + url + "\" is not a valid URL";
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            return "put the user and password under authentication, not in the URL";
        }
        if (parsed.query() != null || parsed.fragment() != null) {
            return "the address must not have a ?query or #fragment";
        }
        return null;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
