package io.rerankworkbench.store;

import io.rerankworkbench.core.project.CandidateRecord;
import io.rerankworkbench.core.project.CorpusRecord;
import io.rerankworkbench.core.project.DocumentRecord;
import io.rerankworkbench.core.project.JudgmentRecord;
import io.rerankworkbench.core.project.ProjectData;
import io.rerankworkbench.core.project.QueryRecord;
import io.rerankworkbench.core.project.RunRecord;
import io.rerankworkbench.core.project.RunScoreRecord;
import io.rerankworkbench.core.project.SessionRecord;
import io.rerankworkbench.core.project.VariantRecord;
import io.rerankworkbench.testing.SampleProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldWithRowIdsAsKeys() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            SampleProject.fill(store);
            ProjectData data = ProjectReader.read(store, null);
            List<StoredQuery> stored = store.listQueries();

            assertThat(data.queries()).extracting(QueryRecord::id).containsExactly("q1", "q2", "q3");
            assertThat(data.queries().get(0).createdAt()).isEqualTo(stored.get(0).createdAt());
            List<StoredCandidate> q1 = store.candidates(stored.get(0).id());
            assertThat(data.queries().get(0).candidates()).extracting(CandidateRecord::documentKey)
                    .containsExactly(q1.stream().map(c -> Long.toString(c.documentId())).toArray(String[]::new));
            assertThat(data.queries().get(0).candidates().get(1).firstStageScore()).isNaN();
            // paris is shared by q1 and q2: one document; pasted "1" and "2" are documents of their own
            assertThat(data.documents()).extracting(DocumentRecord::id)
                    .containsExactly("paris", "lyon", "d 3", "1", "2");
            assertThat(data.documents().get(0)).isEqualTo(new DocumentRecord(
                    Long.toString(q1.get(0).documentId()), "paris", "Paris", "Paris is the capital of France."));
            assertThat(data.documents().get(1).title()).isNull();

            assertThat(data.runs()).extracting(RunRecord::queryId, RunRecord::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("q1", "completed"),
                            org.assertj.core.groups.Tuple.tuple("q1", "completed"),
                            org.assertj.core.groups.Tuple.tuple("q2", "failed"));
            RunRecord first = data.runs().get(0);
            StoredRun storedFirst = store.runs(stored.get(0).id()).get(0);
            assertThat(first.key()).isEqualTo(Long.toString(storedFirst.id()));
            assertThat(first.durationMs()).isEqualTo(41.234567);
            assertThat(first.startedAt()).isEqualTo(SampleProject.T0.plusSeconds(60));
            assertThat(first.scores()).extracting(RunScoreRecord::rank).containsExactly(1, 2, 3);
            assertThat(first.scores().get(0)).isEqualTo(new RunScoreRecord(Long.toString(q1.get(0).documentId()),
                    8.61, 0.9998, 1, 0, -1, -1));
            assertThat(first.scores().get(1).chunkStart()).isEqualTo(40);
            assertThat(first.scores().get(1).chunkEnd()).isEqualTo(96);
            assertThat(first.scores().get(1).probability()).isNaN();
            assertThat(first.scores().get(2).tokensDropped()).isEqualTo(17);
            assertThat(data.runs().get(2).finishedAt()).isNull();
            assertThat(data.runs().get(2).paramsJson()).isNull();

            assertThat(data.sessions()).extracting(SessionRecord::name, SessionRecord::queryIds)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("first pass", List.of("q2", "q1")),
                            org.assertj.core.groups.Tuple.tuple("second opinion", List.of("q1")));
            assertThat(data.judgments()).extracting(JudgmentRecord::grade).containsExactly(3, 1, 2, 0, 2, 1);
            JudgmentRecord regrade = data.judgments().get(3);
            assertThat(regrade.note()).isEqualTo("regraded: wrong city");
            assertThat(regrade.sessionKey()).isEqualTo(data.sessions().get(0).key());
            assertThat(regrade.createdAt()).isEqualTo(SampleProject.T0.plusSeconds(320));
            assertThat(regrade.origin()).isNull();
            assertThat(data.judgments().get(5).sessionKey()).isNull();
        }
    }

    @Test
    void aSelectionHoldsOnlyWhatItsQueriesUse() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            SampleProject.fill(store);
            store.addLabelingSession("unused", "{}", null, 1, false);
            long q2 = store.listQueries().get(1).id();
            ProjectData data = ProjectReader.read(store, List.of(q2));
            assertThat(data.queries()).extracting(QueryRecord::id).containsExactly("q2");
            assertThat(data.documents()).extracting(DocumentRecord::id).containsExactly("paris", "1", "2");
            assertThat(data.runs()).extracting(RunRecord::model).containsExactly("jina-reranker-v2");
            assertThat(data.sessions()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("first pass");
                assertThat(s.queryIds()).containsExactly("q2");
            });
            assertThat(data.judgments()).extracting(JudgmentRecord::queryId).containsExactly("q2");

            assertThat(ProjectReader.read(store, null).sessions()).extracting(SessionRecord::name)
                    .containsExactly("first pass", "second opinion", "unused");
            assertThatThrownBy(() -> ProjectReader.read(store, List.of(q2, 999L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999");
        }
    }

    @Test
    void theWholeProjectCarriesItsCorpusAndItsDocumentsASelectionNeither() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            SampleProject.fill(store);
            CorpusRepository corpus = new CorpusRepository(store);
            corpus.add(List.of(new CorpusRepository.NewDocument("nice", null, "Nice is by the sea."),
                    new CorpusRepository.NewDocument("paris", "Paris", "Paris is the capital of France.")),
                    ImportProgress.NONE);
            ProjectData data = ProjectReader.read(store, null);

            // in corpus order (paris's row is older: it was a candidate first), as keys of documents read
            assertThat(data.corpus()).containsExactly(
                    new CorpusRecord(Long.toString(corpus.find("paris").orElseThrow().documentKey())),
                    new CorpusRecord(Long.toString(corpus.find("nice").orElseThrow().documentKey())));
            assertThat(data.corpus()).extracting(CorpusRecord::documentKey)
                    .containsExactlyElementsOf(corpus.all().stream().map(e -> Long.toString(e.documentKey()))
                            .toList());
            // nice is no query's candidate and is still among the documents; paris is there once
            assertThat(data.documents()).extracting(DocumentRecord::id)
                    .containsExactly("paris", "lyon", "d 3", "1", "2", "nice");
            assertThat(data.documents().get(5)).isEqualTo(new DocumentRecord(data.corpus().get(1).documentKey(),
                    "nice", null, "Nice is by the sea."));

            ProjectData some = ProjectReader.read(store, List.of(store.listQueries().get(0).id()));
            assertThat(some.corpus()).isEmpty();
            assertThat(some.documents()).extracting(DocumentRecord::id).containsExactly("paris", "lyon", "d 3");
        }
    }

    @Test
    void variantsAndTheirRunsAreReadWithTheirQueryInTheOrderTheyWereMade() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p.rwb"))) {
            SampleProject.fill(store);
            StoredQuery q1 = store.listQueries().get(0);
            VariantRepository variants = new VariantRepository(store);
            StoredVariant v = variants.add(q1.id(), "french capital");
            StoredVariant idle = variants.add(q1.id(), "paris");
            StoredRun own = store.runs(q1.id()).get(0);
            long variantRun = variants.recordRun(v.id(), new io.rerankworkbench.core.Ranking(v.toQuery(q1),
                    own.ranking().results(), "bi-encoder", "minilm", java.time.Duration.ofMillis(2)), null, null,
                    null, null, RunStatus.COMPLETED);

            ProjectData data = ProjectReader.read(store, List.of(q1.id()));

            assertThat(data.queries().get(0).variants()).containsExactly(
                    new VariantRecord(Long.toString(v.id()), "french capital", v.createdAt()),
                    new VariantRecord(Long.toString(idle.id()), "paris", idle.createdAt()));
            // the query's two runs, then the variant's (made last), which names its variant
            assertThat(data.runs()).extracting(RunRecord::queryId, RunRecord::variantKey).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("q1", null), org.assertj.core.groups.Tuple.tuple("q1", null),
                    org.assertj.core.groups.Tuple.tuple("q1", Long.toString(v.id())));
            assertThat(data.runs().get(2).key()).isEqualTo(Long.toString(variantRun));
            assertThat(data.runs().get(2).scores()).hasSameSizeAs(own.ranking().results());
            assertThat(ProjectReader.read(store, List.of(store.listQueries().get(1).id())).queries().get(0)
                    .variants()).isEmpty();
        }
    }
}
