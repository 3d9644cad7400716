package io.rerankworkbench.ui.workbench;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.ModelLibraryStore;
import io.rerankworkbench.app.RankerService;
import io.rerankworkbench.rerank.local.ModelFiles;
import io.rerankworkbench.testing.RecordingDialogs;
import io.rerankworkbench.testing.WordOverlapReranker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerToggleViewModelTest {

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final RankerService rankers = new RankerService(List.of(ModelFiles.allMiniLmL6V2()),
            ModelLibraryStore.inMemory(), spec -> new WordOverlapReranker(100));

    @Test
    void switchingOnServesTheLibraryAndSwitchingOffStopsIt() throws Exception {
        ServerToggleViewModel toggle = new ServerToggleViewModel(new CurrentThreadTaskRunner(), rankers, dialogs,
                ServerToggleViewModel.localServer(rankers, 0));
        toggle.toggle();
        assertThat(toggle.servingProperty().get()).isTrue();
        assertThat(toggle.statusProperty().get()).startsWith("Serving local models (default all-MiniLM-L6-v2) at "
                + "http://127.0.0.1:");
        String address = toggle.statusProperty().get().substring(toggle.statusProperty().get().indexOf("http://"));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(address + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        toggle.toggle();
        assertThat(toggle.servingProperty().get()).isFalse();
        assertThat(toggle.statusProperty().get()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(
                HttpRequest.newBuilder(URI.create(address + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aTakenPortIsExplainedInWords() {
        ServerToggleViewModel toggle = new ServerToggleViewModel(new CurrentThreadTaskRunner(), rankers, dialogs,
                model -> {
                    throw new BindException("Address already in use");
                });
        toggle.toggle();
        assertThat(toggle.servingProperty().get()).isFalse();
        assertThat(toggle.busyProperty().get()).isFalse();
        assertThat(dialogs.errors).singleElement().asString()
                .isEqualTo("Could not start the server: The port is already in use "
                        + "(is another copy of the workbench serving?)");
    }
}
