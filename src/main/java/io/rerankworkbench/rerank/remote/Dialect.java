package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one provider's rerank API looks on the wire: path, auth header, request body, response shape, limits. Facts
 * come from REMOTE_APIS.md. Dialects are values: compare with {@code equals}, persist by {@link #id()}.
 *
 * <p>Servers that copy Cohere's protocol (vLLM {@code /v1/rerank} and {@code /v2/rerank}, Infinity, LocalAI) are
 * reached with {@link CohereV1} or {@link CohereV2} and their own base URL.
 */
public sealed interface Dialect {

    CohereV2 COHERE_V2 = new CohereV2();
    CohereV1 COHERE_V1 = new CohereV1();
    Jina JINA = new Jina();
    Voyage VOYAGE = new Voyage();
    Mixedbread MIXEDBREAD = new Mixedbread();
    Pinecone PINECONE = new Pinecone();
    Tei TEI = new Tei();
    Nim NIM = new Nim();

    /** The built-in dialects, the default (Cohere v2) first. {@link CustomJson} is made per endpoint. */
    static List<Dialect> builtIns() {
        return List.of(COHERE_V2, COHERE_V1, JINA, VOYAGE, MIXEDBREAD, PINECONE, TEI, NIM);
    }

    /**
     * The dialect with this {@link #id()}.
     *
     * @param custom the fields of a {@code custom-json} dialect; ignored for the others
     * @throws IllegalArgumentException for an unknown id, or {@code custom-json} without fields
     */
    static Dialect byId(String id, CustomJsonFields custom) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals(CustomJson.ID)) {
            if (custom == null) {
                throw new IllegalArgumentException("the custom-json dialect needs its field configuration");
            }
            return new CustomJson(custom);
        }
        return builtIns().stream().filter(d -> d.id().equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown provider \"" + id + "\"; known: " + String.join(", ",
                        builtIns().stream().map(Dialect::id).toList()) + ", " + CustomJson.ID));
    }

    /** Stable identifier for files and the command line, e.g. {@code cohere-v2}. */
    String id();

    /** Name shown to users and in messages, e.g. "Cohere v2". */
    String displayName();

    /** The provider's public base URL; empty for self-hosted servers (TEI, NIM, custom). */
    default Optional<String> defaultBaseUrl() {
        return Optional.empty();
    }

    /** Path appended to the base URL, e.g. {@code /v2/rerank}. */
    String path();

    /** The header that carries the key. */
    default Auth auth() {
        return Auth.BEARER;
    }

    /** Headers every request carries besides auth and content type (e.g. Pinecone's API version). */
    default Map<String, String> extraHeaders() {
        return Map.of();
    }

    /** Environment variables that may hold the key, the conventional one first; empty when there is none. */
    List<String> keyEnvVars();

    /** Whether the provider refuses requests without a key (self-hosted servers usually need none). */
    default boolean keyRequired() {
        return true;
    }

    /** A model to offer when the user has not chosen one; empty when the request has no model field. */
    default Optional<String> defaultModel() {
        return Optional.empty();
    }

    /** Whether a request without a model is refused. */
    default boolean modelRequired() {
        return false;
    }

    /** Documents per request when the endpoint does not say: the provider's cap or recommendation. */
    int defaultMaxDocuments();

    /** Whether the request can carry a per-document token limit ({@code max_tokens_per_doc}). */
    default boolean supportsMaxTokensPerDoc() {
        return false;
    }

    /** Whether the request can carry a cut-off ({@code top_n}/{@code top_k}). */
    default boolean supportsTopN() {
        return true;
    }

    /**
     * Whether {@code model} scores documents jointly, so that scores from different requests are not comparable
     * and a candidate set split into batches is ranked only approximately.
     */
    default boolean listwise(String model) {
        return false;
    }

    /** Whether the provider reports Cohere search units (what {@link CostEstimate} estimates). */
    default boolean billsSearchUnits() {
        return false;
    }

    /** The request body for one batch: a wire record or a JSON tree, serialized as is. */
    Object requestBody(Request request);

    /** Pointer to the results array ({@code ""}: the body is the array). */
    String resultsPointer();

    /** Pointer within a result to its index. */
    default String indexPointer() {
        return "/index";
    }

    /** Pointer within a result to its score. */
    default String scorePointer() {
        return "/relevance_score";
    }

    /** Reads a 2xx body: results (unvalidated indices) and billing. */
    default Responses.Parsed parse(JsonNode root, Function<String, String> header) throws Responses.ProtocolProblem {
        return new Responses.Parsed(Responses.results(root, resultsPointer(), indexPointer(), scorePointer()),
                Responses.usage(root, header));
    }

    /**
     * What one request asks for.
     *
     * @param model           the model, or {@code null}
     * @param topN            the cut-off, or {@code null} for all documents (always null when the set was split)
     * @param maxTokensPerDoc per-document token limit, or {@code null}
     */
    record Request(String model, String query, List<String> documents, Integer topN, Integer maxTokensPerDoc) {
        public Request {
            Objects.requireNonNull(query, "query");
            documents = List.copyOf(documents);
        }
    }

    /**
     * The header that carries the key: {@code header: prefix + key}.
     */
    record Auth(String header, String prefix) {
        public static final Auth BEARER = new Auth("Authorization", "Bearer ");

        public Auth {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Cohere {@code POST /v2/rerank}: model required, string documents, {@code max_tokens_per_doc}. */
    record CohereV2() implements Dialect {
        public String id() {
            return "cohere-v2";
        }

        public String displayName() {
            return "Cohere v2";
        }

        @Override
        public Optional<String> defaultBaseUrl() {
            return Optional.of("https://api.cohere.com");
        }

        public String path() {
            return "/v2/rerank";
        }

        public List<String> keyEnvVars() {
            return List.of("COHERE_API_KEY", "CO_API_KEY");
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("rerank-v3.5");
        }

        @Override
        public boolean modelRequired() {
            return true;
        }

        /** Cohere recommends at most 1,000 per call (hard cap 10,000). */
        public int defaultMaxDocuments() {
            return 1000;
        }

        @Override
        public boolean supportsMaxTokensPerDoc() {
            return true;
        }

        @Override
        public boolean billsSearchUnits() {
            return true;
        }

        public Object requestBody(Request r) {
            return new Wire.CohereV2Request(r.model(), r.query(), r.documents(), r.topN(), r.maxTokensPerDoc());
        }

        public String resultsPointer() {
            return "/results";
        }
    }

    /** Cohere {@code POST /v1/rerank}: model optional, {@code return_documents=false}. */
    record CohereV1() implements Dialect {
        public String id() {
            return "cohere-v1";
        }

        public String displayName() {
            return "Cohere v1";
        }

        @Override
        public Optional<String> defaultBaseUrl() {
            return Optional.of("https://api.cohere.com");
        }

        public String path() {
            return "/v1/rerank";
        }

        public List<String> keyEnvVars() {
            return List.of("COHERE_API_KEY", "CO_API_KEY");
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("rerank-english-v3.0");
        }

        public int defaultMaxDocuments() {
            return 1000;
        }

        @Override
        public boolean billsSearchUnits() {
            return true;
        }

        public Object requestBody(Request r) {
            return new Wire.CohereV1Request(r.model(), r.query(), r.documents(), r.topN(), false);
        }

        public String resultsPointer() {
            return "/results";
        }
    }

    /** Jina {@code POST /v1/rerank}; jina-reranker-v3 is listwise. */
    record Jina() implements Dialect {
        public String id() {
            return "jina";
        }

        public String displayName() {
            return "Jina";
        }

        @Override
        public Optional<String> defaultBaseUrl() {
            return Optional.of("https://api.jina.ai");
        }

        public String path() {
            return "/v1/rerank";
        }

        public List<String> keyEnvVars() {
            return List.of("JINA_API_KEY");
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("jina-reranker-v2-base-multilingual");
        }

        @Override
        public boolean modelRequired() {
            return true;
        }

        /** Jina documents no cap; 1,000 keeps requests the size the other providers accept. */
        public int defaultMaxDocuments() {
            return 1000;
        }

        @Override
        public boolean listwise(String model) {
            return model != null && model.toLowerCase(Locale.ROOT).contains("reranker-v3");
        }

        public Object requestBody(Request r) {
            return new Wire.JinaRequest(r.model(), r.query(), r.documents(), r.topN(), false);
        }

        public String resultsPointer() {
            return "/results";
        }
    }

    /** Voyage {@code POST /v1/rerank}: {@code top_k}, results under {@code data}. */
    record Voyage() implements Dialect {
        public String id() {
            return "voyage";
        }

        public String displayName() {
            return "Voyage";
        }

        @Override
        public Optional<String> defaultBaseUrl() {
            return Optional.of("https://api.voyageai.com");
        }

        public String path() {
            return "/v1/rerank";
        }

        public List<String> keyEnvVars() {
            return List.of("VOYAGE_API_KEY");
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("rerank-2.5");
        }

        @Override
        public boolean modelRequired() {
            return true;
        }

        /** Voyage's cap: 1,000 documents (and a whole-request token budget of 300K-600K). */
        public int defaultMaxDocuments() {
            return 1000;
        }

        public Object requestBody(Request r) {
            return new Wire.VoyageRequest(r.model(), r.query(), r.documents(), r.topN(), false);
        }

        public String resultsPointer() {
            return "/data";
        }
    }

    /** Mixedbread {@code POST /v1/reranking}: documents under {@code input}, scores under {@code score}. */
    record Mixedbread() implements Dialect {
        public String id() {
            return "mixedbread";
        }

        public String displayName() {
            return "Mixedbread";
        }

        @Override
        public Optional<String> defaultBaseUrl() {
            return Optional.of("https://api.mixedbread.com");
        }

        public String path() {
            return "/v1/reranking";
        }

        public List<String> keyEnvVars() {
            return List.of("MXBAI_API_KEY");
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("mixedbread-ai/mxbai-rerank-large-v2");
        }

        @Override
        public boolean modelRequired() {
            return true;
        }

        /** Mixedbread's limits are not documented; 1,000 as for Cohere and Voyage. */
        public int defaultMaxDocuments() {
            return 1000;
        }

        public Object requestBody(Request r) {
            return new Wire.MixedbreadRequest(r.model(), r.query(), r.documents(), r.topN(), false);
        }

        public String resultsPointer() {
            return "/data";
        }

        @Override
        public String scorePointer() {
            return "/score";
        }
    }

    /** Pinecone {@code POST /rerank}: {@code Api-Key} header plus an API version; documents as objects. */
    record Pinecone() implements Dialect {
        /** The API version this client was written against. */
        public static final String API_VERSION = "2025-10";

        public String id() {
            return "pinecone";
        }

        public String displayName() {
            return "Pinecone";
        }

        @Override
        public Optional<String> defaultBaseUrl() {
            return Optional.of("https://api.pinecone.io");
        }

        public String path() {
            return "/rerank";
        }

        @Override
        public Auth auth() {
            return new Auth("Api-Key", "");
        }

        @Override
        public Map<String, String> extraHeaders() {
            return Map.of("X-Pinecone-Api-Version", API_VERSION);
        }

        public List<String> keyEnvVars() {
            return List.of("PINECONE_API_KEY");
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("bge-reranker-v2-m3");
        }

        @Override
        public boolean modelRequired() {
            return true;
        }

        /** Model-specific (GET /models/{model} says); about 100 for the hosted rerankers. */
        public int defaultMaxDocuments() {
            return 100;
        }

        public Object requestBody(Request r) {
            return new Wire.PineconeRequest(r.model(), r.query(), Wire.TextItem.all(r.documents()), r.topN(), false);
        }

        public String resultsPointer() {
            return "/data";
        }

        @Override
        public String scorePointer() {
            return "/score";
        }
    }

    /** Hugging Face text-embeddings-inference {@code POST /rerank}: {@code texts}, a bare array back. */
    record Tei() implements Dialect {
        public String id() {
            return "tei";
        }

        public String displayName() {
            return "TEI";
        }

        public String path() {
            return "/rerank";
        }

        public List<String> keyEnvVars() {
            return List.of("TEI_API_KEY");
        }

        @Override
        public boolean keyRequired() {
            return false;
        }

        /** A default server's {@code --max-client-batch-size}. */
        public int defaultMaxDocuments() {
            return 32;
        }

        @Override
        public boolean supportsTopN() {
            return false;
        }

        /** The model is the one the server was started with; over-long texts are truncated, not refused. */
        public Object requestBody(Request r) {
            return new Wire.TeiRequest(r.query(), r.documents(), Boolean.TRUE, false, false);
        }

        public String resultsPointer() {
            return "";
        }

        @Override
        public String scorePointer() {
            return "/score";
        }
    }

    /** NVIDIA NIM {@code POST /v1/ranking}: {@code passages[{text}]}, raw logits under {@code rankings}. */
    record Nim() implements Dialect {
        public String id() {
            return "nim";
        }

        public String displayName() {
            return "NVIDIA NIM";
        }

        public String path() {
            return "/v1/ranking";
        }

        public List<String> keyEnvVars() {
            return List.of("NVIDIA_API_KEY");
        }

        @Override
        public boolean keyRequired() {
            return false;
        }

        @Override
        public Optional<String> defaultModel() {
            return Optional.of("nvidia/llama-nemotron-rerank-1b-v2");
        }

        @Override
        public boolean modelRequired() {
            return true;
        }

        /** The documented passage cap. */
        public int defaultMaxDocuments() {
            return 512;
        }

        @Override
        public boolean supportsTopN() {
            return false;
        }

        /** Over-long passages are cut at the end rather than refused (the server's default, NONE, refuses). */
        public Object requestBody(Request r) {
            return new Wire.NimRequest(r.model(), new Wire.TextItem(r.query()), Wire.TextItem.all(r.documents()),
                    "END");
        }

        public String resultsPointer() {
            return "/rankings";
        }

        @Override
        public String scorePointer() {
            return "/logit";
        }
    }

    /** A server whose JSON the user describes with {@link CustomJsonFields}. */
    record CustomJson(CustomJsonFields fields) implements Dialect {
        public static final String ID = "custom-json";

        public CustomJson {
            Objects.requireNonNull(fields, "fields");
        }

        public String id() {
            return ID;
        }

        public String displayName() {
            return "Custom JSON";
        }

        public String path() {
            return fields.path();
        }

        @Override
        public Auth auth() {
            return new Auth(fields.authHeader(), fields.authPrefix());
        }

        public List<String> keyEnvVars() {
            return List.of();
        }

        @Override
        public boolean keyRequired() {
            return false;
        }

        public int defaultMaxDocuments() {
            return fields.maxDocuments();
        }

        @Override
        public boolean supportsTopN() {
            return fields.topKField() != null;
        }

        @Override
        public boolean listwise(String model) {
            return fields.listwise();
        }

        public Object requestBody(Request r) {
            ObjectNode body = Wire.JSON.createObjectNode();
            if (fields.modelField() != null && r.model() != null) {
                body.put(fields.modelField(), r.model());
            }
            body.put(fields.queryField(), r.query());
            ArrayNode docs = body.putArray(fields.documentsField());
            for (String d : r.documents()) {
                if (fields.documentTextField() == null) {
                    docs.add(d);
                } else {
                    docs.addObject().put(fields.documentTextField(), d);
                }
            }
            if (fields.topKField() != null && r.topN() != null) {
                body.put(fields.topKField(), r.topN());
            }
            return body;
        }

        public String resultsPointer() {
            return fields.resultsPointer();
        }

        @Override
        public String indexPointer() {
            return fields.indexPointer();
        }

        @Override
        public String scorePointer() {
            return fields.scorePointer();
        }
    }
}
