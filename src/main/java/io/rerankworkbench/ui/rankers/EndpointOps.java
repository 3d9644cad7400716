package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.EndpointDraft;
import io.rerankworkbench.app.EndpointEntry;
import io.rerankworkbench.app.EndpointService;
import io.rerankworkbench.app.ProviderInfo;

import java.io.IOException;
import java.util.List;

/**
 * What the Rankers view needs of the endpoint service; tests stand in a fake. Every method but {@link #providers()}
 * blocks on files or the network: call it from background work.
 */
public interface EndpointOps {

    List<ProviderInfo> providers();

    List<EndpointEntry> list() throws IOException;

    EndpointEntry save(EndpointDraft draft, String originalName) throws IOException;

    boolean remove(String name) throws IOException;

    /** Sends a one-document request; returns what happened in words, or throws with the reason. */
    String test(String name) throws IOException;

    static EndpointOps of(EndpointService service) {
        return new EndpointOps() {
            @Override
            public List<ProviderInfo> providers() {
                return EndpointService.providers();
            }

            @Override
            public List<EndpointEntry> list() throws IOException {
                return service.list();
            }

            @Override
            public EndpointEntry save(EndpointDraft draft, String originalName) throws IOException {
                return service.save(draft, originalName);
            }

            @Override
            public boolean remove(String name) throws IOException {
                return service.remove(name);
            }

            @Override
            public String test(String name) throws IOException {
                return service.test(name);
            }
        };
    }
}
