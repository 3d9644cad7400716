package io.rerankworkbench.store;

import io.rerankworkbench.core.project.ProjectData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplanationRepositoryTest {

    private static final String OCCLUSION = "{\"units\":[\"Paris\",\"is\",\"the\",\"capital.\"],"
            + "\"drops\":[3.25,0.01,-0.02,1.5]}";

    @TempDir
    Path dir;

    private Path file;
    private ProjectStore store;
    private ExplanationRepository repo;
    private long q1;
    private long q2;
    private long[] docs1;
    private String fp1;

    @BeforeEach
    void project() throws Exception {
        file = dir.resolve("p.rwb");
        store = ProjectStore.create(file);
        q1 = store.addQuery("q1", "capital of france").id();
        q2 = store.addQuery("q2", "tallest mountain").id();
        docs1 = store.addCandidates(q1, List.of(new NewCandidate(1, "d1", "Paris is the capital."),
                new NewCandidate(2, "d2", "Lyon is a city.")), ImportProgress.NONE);
        store.addCandidates(q2, List.of(new NewCandidate(1, "e1", "Everest.")), ImportProgress.NONE);
        repo = new ExplanationRepository(store);
        fp1 = ExplanationRepository.fingerprint("capital of france", "Paris is the capital.");
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aKeptExplanationIsFoundByItsKeyAndFingerprint() {
        repo.put(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1, OCCLUSION);

        StoredExplanation found = repo.find(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1)
                .orElseThrow();
        assertThat(found.queryId()).isEqualTo(q1);
        assertThat(found.documentId()).isEqualTo(docs1[0]);
        assertThat(found.ranker()).isEqualTo("Cohere rerank-v3.5");
        assertThat(found.method()).isEqualTo("occlusion");
        assertThat(found.settings()).isEqualTo("unit=word");
        assertThat(found.fingerprint()).isEqualTo(fp1);
        assertThat(found.payload()).isEqualTo(OCCLUSION);
        assertThat(found.createdAt()).isNotNull().isBeforeOrEqualTo(Instant.now());
        assertThat(repo.count(q1)).isEqualTo(1);
        assertThat(repo.count(q2)).isZero();

        // every part of the key matters
        assertThat(repo.find(q1, docs1[1], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1)).isEmpty();
        assertThat(repo.find(q2, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1)).isEmpty();
        assertThat(repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1)).isEmpty();
        assertThat(repo.find(q1, docs1[0], "Cohere rerank-v3.5", "attention", "unit=word", fp1)).isEmpty();
        assertThat(repo.find(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=sentence", fp1)).isEmpty();
    }

    @Test
    void anExplanationOfOtherTextsIsNotFound() {
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        store.updateQueryText(q1, "capital city of france");
        String edited = ExplanationRepository.fingerprint("capital city of france", "Paris is the capital.");

        assertThat(repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", edited)).isEmpty();
        // the old one is still kept (and counted) until a new one replaces it
        assertThat(repo.count(q1)).isEqualTo(1);
        assertThat(repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1)).isPresent();
    }

    @Test
    void putReplacesTheExplanationWithTheSameKey() {
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        StoredExplanation first = repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1).orElseThrow();
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=sentence", fp1, "{\"drops\":[4.0]}");
        String edited = ExplanationRepository.fingerprint("capital city of france", "Paris is the capital.");
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", edited, "{\"drops\":[1.0]}");

        assertThat(repo.count(q1)).isEqualTo(2);
        assertThat(repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1)).isEmpty();
        StoredExplanation replaced = repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", edited)
                .orElseThrow();
        assertThat(replaced.payload()).isEqualTo("{\"drops\":[1.0]}");
        assertThat(replaced.id()).as("replaced in place").isEqualTo(first.id());
        assertThat(replaced.createdAt()).isAfterOrEqualTo(first.createdAt());
        assertThat(repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=sentence", fp1))
                .get().extracting(StoredExplanation::payload).isEqualTo("{\"drops\":[4.0]}");
    }

    @Test
    void explanationsSurviveCloseAndReopen() throws Exception {
        repo.put(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1, OCCLUSION);
        store.close();
        store = ProjectStore.open(file);
        repo = new ExplanationRepository(store);
        assertThat(repo.find(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1))
                .get().extracting(StoredExplanation::payload).isEqualTo(OCCLUSION);
    }

    @Test
    void deletingAQueryDeletesItsExplanationsOnly() {
        long[] docs2 = store.candidates(q2).stream().mapToLong(StoredCandidate::documentId).toArray();
        String fp2 = ExplanationRepository.fingerprint("tallest mountain", "Everest.");
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        repo.put(q1, docs1[1], "MiniLM", "attention", "layer=mean;head=mean", fp1, "[]");
        repo.put(q2, docs2[0], "MiniLM", "occlusion", "unit=word", fp2, OCCLUSION);

        store.deleteQuery(q1);

        assertThat(repo.count(q1)).isZero();
        assertThat(repo.list(q1)).isEmpty();
        assertThat(repo.count(q2)).isEqualTo(1);
        assertThat(repo.find(q2, docs2[0], "MiniLM", "occlusion", "unit=word", fp2)).isPresent();
    }

    @Test
    void aDuplicatedQueryStartsWithoutExplanations() {
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        StoredQuery copy = store.duplicateQuery(q1, "q1-copy");
        assertThat(repo.count(copy.id())).isZero();
        assertThat(repo.count(q1)).isEqualTo(1);
    }

    @Test
    void saveAsCopiesThem() throws Exception {
        repo.put(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1, OCCLUSION);
        Path copy = dir.resolve("copy.rwb");
        store.copyTo(copy);
        try (ProjectStore copied = ProjectStore.open(copy)) {
            assertThat(new ExplanationRepository(copied)
                    .find(q1, docs1[0], "Cohere rerank-v3.5", "occlusion", "unit=word", fp1))
                    .get().extracting(StoredExplanation::payload).isEqualTo(OCCLUSION);
        }
    }

    @Test
    void aBundleCarriesTheProjectButNotItsExplanations() throws Exception {
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        ProjectData data = ProjectReader.read(store, List.of(q1, q2));
        try (ProjectStore imported = ProjectStore.create(dir.resolve("imported.rwb"))) {
            assertThat(ProjectWriter.write(imported, data, ImportProgress.NONE).written()).isTrue();
            assertThat(imported.listQueries()).extracting(StoredQuery::externalId).containsExactly("q1", "q2");
            ExplanationRepository importedRepo = new ExplanationRepository(imported);
            for (StoredQuery q : imported.listQueries()) {
                assertThat(importedRepo.count(q.id())).isZero();
            }
        }
    }

    @Test
    void listedExplanationsAreRestoredUnderTheNewKeyOfTheirQuery() {
        repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        repo.put(q1, docs1[1], "MiniLM", "occlusion", "unit=word",
                ExplanationRepository.fingerprint("capital of france", "Lyon is a city."), "{\"drops\":[]}");
        List<StoredExplanation> kept = repo.list(q1);
        assertThat(kept).extracting(StoredExplanation::documentId).containsExactly(docs1[0], docs1[1]);

        store.deleteQuery(q1);
        long restored = store.addQuery("q1", "capital of france").id();
        // the restored query lost its second candidate: that explanation has nowhere to go
        store.addCandidates(restored, List.of(new NewCandidate(1, "d1", "Paris is the capital.")),
                ImportProgress.NONE);

        assertThat(repo.restore(restored, kept)).isEqualTo(1);
        StoredExplanation back = repo.find(restored, docs1[0], "MiniLM", "occlusion", "unit=word", fp1)
                .orElseThrow();
        assertThat(back.payload()).isEqualTo(OCCLUSION);
        assertThat(back.createdAt()).isEqualTo(kept.get(0).createdAt());
        assertThat(repo.count(restored)).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> repo.put(q1, docs1[0], " ", "occlusion", "unit=word", fp1, OCCLUSION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranker");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", null, "unit=word", fp1, OCCLUSION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", "occlusion", null, fp1, OCCLUSION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", "abc", OCCLUSION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fingerprint")
                .hasMessageContaining("\"abc\"");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1.toUpperCase(),
                OCCLUSION)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, "{\"drops\":[1,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload is not valid JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> repo.put(q1, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, "{} {}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one JSON value");
        assertThatThrownBy(() -> repo.find(q1, docs1[0], "MiniLM", "occlusion", "unit=word", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fingerprint");
        assertThat(repo.count(q1)).as("nothing half-written").isZero();

        // empty settings are a method with nothing to set, not a mistake
        repo.put(q1, docs1[0], "MiniLM", "similarity", "", fp1, "{}");
        assertThat(repo.find(q1, docs1[0], "MiniLM", "similarity", "", fp1)).isPresent();
    }

    @Test
    void aMissingQueryOrDocumentIsNamed() {
        assertThatThrownBy(() -> repo.put(999, docs1[0], "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION))
                .isInstanceOf(StoreException.class).hasMessageContaining("p.rwb").hasMessageContaining("no query 999");
        assertThatThrownBy(() -> repo.put(q1, 999, "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION))
                .isInstanceOf(StoreException.class).hasMessageContaining("no document 999");
    }

    @Test
    void theFingerprintKeepsTheBoundaryBetweenTheTexts() {
        assertThat(ExplanationRepository.fingerprint("ab", "c")).isNotEqualTo(ExplanationRepository.fingerprint(
                "a", "bc"));
        assertThat(ExplanationRepository.fingerprint("q", "d")).isNotEqualTo(ExplanationRepository.fingerprint(
                "d", "q"));
        // The documented encoding, computed independently (Python: sha256 over struct.pack('>Q', len) + utf-8):
        // anyone reading the file can check which texts an explanation belongs to.
        assertThat(fp1).isEqualTo("d4a3fa9509f6cb33a976b256c5170ff99baccd3a37d33fc7ac02a6e35857034e");
        assertThat(ExplanationRepository.fingerprint("café crème", "naïve — 東京"))
                .isEqualTo("832436ca8f587371020c4f3f1effefb2aa4952c9238b968e9e8e3c390debb20f");
        assertThat(ExplanationRepository.fingerprint("", ""))
                .isEqualTo("374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb");
        assertThatThrownBy(() -> ExplanationRepository.fingerprint(null, "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query text");
    }

    @Test
    void aVersionTwoFileKeepsItsDataAndGainsTheTable() throws Exception {
        store.close();
        Path old = dir.resolve("v2.rwb");
        Migrations versionTwo = new Migrations(List.of(new Migrations.Step(1, "v1", Migrations.V1),
                new Migrations.Step(2, "v2", Migrations.V2)));
        long query;
        long document;
        long session;
        try (ProjectStore v2 = ProjectStore.create(old, versionTwo)) {
            query = v2.addQuery("q1", "capital of france").id();
            document = v2.addCandidates(query, List.of(new NewCandidate(1, "d1", "Paris is the capital.")),
                    ImportProgress.NONE)[0];
            session = new LabelingRepository(v2).createSession("pass", "{\"name\":\"binary\"}", "ana", 7, true,
                    List.of(query)).id();
            new LabelingRepository(v2).grade(session, query, document, 1, "on topic");
            assertThat(v2.schemaVersion()).isEqualTo(2);
        }
        assertThat(tables(old)).doesNotContain("explanations");

        store = ProjectStore.open(old);
        assertThat(store.schemaVersion()).isEqualTo(Migrations.standard().latestVersion());
        assertThat(store.listQueries()).extracting(StoredQuery::externalId, StoredQuery::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("q1", "capital of france"));
        assertThat(store.judgments(query)).extracting(Judgment::grade, Judgment::note, Judgment::sessionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "on topic", session));
        assertThat(new LabelingRepository(store).sessionQueryIds(session)).containsExactly(query);
        repo = new ExplanationRepository(store);
        repo.put(query, document, "MiniLM", "occlusion", "unit=word", fp1, OCCLUSION);
        assertThat(repo.find(query, document, "MiniLM", "occlusion", "unit=word", fp1)).isPresent();
        store.close();
        assertThat(tables(old)).contains("explanations");
        store = ProjectStore.open(old); // for @AfterEach
    }

    private static List<String> tables(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
