package io.rerankworkbench.ui.rankers;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.CustomJsonSettings;
import io.rerankworkbench.app.EndpointEntry.KeySource;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Rankers window's behaviour without the toolkit: tasks run on the test thread against fake endpoints. */
class RankersViewModelTest {

    private final FakeEndpoints endpoints = new FakeEndpoints();
    private int changes;
    private final RankersViewModel vm = new RankersViewModel(new CurrentThreadTaskRunner(), endpoints,
            () -> changes++);

    @Test
    void addingPrefillsTheDefaultProviderAndStoresAnEnteredKey() {
        vm.add();
        assertThat(vm.editingProperty().get()).isTrue();
        assertThat(vm.providerProperty().get().id()).isEqualTo("cohere-v2");
        assertThat(vm.baseUrlProperty().get()).isEqualTo("https://api.cohere.com");
        assertThat(vm.modelProperty().get()).isEqualTo("rerank-v3.5");
        assertThat(vm.keyEnvVarProperty().get()).isEqualTo("COHERE_API_KEY");

        vm.nameProperty().set("Cohere prod");
        vm.keySourceProperty().set(KeySource.STORED);
        vm.enteredKeyProperty().set("fake-entered");
        vm.save();

        assertThat(endpoints.storedKeys).containsExactly("fake-entered");
        assertThat(endpoints.drafts.get(0).baseUrl()).isEmpty(); // the provider's default is not pinned
        assertThat(vm.rows()).extracting(e -> e.name()).containsExactly("Cohere prod");
        assertThat(vm.editingProperty().get()).isFalse();
        assertThat(vm.enteredKeyProperty().get()).isEmpty();
        assertThat(vm.statusTextProperty().get()).contains("Saved Cohere prod").contains("stored");
        assertThat(changes).isEqualTo(1);
    }

    @Test
    void switchingProviderBringsItsDefaultsUnlessTheUserTypedTheirOwn() {
        vm.add();
        vm.providerProperty().set(vm.providers().stream().filter(p -> p.id().equals("jina")).findFirst()
                .orElseThrow());
        assertThat(vm.baseUrlProperty().get()).isEqualTo("https://api.jina.ai");
        assertThat(vm.keyEnvVarProperty().get()).isEqualTo("JINA_API_KEY");
        assertThat(vm.nameProperty().get()).isEqualTo("Jina");

        vm.baseUrlProperty().set("http://localhost:7997");
        vm.providerProperty().set(vm.providers().get(0));
        assertThat(vm.baseUrlProperty().get()).isEqualTo("http://localhost:7997");
    }

    @Test
    void plainHttpToAnotherMachineAsksForTheCheckbox() {
        vm.add();
        vm.baseUrlProperty().set("http://localhost:8080");
        assertThat(vm.insecureHostProperty().get()).isFalse();
        vm.baseUrlProperty().set("http://gpu-box.lan:8080");
        assertThat(vm.insecureHostProperty().get()).isTrue();
        vm.baseUrlProperty().set("https://gpu-box.lan");
        assertThat(vm.insecureHostProperty().get()).isFalse();
    }

    @Test
    void badNumbersAndRefusedDraftsAreExplainedInTheForm() {
        vm.add();
        vm.concurrencyProperty().set("two");
        vm.save();
        assertThat(vm.formErrorProperty().get()).isEqualTo("Concurrency must be a whole number, was \"two\".");
        vm.concurrencyProperty().set("2");
        vm.nameProperty().set(" ");
        vm.save();
        assertThat(vm.formErrorProperty().get()).isEqualTo("Give the endpoint a name.");
        assertThat(vm.editingProperty().get()).isTrue();
        assertThat(endpoints.saved).isEmpty();
    }

    @Test
    void testConnectionShowsTheAnswerOrTheError() {
        vm.add();
        vm.save();
        vm.select("Cohere v2");
        assertThat(vm.selectionCommandsAllowedProperty().get()).isTrue();
        vm.testSelected();
        assertThat(vm.statusTextProperty().get()).contains("answered in");

        endpoints.testFailure = new IOException("API key rejected by Cohere v2: invalid api token");
        vm.testSelected();
        assertThat(vm.errorTextProperty().get()).isEqualTo("Cohere v2: API key rejected by Cohere v2: invalid api token");
    }

    @Test
    void editingFillsTheFormAndRemovingTellsTheMainWindow() {
        vm.add();
        vm.modelProperty().set("rerank-english-v3.0");
        vm.save();
        vm.select("Cohere v2");
        vm.editSelected();
        assertThat(vm.formTitleProperty().get()).isEqualTo("Edit Cohere v2");
        assertThat(vm.modelProperty().get()).isEqualTo("rerank-english-v3.0");
        vm.cancelEdit();

        vm.removeSelected();
        assertThat(vm.rows()).isEmpty();
        assertThat(changes).isEqualTo(2);
    }

    @Test
    void customJsonShowsItsFieldsAndCarriesThemToTheDraftAndBack() {
        vm.add();
        assertThat(vm.customJsonProperty().get()).isFalse();
        vm.providerProperty().set(vm.providers().stream().filter(p -> p.id().equals("custom-json")).findFirst()
                .orElseThrow());
        assertThat(vm.customJsonProperty().get()).isTrue();
        assertThat(vm.nameProperty().get()).isEqualTo("Custom JSON");
        assertThat(vm.customPathProperty().get()).isEqualTo("/rerank");
        assertThat(vm.customQueryFieldProperty().get()).isEqualTo("query");
        assertThat(vm.customDocumentsFieldProperty().get()).isEqualTo("candidates");
        assertThat(vm.customTopKFieldProperty().get()).isEqualTo("top_k");
        assertThat(vm.customResultsPointerProperty().get()).isEqualTo("/results");
        assertThat(vm.customIndexPointerProperty().get()).isEqualTo("/index");
        assertThat(vm.customScorePointerProperty().get()).isEqualTo("/score");

        vm.baseUrlProperty().set("http://localhost:9000");
        vm.keySourceProperty().set(KeySource.NONE);
        vm.customQueryFieldProperty().set(" question ");
        vm.customDocumentsFieldProperty().set("passages");
        vm.customTopKFieldProperty().set("");
        vm.customResultsPointerProperty().set("/hits");
        vm.customIndexPointerProperty().set("/id");
        vm.customScorePointerProperty().set("/relevance");
        vm.save();

        CustomJsonSettings expected = new CustomJsonSettings("/rerank", "question", "passages", "", "/hits", "/id",
                "/relevance");
        assertThat(endpoints.drafts.get(0).providerId()).isEqualTo("custom-json");
        assertThat(endpoints.drafts.get(0).custom()).isEqualTo(expected);

        vm.add(); // back to the defaults, hidden for Cohere
        assertThat(vm.customJsonProperty().get()).isFalse();
        assertThat(vm.customQueryFieldProperty().get()).isEqualTo("query");
        vm.cancelEdit();

        vm.select("Custom JSON");
        vm.editSelected();
        assertThat(vm.customJsonProperty().get()).isTrue();
        assertThat(vm.customQueryFieldProperty().get()).isEqualTo("question");
        assertThat(vm.customScorePointerProperty().get()).isEqualTo("/relevance");
        assertThat(vm.customTopKFieldProperty().get()).isEmpty();
    }

    @Test
    void otherProvidersSendNoCustomFields() {
        vm.add();
        vm.save();
        assertThat(endpoints.drafts.get(0).custom()).isNull();
    }
}
