package io.rerankworkbench.retrieve.engine;

import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Solr's request shape (the end-to-end test against a real Solr is SolrEngineTest) and config validation. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SolrRequestAndConfigTest {

    private final RemoteHttp http = RemoteHttp.create();
    private final SearchEngineClient client = new SearchEngineClient(http);
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

    @Test
    void parametersAreSubstitutedThenEncodedAndTheClientSetsRowsFieldsAndFormat() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                {"responseHeader": {"status": 0, "QTime": 1},
                 "response": {"numFound": 2, "start": 0, "maxScore": 2.5, "docs": [
                   {"id": "d1", "name": ["Multi", "valued"], "body": "first", "score": 2.5},
                   {"id": "d2", "body": ["a", "b"], "score": 1.0}]}}
                """).build());
        SearchEngineConfig config = new SearchEngineConfig("solr", SearchEngineKind.SOLR,
                server.url("/solr").toString(), "docs",
                "q={{query}}&defType=edismax&qf=name^2 body&fq=lang:en&fq=stock:[1 TO *]&rows=3&wt=xml", "id",
                "name", "body", 10, EngineAuth.BASIC, "solr", Duration.ofSeconds(5));
        List<EngineHit> hits = client.search(config, EngineSecret.of("pw"), ElasticEngineClientTest.TRICKY + " & x=1",
                7, CancellationToken.NONE);

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("GET");
        HttpUrl url = r.getUrl();
        assertThat(url.encodedPath()).isEqualTo("/solr/docs/select");
        assertThat(url.queryParameter("q")).isEqualTo(ElasticEngineClientTest.TRICKY + " & x=1");
        assertThat(url.encodedQuery()).contains("q=he%20said%20%22caf%C3%A9%22%20%5C%20na%C3%AFve%20%E2%9C%93%09tab%20%26%20x%3D1");
        assertThat(url.queryParameter("qf")).isEqualTo("name^2 body");
        assertThat(url.queryParameterValues("fq")).containsExactly("lang:en", "stock:[1 TO *]");
        assertThat(url.queryParameterValues("rows")).containsExactly("7");
        assertThat(url.queryParameterValues("wt")).containsExactly("json");
        assertThat(url.queryParameter("fl")).isEqualTo("id,name,body,score");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic c29scjpwdw==");
        assertThat(hits).containsExactly(new EngineHit("d1", "Multi valued", "first", 2.5),
                new EngineHit("d2", "", "a b", 1.0));
    }

    @Test
    void longQueriesGoAsAFormPost() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"response\":{\"docs\":[]}}").build());
        SearchEngineConfig config = SearchEngineConfig.of("solr", SearchEngineKind.SOLR, server.url("/").toString(),
                "docs");
        String longQuery = "word ".repeat(1500);
        assertThat(client.search(config, null, longQuery, 5, CancellationToken.NONE)).isEmpty();
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/docs/select");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(r.getBody().utf8()).contains("rows=5").contains("wt=json");
    }

    @Test
    void solrErrorMessageIsQuoted() {
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json").body("""
                {"responseHeader": {"status": 400, "QTime": 0},
                 "error": {"metadata": ["error-class", "org.apache.solr.common.SolrException"],
                  "msg": "undefined field nosuch", "code": 400}}
                """).build());
        SearchEngineConfig config = SearchEngineConfig.of("solr", SearchEngineKind.SOLR, server.url("/solr/").toString(),
                "docs");
        String base = server.url("/solr").toString();
        assertThatThrownBy(() -> client.search(config, null, "q", 5, CancellationToken.NONE))
                .hasMessage("Search engine \"solr\" (" + base + "/docs): HTTP 400: undefined field nosuch");
    }

    @Test
    void problemsNameTheField() {
        SearchEngineConfig bad = new SearchEngineConfig(" ", SearchEngineKind.SOLR, "ftp://x", "a/b", "q=foo", "",
                "", " ", 0, EngineAuth.BASIC, "", null);
        assertThat(bad.problems()).containsExactly(
                "Name: give the search engine a name",
                "Base URL: \"ftp://x\" must start with http:// or https://",
                "Collection: \"a/b\" is not a collection name (no /, ?, # or spaces)",
                "Template: put {{query}} where the query goes, e.g. q={{query}}",
                "Id field: name the field that holds the document id",
                "Text field: name the field that holds the document text",
                "Depth: 0 is out of range (1-10000)",
                "User: basic authentication needs a user name");
        SearchEngineConfig withUser = SearchEngineConfig.of("x", SearchEngineKind.ELASTICSEARCH,
                "https://me:pw@es.example:9200", "idx");
        assertThat(withUser.problems()).containsExactly(
                "Base URL: put the user and password under authentication, not in the URL");
        assertThat(withUser.displayUrl()).isEqualTo("https://es.example:9200");
        assertThat(SearchEngineConfig.of("x", SearchEngineKind.OPENSEARCH, "http://localhost:9200", "idx").problems())
                .isEmpty();
        assertThatThrownBy(() -> EngineSecret.of("a\nb")).hasMessageContaining("position 2")
                .message().doesNotContain("a\nb");
        assertThat(EngineSecret.of("abcd").toString()).doesNotContain("abcd");
    }
}
