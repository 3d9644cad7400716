package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ProviderInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Endpoints in memory; records saved drafts and answers tests with a scripted result. */
final class FakeEndpoints implements EndpointOps {

    final List<EndpointEntry> saved = new ArrayList<>();
    final List<EndpointDraft> drafts = new ArrayList<>();
    final List<String> storedKeys = new ArrayList<>();
    String testAnswer = "Cohere v2 answered in 0.12 s (score 0.9000)";
    IOException testFailure;

    @Override
    public List<ProviderInfo> providers() {
        return EndpointService.providers();
    }

    @Override
    public List<EndpointEntry> list() {
        return List.copyOf(saved);
    }

    @Override
    public EndpointEntry save(EndpointDraft d, String originalName) {
        if (d.name().isBlank()) {
            throw new IllegalArgumentException("Give the endpoint a name.");
        }
        drafts.add(d);
        if (d.enteredKey() != null && !d.enteredKey().isBlank()) {
            storedKeys.add(d.enteredKey());
        }
        ProviderInfo p = EndpointService.provider(d.providerId()).orElseThrow();
        String status = switch (d.key()) {
            case ENV -> "from $" + d.keyEnvVar();
            case STORED -> "stored";
            case NONE -> "none";
        };
        EndpointEntry e = new EndpointEntry(d.name(), p, d.baseUrl(),
                d.baseUrl().isEmpty() ? p.defaultBaseUrl() : d.baseUrl(), d.model(),
                d.model().isEmpty() ? p.defaultModel() : d.model(), d.maxDocsPerRequest(), d.concurrency(),
                d.timeoutSeconds(), d.key(), d.key() == KeySource.ENV ? d.keyEnvVar() : "", status, false,
                d.allowInsecureHttp(), true, d.name() + " (" + p.id() + ")", d.custom());
        saved.removeIf(s -> s.name().equals(originalName) || s.name().equals(d.name()));
        saved.add(e);
        return e;
    }

    @Override
    public boolean remove(String name) {
        return saved.removeIf(s -> s.name().equals(name));
    }

    @Override
    public String test(String name) throws IOException {
        if (testFailure != null) {
            throw testFailure;
        }
        return testAnswer;
    }
}
