package io.rerankworkbench.cli;

import io.rerankworkbench.app.CustomJsonSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Options that send a command's ranking to a remote rerank API instead of a local model. Mix into a command with
 * {@code @Mixin RemoteOptions remote;}, call {@link #validate(CommandLine)} first thing in {@code call()}, and hand
 * {@link #request()} to the app service that turns it into a remote ranker.
 *
 * <p>Plain values only: the layer rules keep front ends away from {@code rerank.remote}, so the provider id is
 * checked against the dialects by the app service, whose message lists the known ones. The command's own
 * {@code --model} names the remote model. Keys are never options (they would land in shell history and process
 * lists): they come from an environment variable or a key stored with the endpoint.
 */
public final class RemoteOptions {

    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Option(names = "--endpoint", paramLabel = "NAME",
            description = "Rank with a saved remote endpoint (as set up in the app's Endpoints settings).")
    String endpoint;

    @Option(names = "--provider", paramLabel = "ID",
            description = "Rank with a remote API: cohere-v2 (the default with --base-url), cohere-v1, jina, voyage, "
                    + "mixedbread, pinecone, tei, nim, custom-json (see --custom-*). vLLM, Infinity and LocalAI speak "
                    + "cohere-v1/cohere-v2.")
    String provider;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The server root, e.g. http://localhost:8080 (the provider's path is appended); "
                    + "default: the provider's public address.")
    String baseUrl;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the API key (default: the provider's, e.g. COHERE_API_KEY, "
                    + "then CO_API_KEY; JINA_API_KEY; VOYAGE_API_KEY; MXBAI_API_KEY; PINECONE_API_KEY; "
                    + "NVIDIA_API_KEY; TEI_API_KEY).")
    String apiKeyEnv;

    @Option(names = "--no-api-key", description = "Send no key (a local server started without one).")
    boolean noApiKey;

    @Option(names = "--docs-per-request", paramLabel = "N",
            description = "Documents per request (default: the provider's limit, e.g. 1000 for Cohere, 32 for TEI).")
    Integer docsPerRequest;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once (default: 2).")
    Integer concurrency;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            description = "Longest one request may take (default: 120).")
    Integer requestTimeoutSeconds;

    @Option(names = "--max-tokens-per-doc", paramLabel = "N",
            description = "Cohere v2: truncate each document to N tokens (max_tokens_per_doc; Cohere's default is "
                    + "4,096, rerank-v4 reads more).")
    Integer maxTokensPerDoc;

    @Option(names = "--provider-option", paramLabel = "NAME=VALUE",
            description = "A provider option, repeatable; only options the provider takes are accepted: Cohere "
                    + "priority=0…999; vLLM (a Cohere dialect at another address) use_activation=true|false, "
                    + "max_tokens_per_query=N; Voyage truncation=true|false; TEI raw_scores=true|false, "
                    + "truncation_direction=Right|Left; Mixedbread rewrite_query=true|false; Pinecone "
                    + "truncate=END|NONE (default END).")
    java.util.Map<String, String> providerOptions;

    @Option(names = "--allow-insecure-http",
            description = "Allow plain http:// to another machine; the key and documents travel unencrypted.")
    boolean allowInsecureHttp;

    @Option(names = "--custom-path", paramLabel = "PATH",
            description = "custom-json: path appended to the base URL (default: /rerank).")
    String customPath;

    @Option(names = "--custom-query-field", paramLabel = "FIELD",
            description = "custom-json: request field for the query (default: query).")
    String customQueryField;

    @Option(names = "--custom-documents-field", paramLabel = "FIELD",
            description = "custom-json: request field for the documents (default: candidates).")
    String customDocumentsField;

    @Option(names = "--custom-top-k-field", paramLabel = "FIELD",
            description = "custom-json: request field for the cut-off; empty for none (default: top_k).")
    String customTopKField;

    @Option(names = "--custom-results-pointer", paramLabel = "POINTER",
            description = "custom-json: JSON pointer to the results array; empty when the answer is the array "
                    + "(default: /results).")
    String customResultsPointer;

    @Option(names = "--custom-index-pointer", paramLabel = "POINTER",
            description = "custom-json: pointer within a result to the document's index (default: /index).")
    String customIndexPointer;

    @Option(names = "--custom-score-pointer", paramLabel = "POINTER",
            description = "custom-json: pointer within a result to its score (default: /score).")
    String customScorePointer;

    /**
     * What the user asked for, as plain values; {@code null} fields were not given.
     *
     * @param endpoint              a saved endpoint's name
     * @param provider              a dialect id ({@code cohere-v2}, ...); {@code cohere-v2} when only a base URL was
     *                              given
     * @param apiKeyEnv             the variable holding the key; {@code null} for the provider's default
     * @param noApiKey              send no key
     * @param requestTimeoutSeconds the per-request (call) timeout
     * @param custom                the {@code custom-json} field names and pointers (defaults where not given), or
     *                              {@code null} for the other providers
     */
    public record Request(String endpoint, String provider, String baseUrl, String apiKeyEnv, boolean noApiKey,
                          Integer docsPerRequest, Integer concurrency, Integer requestTimeoutSeconds,
                          boolean allowInsecureHttp, CustomJsonSettings custom, Integer maxTokensPerDoc,
                          java.util.Map<String, String> providerOptions) {
    }

    private boolean anyCustom() {
        return customPath != null || customQueryField != null || customDocumentsField != null
                || customTopKField != null || customResultsPointer != null || customIndexPointer != null
                || customScorePointer != null;
    }

    private boolean isCustomJson() {
        return provider != null && CustomJsonSettings.PROVIDER_ID.equals(provider.strip().toLowerCase(
                java.util.Locale.ROOT));
    }

    /** Whether any option asked for a remote ranker. */
    public boolean isRemote() {
        return endpoint != null || provider != null || baseUrl != null;
    }

    /** The options as given; call {@link #validate} first. */
    public Request request() {
        String chosen = provider != null ? provider.strip().toLowerCase(java.util.Locale.ROOT)
                : endpoint == null && baseUrl != null ? "cohere-v2" : null;
        CustomJsonSettings custom = isCustomJson() ? new CustomJsonSettings(customPath, customQueryField,
                customDocumentsField, customTopKField, customResultsPointer, customIndexPointer, customScorePointer)
                .orDefaults() : null;
        return new Request(endpoint, chosen, baseUrl, apiKeyEnv, noApiKey, docsPerRequest, concurrency,
                requestTimeoutSeconds, allowInsecureHttp, custom, maxTokensPerDoc, providerOptions);
    }

    /**
     * Checks the options against each other.
     *
     * @throws ParameterException naming the option at fault
     */
    public void validate(CommandLine commandLine) {
        List<String> problems = new ArrayList<>();
        boolean tuning = apiKeyEnv != null || noApiKey || docsPerRequest != null || concurrency != null
                || requestTimeoutSeconds != null || allowInsecureHttp || maxTokensPerDoc != null
                || providerOptions != null;
        if (endpoint != null && (maxTokensPerDoc != null || providerOptions != null)) {
            problems.add("--max-tokens-per-doc and --provider-option go with --provider/--base-url; a saved "
                    + "endpoint keeps its own (Rankers → Endpoints)");
        }
        atLeastOne(problems, "--max-tokens-per-doc", maxTokensPerDoc);
        if (!isRemote() && tuning) {
            problems.add("remote options need --endpoint, --provider or --base-url");
        }
        if (endpoint != null && (provider != null || baseUrl != null)) {
            problems.add("--endpoint already names the provider and address; drop --provider/--base-url");
        }
        if (endpoint != null && endpoint.isBlank()) {
            problems.add("--endpoint must not be empty");
        }
        if (provider != null && !PROVIDER.matcher(provider.strip().toLowerCase(java.util.Locale.ROOT)).matches()) {
            problems.add("--provider: not a provider id: \"" + provider + "\"");
        }
        if (baseUrl != null && !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
            problems.add("--base-url must start with https:// or http://, was \"" + baseUrl + "\"");
        }
        if (anyCustom() && !isCustomJson()) {
            problems.add("--custom-* options need --provider custom-json");
        }
        if (isCustomJson() && baseUrl == null) {
            problems.add("--provider custom-json needs --base-url (the server root)");
        }
        pointer(problems, "--custom-results-pointer", customResultsPointer, true);
        pointer(problems, "--custom-index-pointer", customIndexPointer, false);
        pointer(problems, "--custom-score-pointer", customScorePointer, false);
        notBlank(problems, "--custom-query-field", customQueryField);
        notBlank(problems, "--custom-documents-field", customDocumentsField);
        if (apiKeyEnv != null && noApiKey) {
            problems.add("--api-key-env and --no-api-key contradict each other");
        }
        if (apiKeyEnv != null && !ENV_VAR.matcher(apiKeyEnv).matches()) {
            problems.add("--api-key-env takes a variable's name (like COHERE_API_KEY), not a key");
        }
        atLeastOne(problems, "--docs-per-request", docsPerRequest);
        atLeastOne(problems, "--request-timeout", requestTimeoutSeconds);
        if (concurrency != null && (concurrency < 1 || concurrency > 16)) {
            problems.add("--concurrency must be 1-16, was " + concurrency);
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(commandLine, String.join("; ", problems));
        }
    }

    private static void pointer(List<String> problems, String option, String value, boolean mayBeEmpty) {
        if (value != null && !(value.startsWith("/") || (mayBeEmpty && value.isEmpty()))) {
            problems.add(option + " must be a JSON pointer starting with /, was \"" + value + "\"");
        }
    }

    private static void notBlank(List<String> problems, String option, String value) {
        if (value != null && value.isBlank()) {
            problems.add(option + " must not be empty");
        }
    }

    private static void atLeastOne(List<String> problems, String option, Integer value) {
        if (value != null && value < 1) {
            problems.add(option + " must be at least 1, was " + value);
        }
    }
}
