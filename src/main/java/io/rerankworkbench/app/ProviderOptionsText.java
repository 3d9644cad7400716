package io.rerankworkbench.app;

import io.rerankworkbench.rerank.remote.Dialect;
import io.rerankworkbench.rerank.remote.EndpointOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The endpoint form's "Provider options" field: {@code name=value} pairs, one per line or comma-separated. Besides
 * the dialect's provider options ({@link Dialect#options(boolean)}) it takes {@code max_tokens_per_doc} for the
 * dialects that send it.
 */
public final class ProviderOptionsText {

    /** The field of the per-document token limit. */
    public static final String MAX_TOKENS_PER_DOC = "max_tokens_per_doc";

    private ProviderOptionsText() {
    }

    /**
     * The options the text sets, checked against {@code dialect} at an address that is ({@code providerHost}) or is
     * not its provider's own.
     *
     * @throws IllegalArgumentException saying which entry is wrong and what the provider takes
     */
    public static EndpointOptions apply(String text, EndpointOptions base, Dialect dialect, boolean providerHost) {
        Map<String, String> options = new LinkedHashMap<>();
        Integer maxTokens = null;
        if (text != null) {
            for (String entry : text.split("[,\\n]")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                if (eq <= 0 || eq == e.length() - 1) {
                    throw new IllegalArgumentException("Provider options: \"" + e + "\" is not name=value.");
                }
                String name = e.substring(0, eq).strip();
                String value = e.substring(eq + 1).strip();
                if (options.containsKey(name) || name.equals(MAX_TOKENS_PER_DOC) && maxTokens != null) {
                    throw new IllegalArgumentException("Provider options: " + name + " is given twice.");
                }
                if (name.equals(MAX_TOKENS_PER_DOC) && dialect.supportsMaxTokensPerDoc()) {
                    try {
                        maxTokens = Integer.parseInt(value);
                    } catch (NumberFormatException x) {
                        maxTokens = 0;
                    }
                    if (maxTokens < 1) {
                        throw new IllegalArgumentException("Provider options: " + MAX_TOKENS_PER_DOC
                                + " must be a whole number of tokens, at least 1, not \"" + value + "\".");
                    }
                } else {
                    options.put(name, value);
                }
            }
        }
        List<String> problems = EndpointOptions.problems(options, dialect, providerHost);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Provider options: " + String.join("; ", problems) + ".");
        }
        return base.withMaxTokensPerDoc(maxTokens).withProviderOptions(options);
    }

    /** The text for the options an endpoint has, as the form shows them. */
    public static String format(EndpointOptions options) {
        List<String> parts = new ArrayList<>();
        if (options.maxTokensPerDoc() != null) {
            parts.add(MAX_TOKENS_PER_DOC + "=" + options.maxTokensPerDoc());
        }
        options.providerOptions().forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /** What the field takes for {@code dialect} there: "truncate=END|NONE", or "none" when nothing. */
    public static String help(Dialect dialect, boolean providerHost) {
        List<String> usages = new ArrayList<>();
        if (dialect.supportsMaxTokensPerDoc()) {
            usages.add(MAX_TOKENS_PER_DOC + "=N");
        }
        usages.addAll(dialect.options(providerHost).stream().map(Dialect.Option::usage)
                .collect(Collectors.toList()));
        return usages.isEmpty() ? "none" : String.join(", ", usages);
    }
}
