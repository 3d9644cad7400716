package io.rerankworkbench.app;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import io.rerankworkbench.rerank.remote.Secrets;
import io.rerankworkbench.retrieve.engine.EngineHit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SearchEngineServiceTest {

    private static final String PASSWORD = "correct horse · battery";
    private static final String ANSWER = "{\"hits\":{\"hits\":[{\"_id\":\"a\",\"_score\":2.0,"
            + "\"_source\":{\"title\":\"A\",\"text\":\"alpha\"}},{\"_id\":\"b\",\"_score\":1.0,"
            + "\"_source\":{\"title\":\"B\",\"text\":\"beta\"}}]}}";

    @TempDir
    Path config;
    private final RemoteHttp http = RemoteHttp.create();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private SearchEngineService service(Map<String, String> env) {
        return new SearchEngineService(config, new Secrets(config, env), env, http);
    }

    private SearchEngineDraft draft(String name, String auth, String secret) {
        return new SearchEngineDraft(name, "opensearch", server.url("/").toString(), "docs", "", "_id", "title",
                "text", 50, auth, "analyst", "", secret, 10);
    }

    @Test
    void saveLoadRemoveRoundTripWithTheSecretOutsideTheFile() throws Exception {
        SearchEngineService s = service(Map.of());
        SearchEngineEntry saved = s.save(draft("prod", "basic", PASSWORD), null);
        assertThat(saved.secretStatus()).isEqualTo("stored");
        s.save(new SearchEngineDraft("solr", "solr", "http://localhost:8983/solr", "docs",
                "q={{query}}&defType=edismax&qf=title^2 text", "id", "", "body", 20, "none", "", "", null, 30), null);

        String file = Files.readString(config.resolve(SearchEngineService.FILE_NAME));
        String encoded = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(file).doesNotContain(PASSWORD).doesNotContain(encoded).doesNotContain("battery")
                .contains("\"stored\" : \"search-engine/prod\"");

        SearchEngineService reopened = service(Map.of());
        List<SearchEngineEntry> all = reopened.list();
        assertThat(all).extracting(SearchEngineEntry::name).containsExactly("prod", "solr");
        SearchEngineEntry solr = all.get(1);
        assertThat(solr.kind()).isEqualTo("solr");
        assertThat(solr.template()).isEqualTo("q={{query}}&defType=edismax&qf=title^2 text");
        assertThat(solr.titleField()).isEmpty();
        assertThat(solr.textField()).isEqualTo("body");
        assertThat(solr.depth()).isEqualTo(20);
        assertThat(solr.timeoutSeconds()).isEqualTo(30);
        assertThat(solr.location()).isEqualTo("http://localhost:8983/solr/docs");
        SearchEngineEntry prod = all.get(0);
        assertThat(prod.auth()).isEqualTo("basic");
        assertThat(prod.username()).isEqualTo("analyst");
        assertThat(prod.template()).contains("multi_match");

        // The stored password is used (and decoded) for requests.
        server.enqueue(new MockResponse.Builder().code(200).body(ANSWER).build());
        List<EngineHit> hits = reopened.search("PROD", "q", 2, CancellationToken.NONE);
        assertThat(hits).extracting(EngineHit::id).containsExactly("a", "b");
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("analyst:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));

        // Renaming keeps the secret (moved to the new name) and the position.
        reopened.save(draft("prod-2", "basic", ""), "prod");
        assertThat(reopened.list()).extracting(SearchEngineEntry::name).containsExactly("prod-2", "solr");
        assertThat(new Secrets(config, Map.of()).storedIds()).containsExactly("search-engine/prod-2");

        assertThat(reopened.remove("prod-2")).isTrue();
        assertThat(reopened.remove("prod-2")).isFalse();
        assertThat(new Secrets(config, Map.of()).storedIds()).isEmpty();
        assertThat(service(Map.of()).list()).extracting(SearchEngineEntry::name).containsExactly("solr");
    }

    @Test
    void secretFromTheEnvironment() throws Exception {
        SearchEngineService s = service(Map.of("ES_KEY", "k3y"));
        SearchEngineDraft d = new SearchEngineDraft("es", "elasticsearch", server.url("/").toString(), "docs", null,
                "_id", "title", "text", 10, "api-key", "", "ES_KEY", null, 10);
        assertThat(s.save(d, null).secretStatus()).isEqualTo("from $ES_KEY");
        assertThat(Files.readString(config.resolve(SearchEngineService.FILE_NAME))).doesNotContain("k3y");
        server.enqueue(new MockResponse.Builder().code(200).body(ANSWER).build());
        SearchEngineTestResult result = s.test("es");
        assertThat(result.hits()).extracting(SearchEngineTestResult.Hit::id).containsExactly("a", "b");
        assertThat(result.summary()).startsWith("Elasticsearch answered in").endsWith("the first 2 hits for \"test\"");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("ApiKey k3y");
        assertThat(service(Map.of()).find("es").orElseThrow().secretStatus())
                .isEqualTo("missing ($ES_KEY is not set)");
        assertThatThrownBy(() -> service(Map.of()).search("es", "q", 5, CancellationToken.NONE))
                .hasMessage("Search engine \"es\": $ES_KEY is not set");
    }

    @Test
    void draftProblemsNameTheFieldAndNothingIsSaved() throws Exception {
        SearchEngineService s = service(Map.of());
        assertThatThrownBy(() -> s.save(new SearchEngineDraft("x", "solr", "localhost:8983", "", "q=foo", "id",
                "title", "text", 0, "basic", "", "", "pw", 0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join("\n",
                        "Base URL: \"localhost:8983\" must start with http:// or https://",
                        "Collection: name the collection to search",
                        "Template: put {{query}} where the query goes, e.g. q={{query}}",
                        "Depth: 0 is out of range (1-10000)",
                        "User: basic authentication needs a user name",
                        "Timeout: 0 s is out of range (1-3600)"));
        assertThatThrownBy(() -> s.save(draft("p", "basic", ""), null))
                .hasMessage("Secret: enter the password to store, or name an environment variable to read it from");
        s.save(draft("p", "none", null), null);
        assertThatThrownBy(() -> s.save(draft("P", "none", null), null))
                .hasMessage("Name: a search engine named \"p\" exists already");
        assertThat(s.list()).hasSize(1);
        assertThatThrownBy(() -> s.search("nope", "q", 5, CancellationToken.NONE))
                .hasMessageStartingWith("There is no search engine named \"nope\"");
    }

    @Test
    void testingAnUnsavedFormUsesTheStoredSecretWhenTheFieldIsBlank() throws Exception {
        SearchEngineService s = service(Map.of());
        s.save(draft("prod", "basic", "pw1"), null);
        server.enqueue(new MockResponse.Builder().code(200).body(ANSWER).build());
        SearchEngineTestResult r = s.test(draft("prod", "basic", ""), "prod", "solar", CancellationToken.NONE);
        assertThat(r.summary()).endsWith("for \"solar\"");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("analyst:pw1".getBytes(StandardCharsets.UTF_8)));
    }
}
