package io.rerankworkbench.retrieve.engine;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Solr's {@code /select}: the template's parameters with the query substituted, then {@code rows}, {@code fl} and
 * {@code wt} set by the client; hits from {@code response.docs}, errors from {@code error.msg}.
 */
final class SolrProtocol {

    /** Parameters the client sets itself; a template's values for them are replaced. */
    private static final Set<String> OWN = Set.of("rows", "fl", "wt", "start");
    /** Longer URLs go as a form POST, which Solr's /select accepts the same way (proxies cap URL length). */
    private static final int MAX_GET_URL = 4000;

    private SolrProtocol() {
    }

    /** A parameter of the template, in order; names may repeat ({@code fq}). */
    record Param(String name, String value) {
    }

    /** The template's parameters: {@code name=value} pairs joined by {@code &}, written as plain text (not encoded). */
    static List<Param> parse(String template) {
        List<Param> out = new ArrayList<>();
        for (String pair : template.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            out.add(new Param(name, eq < 0 ? "" : pair.substring(eq + 1)));
        }
        return out;
    }

    static String templateProblem(String template) {
        if (!template.contains(SearchEngineConfig.QUERY_MARK)) {
            return "put " + SearchEngineConfig.QUERY_MARK + " where the query goes, e.g. q="
                    + SearchEngineConfig.QUERY_MARK;
        }
        for (Param p : parse(template)) {
            if (p.name().isEmpty()) {
                return "a parameter has no name (write name=value pairs joined by &)";
            }
            if (p.name().contains(SearchEngineConfig.QUERY_MARK)) {
                return SearchEngineConfig.QUERY_MARK + " can only stand in a value, not in the name \"" + p.name()
                        + "\"";
            }
        }
        return null;
    }

    static HttpUrl selectUrl(SearchEngineConfig config) {
        HttpUrl base = HttpUrl.get(config.baseUrl());
        return base.newBuilder().addPathSegment(config.target()).addPathSegment("select").query(null).build();
    }

    /** The request: GET with the parameters in the URL, or a form POST when the URL would be long. */
    static Request request(SearchEngineConfig config, String query, int depth) {
        List<Param> params = new ArrayList<>();
        for (Param p : parse(config.template())) {
            if (!OWN.contains(p.name().toLowerCase(Locale.ROOT))) {
                params.add(new Param(p.name(), p.value().replace(SearchEngineConfig.QUERY_MARK, query)));
            }
        }
        params.add(new Param("rows", Integer.toString(depth)));
        params.add(new Param("fl", String.join(",", fields(config)) + ",score"));
        params.add(new Param("wt", "json"));
        HttpUrl select = selectUrl(config);
        HttpUrl.Builder get = select.newBuilder();
        params.forEach(p -> get.addQueryParameter(p.name(), p.value()));
        HttpUrl url = get.build();
        if (url.toString().length() <= MAX_GET_URL) {
            return new Request.Builder().url(url).get().header("Accept", "application/json").build();
        }
        FormBody.Builder form = new FormBody.Builder();
        params.forEach(p -> form.add(p.name(), p.value()));
        return new Request.Builder().url(select).post(form.build()).header("Accept", "application/json").build();
    }

    private static Set<String> fields(SearchEngineConfig config) {
        Set<String> out = new LinkedHashSet<>();
        out.add(config.idField());
        if (!config.titleField().isEmpty()) {
            out.add(config.titleField());
        }
        out.add(config.textField());
        return out;
    }

    /**
     * The hits of a {@code /select} answer.
     *
     * @throws IllegalArgumentException saying what is missing
     */
    static List<EngineHit> hits(JsonNode root, SearchEngineConfig config) {
        JsonNode docs = root.path("response").path("docs");
        if (!docs.isArray()) {
            throw new IllegalArgumentException("the answer has no response.docs list (is this Solr's /select, with "
                    + "wt=json?)");
        }
        List<EngineHit> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            String id = HitFields.text(doc, config.idField());
            if (id == null) {
                throw new IllegalArgumentException(HitFields.missing(i, config.idField()));
            }
            String text = HitFields.text(doc, config.textField());
            if (text == null) {
                throw new IllegalArgumentException(HitFields.missing(i, config.textField()));
            }
            String title = HitFields.text(doc, config.titleField());
            out.add(new EngineHit(id, title, text, HitFields.score(doc.get("score"))));
        }
        return out;
    }

    /** Solr's own reason for an error answer ({@code error.msg}), or null. */
    static String errorReason(JsonNode root) {
        JsonNode msg = root.path("error").path("msg");
        return msg.isTextual() && !msg.asText().isBlank() ? msg.asText().strip() : null;
    }
}
