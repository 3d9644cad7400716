package io.rerankworkbench.ui.engines;

import io.rerankworkbench.app.CurrentThreadTaskRunner;
import io.rerankworkbench.app.SearchEngineKindInfo;
import io.rerankworkbench.app.SearchEngineService;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.Secrets;
import io.rerankworkbench.ui.engines.EnginesViewModel.AuthChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The form's rules without the toolkit: kinds switch defaults, secrets stay out of the file, edits keep them. */
class EnginesViewModelTest {

    @TempDir
    Path config;
    private final RemoteHttp http = RemoteHttp.create();

    @AfterEach
    void close() {
        http.close();
    }

    private EnginesViewModel vm() {
        SearchEngineService service = new SearchEngineService(config, new Secrets(config, Map.of()), Map.of(), http);
        return new EnginesViewModel(new CurrentThreadTaskRunner(), service);
    }

    private static SearchEngineKindInfo kind(EnginesViewModel vm, String id) {
        return vm.kinds().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void switchingKindFollowsDefaultsButKeepsWhatTheUserTyped() {
        EnginesViewModel vm = vm();
        assertThat(vm.nameProperty().get()).isEqualTo("Solr");
        assertThat(vm.templateProperty().get()).isEqualTo("q={{query}}&defType=edismax&qf=title text");
        assertThat(vm.targetLabelProperty().get()).isEqualTo("Collection");

        vm.kindProperty().set(kind(vm, "opensearch"));
        assertThat(vm.nameProperty().get()).isEqualTo("OpenSearch");
        assertThat(vm.templateProperty().get()).contains("multi_match");
        assertThat(vm.idFieldProperty().get()).isEqualTo("_id");
        assertThat(vm.baseUrlProperty().get()).isEqualTo("http://localhost:9200");
        assertThat(vm.targetLabelProperty().get()).isEqualTo("Index");

        vm.templateProperty().set("{\"query\":{\"match\":{\"body\":\"{{query}}\"}}}");
        vm.kindProperty().set(kind(vm, "elasticsearch"));
        assertThat(vm.templateProperty().get()).isEqualTo("{\"query\":{\"match\":{\"body\":\"{{query}}\"}}}");
        vm.authProperty().set(AuthChoice.API_KEY);
        assertThat(vm.secretHintProperty().get()).contains("ApiKey");
    }

    @Test
    void saveKeepsTheSecretOutOfTheFileAndAnEditKeepsTheStoredOne() throws Exception {
        EnginesViewModel vm = vm();
        vm.targetProperty().set("docs");
        vm.authProperty().set(AuthChoice.BASIC);
        vm.usernameProperty().set("analyst");
        vm.secretProperty().set("s3cret pass");
        vm.save();
        assertThat(vm.formErrorProperty().get()).isEmpty();
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.secretProperty().get()).as("the field is cleared after saving").isEmpty();
        assertThat(Files.readString(config.resolve(SearchEngineService.FILE_NAME))).doesNotContain("s3cret");
        assertThat(vm.statusTextProperty().get()).isEqualTo("Saved \"Solr\" in search-engines.json.");

        EnginesViewModel reopened = vm();
        reopened.select("solr");
        assertThat(reopened.formTitleProperty().get()).isEqualTo("Edit \"Solr\"");
        assertThat(reopened.secretHintProperty().get()).startsWith("A secret is stored");
        reopened.depthProperty().set("20");
        reopened.save();
        assertThat(reopened.formErrorProperty().get()).isEmpty();
        assertThat(reopened.rows().get(0).depth()).isEqualTo(20);
        assertThat(reopened.rows().get(0).secretStatus()).isEqualTo("stored");

        reopened.remove();
        assertThat(reopened.rows()).isEmpty();
        assertThat(reopened.formTitleProperty().get()).isEqualTo("New search engine");
    }

    @Test
    void badNumbersAndFieldsAreNamed() {
        EnginesViewModel vm = vm();
        vm.timeoutProperty().set("soon");
        vm.save();
        assertThat(vm.formErrorProperty().get()).isEqualTo("Timeout: \"soon\" is not a whole number");
        vm.timeoutProperty().set("30");
        vm.targetProperty().set("docs");
        vm.textFieldProperty().set("");
        vm.testConnection();
        assertThat(vm.formErrorProperty().get()).isEqualTo("Text field: name the field that holds the document text");
        assertThat(vm.rows()).isEmpty();
    }
}
