package io.rerankworkbench.retrieve.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenSearch's and Elasticsearch's {@code _search}: the JSON template with the query substituted as JSON string
 * content, then {@code size} and {@code _source} set by the client; hits from {@code hits.hits}, errors from
 * {@code error.reason} and {@code error.root_cause}.
 */
final class ElasticProtocol {

    static final String DEFAULT_TEMPLATE =
            "{\"query\":{\"multi_match\":{\"query\":\"{{query}}\",\"fields\":[\"title\",\"text\"]}}}";
    /** The engine's own id, outside {@code _source}. */
    static final String ID = "_id";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private ElasticProtocol() {
    }

    static String templateProblem(String template) {
        if (!template.contains(SearchEngineConfig.QUERY_MARK)) {
            return "put \"" + SearchEngineConfig.QUERY_MARK + "\" where the query goes, e.g. {\"query\":{\"match\":"
                    + "{\"text\":\"" + SearchEngineConfig.QUERY_MARK + "\"}}}";
        }
        try {
            body(template, "a \"quoted\" \\ query");
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The template with {@code query} substituted as the content of a JSON string (quotes, backslashes and control
     * characters escaped), parsed.
     *
     * @throws IllegalArgumentException when the result is not a JSON object
     */
    static ObjectNode body(String template, String query) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(query));
        String text = template.replace(SearchEngineConfig.QUERY_MARK, escaped);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON after putting in the query (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage() + "); " + SearchEngineConfig.QUERY_MARK + " belongs inside quotes");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object {...}");
        }
        return (ObjectNode) node;
    }

    static HttpUrl searchUrl(SearchEngineConfig config) {
        return HttpUrl.get(config.baseUrl()).newBuilder().addPathSegment(config.target()).addPathSegment("_search")
                .query(null).build();
    }

    /** The POST: the substituted template with {@code size} = depth and {@code _source} = the mapped fields. */
    static Request request(SearchEngineConfig config, String query, int depth) {
        ObjectNode body = body(config.template(), query);
        body.put("size", depth);
        ArrayNode source = body.putArray("_source");
        sourceFields(config).forEach(source::add);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Request.Builder().url(searchUrl(config)).post(RequestBody.create(bytes, JSON_TYPE))
                .header("Accept", "application/json").build();
    }

    private static Set<String> sourceFields(SearchEngineConfig config) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : List.of(config.idField(), config.titleField(), config.textField())) {
            if (!f.isEmpty() && !f.equals(ID)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The hits of a {@code _search} answer.
     *
     * @throws IllegalArgumentException saying what is missing
     */
    static List<EngineHit> hits(JsonNode root, SearchEngineConfig config) {
        JsonNode hits = root.path("hits").path("hits");
        if (!hits.isArray()) {
            throw new IllegalArgumentException("the answer has no hits.hits list (is this a _search endpoint?)");
        }
        List<EngineHit> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            JsonNode hit = hits.get(i);
            JsonNode source = hit.path("_source");
            String id = config.idField().equals(ID) ? HitFields.text(hit, ID) : HitFields.text(source, config.idField());
            if (id == null) {
                throw new IllegalArgumentException(HitFields.missing(i, config.idField()));
            }
            String text = HitFields.text(source, config.textField());
            if (text == null) {
                throw new IllegalArgumentException(HitFields.missing(i, config.textField()));
            }
            String title = HitFields.text(source, config.titleField());
            out.add(new EngineHit(id, title, text, HitFields.score(hit.get("_score"))));
        }
        return out;
    }

    /** The engine's own reason: {@code error.reason}, with the first root cause's when it says more; or null. */
    static String errorReason(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        String reason = text(error.path("reason"));
        String type = text(error.path("type"));
        JsonNode cause = error.path("root_cause").path(0);
        String causeReason = text(cause.path("reason"));
        String out = reason != null ? reason : causeReason;
        if (out == null) {
            return null;
        }
        if (causeReason != null && reason != null && !reason.contains(causeReason)) {
            out += " (" + causeReason + ")";
        }
        return type != null ? type + ": " + out : out;
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
    }
}
