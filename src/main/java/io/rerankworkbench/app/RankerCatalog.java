package io.rerankworkbench.app;

import io.rerankworkbench.core.Candidate;
import io.rerankworkbench.core.Query;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.ProgressListener;
import io.rerankworkbench.rerank.RerankOptions;
import io.rerankworkbench.rerank.Reranker;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the ranker picker offers: the local models of the {@link RankerService} (the default first), then the
 * saved remote endpoints of the {@link EndpointService}, each under a label such as
 * "Cohere prod (cohere-v2 · rerank-v3.5)". Opening and running go to whichever service owns the choice.
 *
 * <p>Threading: {@link #names()}, {@link #canonicalName} and {@link #estimate} read the small endpoints file;
 * {@link #open} blocks while a local model loads (the inference lane; endpoints open at once, on the IO lane);
 * {@link #run} blocks while scoring — the inference lane for local models, the IO lane for endpoints
 * ({@link #lane}). Thread-safe.
 */
public final class RankerCatalog {

    private static final System.Logger LOG = System.getLogger(RankerCatalog.class.getName());

    private final RankerService local;
    private final EndpointService remote;

    /** @param remote the endpoints, or {@code null} for local models only */
    public RankerCatalog(RankerService local, EndpointService remote) {
        this.local = local;
        this.remote = remote;
    }

    public RankerService local() {
        return local;
    }

    /** Local model names (the default first), then endpoint labels. */
    public List<String> names() {
        List<String> names = new ArrayList<>(local.modelNames());
        endpoints().forEach(e -> names.add(e.label()));
        return names;
    }

    public String defaultName() {
        return local.defaultModelName();
    }

    /** The picker entry for a model name, an endpoint's name or its label (any case). */
    public Optional<String> canonicalName(String nameOrLabel) {
        Optional<String> model = local.canonicalName(nameOrLabel);
        if (model.isPresent()) {
            return model;
        }
        return endpoint(nameOrLabel).map(EndpointEntry::label);
    }

    /** Whether the entry is a remote endpoint. */
    public boolean isRemote(String nameOrLabel) {
        return local.canonicalName(nameOrLabel).isEmpty() && endpoint(nameOrLabel).isPresent();
    }

    /** The lane that opens and runs the entry: IO for endpoints (they wait on the network), else inference. */
    public Lane lane(String nameOrLabel) {
        return isRemote(nameOrLabel) ? Lane.IO : Lane.INFERENCE;
    }

    /**
     * The picker entry that makes runs of {@code kind} and {@code model} (as a {@link io.rerankworkbench.core.Ranking}
     * records them): the local model of that name, or the one saved endpoint of that provider and model. Empty when
     * none, or when several endpoints match and nothing tells them apart.
     */
    public Optional<String> entryFor(String kind, String model) {
        if (kind.startsWith("local")) {
            return local.canonicalName(model);
        }
        List<EndpointEntry> matches = endpoints().stream()
                .filter(e -> kind.equals("remote " + e.provider().displayName()))
                .filter(e -> model.equals(e.effectiveModel()) || e.effectiveModel().isEmpty()
                        && model.contains(java.net.URI.create(e.effectiveBaseUrl()).getHost() + ""))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0).label()) : Optional.empty();
    }

    /** Whether the entry is a saved endpoint of a provider that bills per request. */
    public boolean paid(String nameOrLabel) {
        return endpoint(nameOrLabel).map(EndpointEntry::paid).orElse(false);
    }

    /** The saved endpoint behind an entry, if it is one. */
    public Optional<EndpointEntry> endpoint(String nameOrLabel) {
        if (nameOrLabel == null) {
            return Optional.empty();
        }
        return endpoints().stream().filter(e -> e.label().equalsIgnoreCase(nameOrLabel)
                || e.name().equalsIgnoreCase(nameOrLabel)).findFirst();
    }

    private List<EndpointEntry> endpoints() {
        if (remote == null) {
            return List.of();
        }
        try {
            return remote.list();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not read the saved endpoints: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The ranker for an entry: a local model (loaded on first use; blocks) or an endpoint (sends nothing yet).
     *
     * @throws io.rerankworkbench.rerank.RerankException when it cannot be loaded or used
     */
    public Reranker open(String nameOrLabel) throws IOException {
        Optional<EndpointEntry> endpoint = local.canonicalName(nameOrLabel).isPresent() ? Optional.empty()
                : endpoint(nameOrLabel);
        return endpoint.isPresent() ? remote.open(endpoint.get().name()) : local.open(nameOrLabel);
    }

    /** Ranks with {@code ranker}; remote runs also say what they cost and keep what finished when batches fail. */
    public RankerRun run(Reranker ranker, Query query, List<Candidate> candidates, RerankOptions options,
                         ProgressListener progress, CancellationToken cancel) {
        if (EndpointService.isRemote(ranker)) {
            return EndpointService.run(ranker, query, candidates, progress, cancel);
        }
        return RankerRun.local(ranker.rerank(query, candidates, options, progress, cancel));
    }

    /** What ranking {@code candidates} with a paid endpoint would take; empty for local models and free servers. */
    public Optional<String> estimate(String nameOrLabel, List<Candidate> candidates) {
        return estimateQueries(nameOrLabel, List.of(candidates));
    }

    /**
     * What ranking several queries, each with its own candidates, with a paid endpoint would take; empty for local
     * models and free servers.
     */
    public Optional<String> estimateQueries(String nameOrLabel, List<List<Candidate>> queries) {
        Optional<EndpointEntry> e = isRemote(nameOrLabel) ? endpoint(nameOrLabel) : Optional.empty();
        if (e.isEmpty() || !e.get().paid()) {
            return Optional.empty();
        }
        try {
            return remote.estimateQueries(e.get().name(), queries);
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }
}
