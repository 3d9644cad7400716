package io.rerankworkbench.retrieve.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rerankworkbench.rerank.CancellationToken;
import io.rerankworkbench.rerank.remote.RemoteHttp;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real Solr 9 over HTTP (in-process, loopback only; see {@link SolrHarness}). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SolrEngineTest {

    @TempDir
    static Path work;
    private static SolrHarness solr;
    private static final RemoteHttp HTTP = RemoteHttp.create();
    private static final SearchEngineClient CLIENT = new SearchEngineClient(HTTP);
    private static long startMillis;

    /** Twenty short documents on a few topics, so a query has clear winners. */
    private static final String[][] CORPUS = {
            {"d01", "Solar panels on the roof", "Photovoltaic panels turn sunlight into electricity for the house."},
            {"d02", "Wind turbines", "Large turbines turn wind into electricity on land and at sea."},
            {"d03", "Heat pumps", "A heat pump moves heat from outside air into the house in winter."},
            {"d04", "Battery storage", "Home batteries store solar electricity for the evening."},
            {"d05", "Sourdough bread", "A starter of flour and water leavens the dough overnight."},
            {"d06", "Pizza dough", "Flour, water, salt and yeast, kneaded and left to rise."},
            {"d07", "Espresso", "Hot water is pressed through finely ground coffee."},
            {"d08", "Green tea", "Steep the leaves in water below boiling for two minutes."},
            {"d09", "Marathon training", "Long slow runs build endurance over sixteen weeks."},
            {"d10", "Cycling cadence", "Pedal at ninety revolutions a minute to spare the knees."},
            {"d11", "Swimming technique", "Breathe every third stroke to keep the stroke balanced."},
            {"d12", "Knee injuries", "Runners' knee comes from too much mileage too soon."},
            {"d13", "Solar eclipse", "The moon passes between the sun and the earth."},
            {"d14", "Mars rovers", "Rovers drive slowly across the red planet's dust."},
            {"d15", "Black holes", "Gravity so strong that not even light escapes."},
            {"d16", "Telescopes", "Mirrors gather faint light from distant galaxies."},
            {"d17", "Tomato plants", "Tomatoes need sun, water and support as they grow."},
            {"d18", "Composting", "Kitchen scraps and leaves become soil in a few months."},
            {"d19", "Roof repair", "Replace cracked tiles before the winter rain."},
            {"d20", "Electric cars", "Charge the car at home from the grid or from solar panels."},
    };

    @BeforeAll
    static void startSolr() throws Exception {
        long t0 = System.nanoTime();
        solr = SolrHarness.start(work);
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        ObjectMapper json = new ObjectMapper();
        ArrayNode docs = json.createArrayNode();
        for (String[] d : CORPUS) {
            ObjectNode doc = docs.addObject();
            doc.put("id", d[0]).put("title", d[1]).put("text", d[2]);
            doc.putArray("tags").add("topic " + d[0].substring(1, 2)).add("doc " + d[0]);
        }
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        Request index = new Request.Builder().url(solr.baseUrl() + "/docs/update?commit=true")
                .post(RequestBody.create(json.writeValueAsBytes(docs), MediaType.get("application/json"))).build();
        try (Response r = http.newCall(index).execute()) {
            assertThat(r.code()).as("indexing: %s", r.body().string()).isEqualTo(200);
        }
        System.out.println("Solr started in " + startMillis + " ms; 20 documents indexed after "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stopSolr() throws Exception {
        HTTP.close();
        if (solr != null) {
            solr.close();
        }
    }

    private static SearchEngineConfig docs() {
        return SearchEngineConfig.of("local-solr", SearchEngineKind.SOLR, solr.baseUrl(), "docs");
    }

    @Test
    void retrievesThroughTheRealSelectHandler() throws Exception {
        assertThat(solr.baseUrl()).startsWith("http://127.0.0.1:");
        List<EngineHit> hits = CLIENT.search(docs(), null, "solar panels", 10, CancellationToken.NONE);

        assertThat(hits).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(hits.get(0).id()).isIn("d01", "d20");
        assertThat(hits).extracting(EngineHit::id).contains("d01", "d20", "d04", "d13");
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
        EngineHit first = hits.stream().filter(h -> h.id().equals("d01")).findFirst().orElseThrow();
        assertThat(first.title()).isEqualTo("Solar panels on the roof");
        assertThat(first.text()).startsWith("Photovoltaic panels");
        assertThat(first.score()).isPositive();
    }

    @Test
    void depthLimitsTheHitsAndTheTestButtonShowsTheFirstFew() throws Exception {
        SearchEngineConfig all = new SearchEngineConfig("local-solr", SearchEngineKind.SOLR, solr.baseUrl(), "docs",
                "q={{query}}&defType=lucene&df=text", "id", "title", "text", 100, EngineAuth.NONE, "", null);
        assertThat(CLIENT.search(all, null, "*:*", 100, CancellationToken.NONE)).hasSize(20);
        assertThat(CLIENT.search(all, null, "*:*", 3, CancellationToken.NONE)).hasSize(3);
        assertThat(CLIENT.test(docs(), null, "water", CancellationToken.NONE)).hasSize(SearchEngineClient.TEST_HITS);
    }

    @Test
    void multiValuedFieldsAreJoinedAndAwkwardQueriesAreSentIntact() throws Exception {
        SearchEngineConfig tags = new SearchEngineConfig("local-solr", SearchEngineKind.SOLR, solr.baseUrl(), "docs",
                null, "id", "title", "tags", 5, EngineAuth.NONE, "", null);
        List<EngineHit> hits = CLIENT.search(tags, null, "knee", 5, CancellationToken.NONE);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).text()).matches("topic \\d doc d\\d\\d");
        // Quotes, a backslash, & and = survive encoding; edismax treats the rest as words.
        assertThat(CLIENT.search(docs(), null, "runners' \"knee\" & x=1 \\ naïve", 5, CancellationToken.NONE))
                .extracting(EngineHit::id).contains("d12");
    }

    @Test
    void solrErrorsGiveClearMessages() {
        SearchEngineConfig badField = new SearchEngineConfig("local-solr", SearchEngineKind.SOLR, solr.baseUrl(),
                "docs", "q={{query}}&defType=edismax&qf=title nosuch", "id", "title", "text", 10, EngineAuth.NONE, "",
                null);
        assertThatThrownBy(() -> CLIENT.search(badField, null, "solar", 10, CancellationToken.NONE))
                .isInstanceOf(SearchEngineException.class)
                .hasMessage("Search engine \"local-solr\" (" + solr.baseUrl() + "/docs): HTTP 400: Query Field "
                        + "'nosuch' is not a valid field name");
        SearchEngineConfig noCore = SearchEngineConfig.of("local-solr", SearchEngineKind.SOLR, solr.baseUrl(),
                "nosuchcore");
        assertThatThrownBy(() -> CLIENT.search(noCore, null, "solar", 10, CancellationToken.NONE))
                .hasMessageStartingWith("Search engine \"local-solr\" (" + solr.baseUrl() + "/nosuchcore): HTTP 404")
                .hasMessageContaining("collection");
        SearchEngineConfig wrongText = new SearchEngineConfig("local-solr", SearchEngineKind.SOLR, solr.baseUrl(),
                "docs", null, "id", "title", "body", 10, EngineAuth.NONE, "", null);
        assertThatThrownBy(() -> CLIENT.search(wrongText, null, "solar", 10, CancellationToken.NONE))
                .hasMessageEndingWith("hit 1 has no field \"body\" (check the field mapping)");
    }

    @Test
    void aProjectRetrievesItsCandidatesFromSolrThroughTheSavedEngine() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createDirectories(work.resolve("config"));
        io.rerankworkbench.app.SearchEngineService engines = new io.rerankworkbench.app.SearchEngineService(config,
                new io.rerankworkbench.rerank.remote.Secrets(config, java.util.Map.of()), java.util.Map.of(), HTTP);
        engines.save(new io.rerankworkbench.app.SearchEngineDraft("team-solr", "solr", solr.baseUrl(), "docs", null,
                "id", "title", "text", 10, "none", "", "", null, 30), null);
        io.rerankworkbench.app.RetrievalService retrieval = new io.rerankworkbench.app.RetrievalService(
                new io.rerankworkbench.app.RankerService(List.of(
                        io.rerankworkbench.rerank.local.ModelFiles.allMiniLmL6V2Quantized()),
                        io.rerankworkbench.app.ModelLibraryStore.inMemory(),
                        f -> { throw new IllegalStateException("no model is loaded to search an engine"); }),
                (engine, query, depth, cancel) -> engines.search(engine, query, depth, cancel).stream()
                        .map(h -> new io.rerankworkbench.app.RetrievalService.EngineHit(h.id(), h.title(), h.text(),
                                h.score())).toList());
        try (io.rerankworkbench.store.ProjectStore store = io.rerankworkbench.store.ProjectStore.create(
                work.resolve("solr-project.rwb"))) {
            long energy = store.addQuery("q1", "solar panels").id();
            long bread = store.addQuery("q2", "sourdough flour").id();

            io.rerankworkbench.app.RetrievalService.Report report = retrieval.retrieve(store,
                    new io.rerankworkbench.app.RetrievalService.Request(
                            new io.rerankworkbench.app.RetrievalService.Engine("team-solr"), 5, List.of()),
                    io.rerankworkbench.app.RetrievalService.Progress.NONE, CancellationToken.NONE);

            assertThat(report.retrievedQueries()).isEqualTo(2);
            List<EngineHit> direct = CLIENT.search(docs(), null, "solar panels", 5, CancellationToken.NONE);
            assertThat(store.candidates(energy)).extracting(c -> c.candidate().docId())
                    .containsExactlyElementsOf(direct.stream().map(EngineHit::id).toList());
            io.rerankworkbench.store.StoredRun run = store.runs(energy).get(0);
            assertThat(run.ranking().ranker()).isEqualTo("search engine");
            assertThat(run.ranking().model()).isEqualTo("team-solr");
            assertThat(run.ranking().results().get(0).score()).isEqualTo(direct.get(0).score());
            assertThat(store.candidates(energy).get(0).title()).isEqualTo(direct.get(0).title());
            assertThat(store.candidates(bread).get(0).candidate().docId()).isIn("d05", "d06");
        }
    }
}
