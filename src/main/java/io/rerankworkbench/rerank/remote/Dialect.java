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

    /**
     * Whether other servers copy this API (vLLM, Infinity and LocalAI copy Cohere's): pointed anywhere but the
     * provider's host, such a dialect sends no default model and takes the copier's options.
     */
    default boolean copiedByOtherServers() {
        return false;
    }

    /** Whether a request without a model is refused. */
    default boolean modelRequired() {
        return false;
    }

    /** Documents per request when the endpoint does not say: the provider's cap or recommendation. */
    int defaultMaxDocuments();

    /**
     * The most tokens one request may hold, counted as the provider counts them (Voyage: query tokens × documents +
     * document tokens); empty when the provider documents no such budget. Batches are sized to stay under it.
     */
    default java.util.OptionalLong requestTokenBudget(String model) {
        return java.util.OptionalLong.empty();
    }

    /** The most tokens a query may have for {@code model}; empty when not documented. */
    default java.util.OptionalInt maxQueryTokens(String model) {
        return java.util.OptionalInt.empty();
    }

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
     * @param options         the endpoint's provider options that this dialect knows (see {@link #options()})
     */
    record Request(String model, String query, List<String> documents, Integer topN, Integer maxTokensPerDoc,
                   Map<String, String> options) {
        public Request {
            Objects.requireNonNull(query, "query");
            documents = List.copyOf(documents);
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        public Request(String model, String query, List<String> documents, Integer topN, Integer maxTokensPerDoc) {
            this(model, query, documents, topN, maxTokensPerDoc, Map.of());
        }

        /** The endpoint's provider option {@code name}, if set. */
        public Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
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

    /**
     * A provider option an endpoint may set (see {@link #options(boolean)}): only the options its dialect lists are
     * ever sent, so a provider never receives a field it does not know.
     *
     * @param values the values allowed, or empty for a whole number from {@code min} to {@code max}
     */
    record Option(String name, String description, List<String> values, int min, int max) {
        public Option {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }

        static Option choice(String name, String description, String... values) {
            return new Option(name, description, List.of(values), 0, 0);
        }

        static Option number(String name, String description, int min, int max) {
            return new Option(name, description, List.of(), min, max);
        }

        /** Why {@code value} is not allowed, or empty when it is. */
        public Optional<String> problem(String value) {
            if (!values.isEmpty()) {
                return values.contains(value) ? Optional.empty()
                        : Optional.of(name + " must be " + String.join(" or ", values) + ", not \"" + value + "\"");
            }
            try {
                int n = Integer.parseInt(value.strip());
                return n >= min && n <= max ? Optional.empty()
                        : Optional.of(name + " must be from " + min + " to " + max + ", not " + n);
            } catch (NumberFormatException e) {
                return Optional.of(name + " must be a whole number, not \"" + value + "\"");
            }
        }

        /** "truncate=END|NONE", "priority=0…999". */
        public String usage() {
            return name + "=" + (values.isEmpty() ? min + "…" + max : String.join("|", values));
        }
    }

    /**
     * The provider options this dialect sends when an endpoint sets them.
     *
     * @param providerHost whether the endpoint is the provider's own public host (Cohere's dialects also reach vLLM,
     *                     whose extra fields Cohere would refuse)
     */
    default List<Option> options(boolean providerHost) {
        return List.of();
    }

    /** {@code option} as a boolean request field, null (left out) when unset. */
    private static Boolean flag(Request r, String option) {
        return r.option(option).map(Boolean::parseBoolean).orElse(null);
    }

    /** {@code option} as a whole-number request field, null (left out) when unset. */
    private static Integer number(Request r, String option) {
        return r.option(option).map(v -> Integer.parseInt(v.strip())).orElse(null);
    }

    /** vLLM's extensions of Cohere's rerank request, for Cohere dialects pointed at a vLLM server. */
    List<Option> VLLM_OPTIONS = List.of(
            Option.choice("use_activation", "false: raw logits instead of sigmoid scores (vLLM)", "true", "false"),
            Option.number("max_tokens_per_query", "truncate the query to this many tokens (vLLM)", 1, 1_000_000));

    // ---------------------------------------------------------------------------------------------------------

    /** Cohere {@code POST /v2/rerank}: model required, string documents, {@code max_tokens_per_doc}. */
    record CohereV2() implements Dialect {
        @Override
        public boolean copiedByOtherServers() {
            return true;
        }

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

        /** Cohere's own host: {@code priority}; a server that copies the API (vLLM): vLLM's extra fields. */
        @Override
        public List<Option> options(boolean providerHost) {
            return providerHost ? List.of(Option.number("priority",
                    "request priority, 0 (default) to 999; lower is handled first", 0, 999)) : VLLM_OPTIONS;
        }

        public Object requestBody(Request r) {
            return new Wire.CohereV2Request(r.model(), r.query(), r.documents(), r.topN(), r.maxTokensPerDoc(),
                    Dialect.number(r, "priority"), Dialect.flag(r, "use_activation"),
                    Dialect.number(r, "max_tokens_per_query"));
        }

        public String resultsPointer() {
            return "/results";
        }
    }

    /** Cohere {@code POST /v1/rerank}: model optional, {@code return_documents=false}. */
    record CohereV1() implements Dialect {
        @Override
        public boolean copiedByOtherServers() {
            return true;
        }

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

        /**
         * Documents × {@code max_chunks_per_doc} must stay under 10,000 (the API reference; its default is 10, so a
         * full batch of 1,000 would be at the limit): sent explicitly, as many chunks as keep a batch under it, at
         * most the default 10.
         */
        public Object requestBody(Request r) {
            int chunks = Math.max(1, Math.min(10, (MAX_CHUNKS_TIMES_DOCUMENTS - 1) / Math.max(1,
                    r.documents().size())));
            return new Wire.CohereV1Request(r.model(), r.query(), r.documents(), r.topN(), false, chunks,
                    Dialect.flag(r, "use_activation"), Dialect.number(r, "max_tokens_per_query"));
        }

        @Override
        public List<Option> options(boolean providerHost) {
            return providerHost ? List.of() : VLLM_OPTIONS;
        }

        /** The bound on documents × chunks per document. */
        static final int MAX_CHUNKS_TIMES_DOCUMENTS = 10_000;

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

        /** Voyage's cap: 1,000 documents (and a whole-request token budget, {@link #requestTokenBudget}). */
        public int defaultMaxDocuments() {
            return 1000;
        }

        /**
         * Voyage's reranker reference: query tokens × documents + document tokens at most 600,000 (300,000 for
         * rerank-1 and rerank-lite-1).
         */
        @Override
        public java.util.OptionalLong requestTokenBudget(String model) {
            String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
            return java.util.OptionalLong.of(m.equals("rerank-1") || m.equals("rerank-lite-1") ? 300_000 : 600_000);
        }

        /** rerank-2.5 and rerank-2.5-lite take queries of at most 8,000 tokens. */
        @Override
        public java.util.OptionalInt maxQueryTokens(String model) {
            String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
            return m.startsWith("rerank-2.5") ? java.util.OptionalInt.of(8_000) : java.util.OptionalInt.empty();
        }

        @Override
        public List<Option> options(boolean providerHost) {
            return List.of(Option.choice("truncation",
                    "false: refuse over-long inputs instead of cutting them silently", "true", "false"));
        }

        public Object requestBody(Request r) {
            return new Wire.VoyageRequest(r.model(), r.query(), r.documents(), r.topN(), false,
                    Dialect.flag(r, "truncation"));
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

        @Override
        public List<Option> options(boolean providerHost) {
            return List.of(Option.choice("rewrite_query", "true: let the model rewrite the query first", "true",
                    "false"));
        }

        public Object requestBody(Request r) {
            return new Wire.MixedbreadRequest(r.model(), r.query(), r.documents(), r.topN(), false,
                    Dialect.flag(r, "rewrite_query"));
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
        /**
         * The API version this client was written against: the newest stable one (2026-04; 2025-10 has the same
         * rerank schema). Sent in {@code X-Pinecone-Api-Version} and nowhere else.
         */
        public static final String API_VERSION = "2026-04";
        /** Over-long query + document pairs are cut at the end (Pinecone's default, NONE, refuses the batch). */
        public static final String DEFAULT_TRUNCATE = "END";

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

        @Override
        public List<Option> options(boolean providerHost) {
            return List.of(Option.choice("truncate", "END (default): cut over-long pairs; NONE: refuse them",
                    "END", "NONE"));
        }

        public Object requestBody(Request r) {
            String truncate = r.option("truncate").orElse(DEFAULT_TRUNCATE);
            return new Wire.PineconeRequest(r.model(), r.query(), Wire.TextItem.all(r.documents()), r.topN(), false,
                    new Wire.PineconeParameters(truncate));
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
            return new Wire.TeiRequest(r.query(), r.documents(), Boolean.TRUE,
                    r.option("raw_scores").map(Boolean::parseBoolean).orElse(false), false,
                    r.option("truncation_direction").orElse(null));
        }

        @Override
        public List<Option> options(boolean providerHost) {
            return List.of(Option.choice("raw_scores", "true: logits instead of sigmoid scores (no saturation)",
                    "true", "false"), Option.choice("truncation_direction", "which end of an over-long text is cut",
                    "Right", "Left"));
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
