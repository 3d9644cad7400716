package io.rerankworkbench.io.imports;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundleImportTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> messages(ImportResult r) {
        return r.problems().stream().map(ImportProblem::toString).toList();
    }

    static final String GOOD = """
            {
              "format": "rerank-workbench-bundle",
              "version": 1,
              "exported_at": "2026-11-25T10:00:00Z",
              "queries": [
                {"id": "q1", "text": "capital of france", "created_at": "2026-11-20T09:00:00Z",
                 "candidates": [
                   {"doc": "d1", "original_rank": 1, "first_stage_score": 12.5},
                   {"doc": "d2", "original_rank": 2, "first_stage_score": null}
                 ]}
              ],
              "documents": [
                {"key": "d1", "id": "paris", "title": null, "text": "Paris is the capital of France."},
                {"key": "d2", "id": "lyon", "title": "Lyon", "text": "Lyon is a city."}
              ],
              "labeling_sessions": [
                {"key": "s1", "name": "first pass",
                 "scale": {"name": "binary", "ordinal": true, "levels": [{"grade": 0, "label": "no"}, {"grade": 1, "label": "yes"}]},
                 "annotator": "ana", "seed": 42, "blind": true, "created_at": "2026-11-21T00:00:00Z", "queries": ["q1"]}
              ],
              "runs": [
                {"key": "7", "query": "q1", "ranker_kind": "cross-encoder", "model": "ms-marco-MiniLM-L-6-v2",
                 "params": {"long_documents": "truncate"}, "started_at": "2026-11-22T00:00:00Z", "finished_at": null,
                 "duration_ms": 41.2, "usage": null, "status": "completed",
                 "scores": [
                   {"doc": "d2", "score": 1.5, "probability": null, "rank": 2, "tokens_dropped": 3, "chunk": [0, 100]},
                   {"doc": "d1", "score": 8.61, "probability": 0.9998, "rank": 1, "tokens_dropped": 0, "chunk": null}
                 ]}
              ],
              "judgments": [
                {"query": "q1", "doc": "d1", "grade": 1, "annotator": "ana", "session": "s1",
                 "created_at": "2026-11-23T00:00:00Z", "note": null},
                {"query": "q1", "doc": "d1", "grade": 0, "annotator": "ana", "session": null, "created_at": null,
                 "note": "changed my mind"}
              ]
            }
            """;

    /**
     * {@link #GOOD} as version 2 with a corpus: lyon (a candidate) and nice (no query's candidate), one entry per
     * line.
     */
    static final String WITH_CORPUS = GOOD
            .replace("\"version\": 1,", "\"version\": 2,")
            .replace("""
                {"key": "d2", "id": "lyon", "title": "Lyon", "text": "Lyon is a city."}
              ],
            """, """
                {"key": "d2", "id": "lyon", "title": "Lyon", "text": "Lyon is a city."},
                {"key": "d3", "id": "nice", "title": null, "text": "Nice is by the sea."}
              ],
              "corpus": [
                "d2",
                "d3"
              ],
            """);

    @Test
    void readsEveryPartOfAGoodBundle() throws Exception {
        Path f = file("p.rwb.json", GOOD);

        ImportResult r = BundleImport.read(f, false);

        assertThat(r.problems()).isEmpty();
        ProjectData d = r.data();
        assertThat(d.queries()).containsExactly(new QueryRecord("q1", "capital of france",
                Instant.parse("2026-11-20T09:00:00Z"),
                List.of(new CandidateRecord("d1", 1, 12.5), new CandidateRecord("d2", 2, Double.NaN))));
        assertThat(d.documents()).containsExactly(
                new DocumentRecord("d1", "paris", null, "Paris is the capital of France."),
                new DocumentRecord("d2", "lyon", "Lyon", "Lyon is a city."));
        assertThat(d.sessions()).containsExactly(new SessionRecord("s1", "first pass",
                "{\"name\":\"binary\",\"ordinal\":true,\"levels\":[{\"grade\":0,\"label\":\"no\"},"
                        + "{\"grade\":1,\"label\":\"yes\"}]}",
                "ana", 42, true, Instant.parse("2026-11-21T00:00:00Z"), List.of("q1")));
        assertThat(d.runs()).containsExactly(new RunRecord("7", "q1", "cross-encoder", "ms-marco-MiniLM-L-6-v2",
                "{\"long_documents\":\"truncate\"}", Instant.parse("2026-11-22T00:00:00Z"), null, 41.2, null,
                "completed", List.of(
                new RunScoreRecord("d1", 8.61, 0.9998, 1, 0, -1, -1),
                new RunScoreRecord("d2", 1.5, Double.NaN, 2, 3, 0, 100))));
        assertThat(d.judgments()).containsExactly(
                new JudgmentRecord("q1", "d1", 1, "ana", "s1", Instant.parse("2026-11-23T00:00:00Z"), null,
                        "p.rwb.json:31"),
                new JudgmentRecord("q1", "d1", 0, "ana", null, null, "changed my mind", "p.rwb.json:33"));
    }

    @Test
    void readsTheCorpusWithTheLineOfEachEntry() throws Exception {
        Path f = file("c.json", WITH_CORPUS);

        ImportResult r = BundleImport.read(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().documents()).extracting(DocumentRecord::id).containsExactly("paris", "lyon", "nice");
        assertThat(r.data().corpus()).containsExactly(new CorpusRecord("d2"), new CorpusRecord("d3"));
        assertThat(r.data().corpus()).extracting(CorpusRecord::origin).containsExactly("c.json:18", "c.json:19");
        assertThat(WITH_CORPUS.lines().toList().get(17).strip()).isEqualTo("\"d2\",");
        // everything else is read as from the bundle without a corpus
        ProjectData plain = BundleImport.read(file("p.json", GOOD), false).data();
        assertThat(plain.corpus()).isEmpty();
        assertThat(r.data().queries()).isEqualTo(plain.queries());
        assertThat(r.data().runs()).isEqualTo(plain.runs());
        assertThat(r.data().sessions()).isEqualTo(plain.sessions());

        // a hand-written version 1 bundle with a corpus is read too: version 2 only tells older readers to refuse
        assertThat(BundleImport.read(file("v1.json", WITH_CORPUS.replace("\"version\": 2,", "\"version\": 1,")),
                false).data().corpus()).hasSize(2);
    }

    /** Two queries; q1 has two variants (one per line, lines 9 and 10) and runs of its own text and of variant v1. */
    static final String WITH_VARIANTS = """
            {
              "format": "rerank-workbench-bundle",
              "version": 3,
              "queries": [
                {"id": "q1", "text": "capital of france", "created_at": "2026-11-20T09:00:00Z",
                 "candidates": [{"doc": "d1", "original_rank": 1, "first_stage_score": null},
                                {"doc": "d2", "original_rank": 2, "first_stage_score": null}],
                 "variants": [
                   {"key": "v1", "text": "french capital", "created_at": "2026-11-21T09:00:00Z"},
                   {"key": "v2", "text": "seat of the french government", "created_at": null}
                 ]},
                {"id": "q2", "text": "lyon", "candidates": [{"doc": "d2", "original_rank": 1}]}
              ],
              "documents": [
                {"key": "d1", "id": "paris", "title": null, "text": "Paris is the capital of France."},
                {"key": "d2", "id": "lyon", "title": null, "text": "Lyon is a city."}
              ],
              "runs": [
                {"key": "7", "query": "q1", "ranker_kind": "bm25", "model": "bm25", "status": "completed",
                 "scores": [{"doc": "d1", "score": 2.0, "rank": 1}]},
                {"key": "8", "query": "q1", "ranker_kind": "bi-encoder", "model": "minilm", "status": "completed",
                 "scores": [{"doc": "d2", "score": 0.9, "rank": 1}, {"doc": "d1", "score": 0.4, "rank": 2}],
                 "variant": "v1"}
              ]
            }
            """;

    @Test
    void readsVariantsAndTheVariantOfARun() throws Exception {
        ImportResult r = BundleImport.read(file("v.json", WITH_VARIANTS), false);

        assertThat(messages(r)).isEmpty();
        QueryRecord q1 = r.data().queries().get(0);
        assertThat(q1.variants()).containsExactly(
                new VariantRecord("v1", "french capital", Instant.parse("2026-11-21T09:00:00Z")),
                new VariantRecord("v2", "seat of the french government", null));
        assertThat(q1.variants()).extracting(VariantRecord::origin).containsExactly("v.json:9", "v.json:10");
        assertThat(r.data().queries().get(1).variants()).isEmpty();
        assertThat(r.data().runs()).extracting(RunRecord::key, RunRecord::variantKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("7", null),
                        org.assertj.core.groups.Tuple.tuple("8", "v1"));
    }

    @Test
    void badVariantsAndVariantReferencesAreProblemsAtTheirLines() throws Exception {
        Path f = file("v.json", WITH_VARIANTS.replace("""
                   {"key": "v2", "text": "seat of the french government", "created_at": null}
                 ]},
            """, """
                   {"key": "v2", "text": "seat of the french government", "created_at": null},
                   {"key": "v1", "text": "another", "created_at": null},
                   {"key": "v3", "text": " french capital ", "created_at": null},
                   {"key": "v4", "text": "capital of france"},
                   {"key": "v5", "text": "  "},
                   {"key": "v6", "text": "x", "colour": "red"},
                   {"text": "no key"}
                 ]},
            """).replace("\"variant\": \"v1\"}", """
                "variant": "v1"},
                {"key": "9", "query": "q1", "ranker_kind": "bm25", "model": "bm25", "status": "completed",
                 "scores": [{"doc": "d1", "score": 1.0, "rank": 1}], "variant": "v9"},
                {"key": "10", "query": "q2", "ranker_kind": "bm25", "model": "bm25", "status": "completed",
                 "scores": [{"doc": "d2", "score": 1.0, "rank": 1}], "variant": "v2"},
                {"key": "11", "query": "q1", "ranker_kind": "bm25", "model": "bm25", "status": "completed",
                 "scores": [], "variant": 5}""".strip()));

        ImportResult r = BundleImport.read(f, true);

        assertThat(messages(r)).containsExactly(
                "v.json:11: variant key \"v1\" appears twice (first on line 9)",
                "v.json:12: query \"q1\" has the variant text \" french capital \" twice (first on line 9)",
                "v.json:13: variant \"v4\" has the text of query \"q1\" itself",
                "v.json:14: variant: field \"text\" must not be blank",
                "v.json:15: variant: unknown field \"colour\"",
                "v.json:16: variant: missing field \"key\"",
                "v.json:30: run refers to variant \"v9\", which is not a variant of query \"q1\"",
                "v.json:32: run refers to variant \"v2\", which is not a variant of query \"q2\" (it is one of query "
                        + "\"q1\")",
                "v.json:34: run: field \"variant\" must be a string, found number");
        assertThat(r.fatal()).isFalse();
        assertThat(r.data().queries().get(0).variants()).extracting(VariantRecord::key).containsExactly("v1", "v2");
        assertThat(r.data().runs()).extracting(RunRecord::key).containsExactly("7", "8");

        ImportResult notArray = BundleImport.read(file("n.json", WITH_VARIANTS.replaceAll(
                "(?s)\"variants\": \\[.*?\\]\\},", "\"variants\": \"french capital\"},")), true);
        // the query is left out, and its runs with it
        assertThat(messages(notArray)).containsExactly("n.json:5: query: field \"variants\" must be an array",
                "n.json:16: run refers to query \"q1\", which is not in \"queries\"",
                "n.json:18: run refers to variant \"v1\", which is not a variant of query \"q1\"",
                "n.json:18: run refers to query \"q1\", which is not in \"queries\"");
    }

    @Test
    void badCorpusEntriesAreProblemsAtTheirLines() throws Exception {
        Path f = file("c.json", WITH_CORPUS.replace("""
                "d2",
                "d3"
              ],
            """, """
                "d2",
                "d9",
                7,
                "d2",
                "d1",
                "d3",
                "d4"
              ],
            """).replace("""
                {"key": "d3", "id": "nice", "title": null, "text": "Nice is by the sea."}
            """, """
                {"key": "d3", "id": "nice", "title": null, "text": "Nice is by the sea."},
                {"key": "d4", "id": "lyon", "title": null, "text": "Another Lyon."}
            """));

        ImportResult r = BundleImport.read(f, true);

        assertThat(messages(r)).containsExactly(
                "c.json:20: corpus refers to document \"d9\", which is not in \"documents\"",
                "c.json:21: corpus: an entry must be a document key (a string), found number",
                "c.json:22: document \"d2\" is in the corpus twice (first on line 19)",
                "c.json:25: corpus document \"d4\" has the id \"lyon\" of corpus document \"d2\" (line 19); a corpus "
                        + "id names one document");
        assertThat(r.fatal()).isFalse();
        assertThat(r.skippedRows()).isEqualTo(4);
        assertThat(r.data().corpus()).extracting(CorpusRecord::documentKey).containsExactly("d2", "d1", "d3");

        Path notAnArray = file("n.json", WITH_CORPUS.replace("\"corpus\": [", "\"corpus\": \"d2\", \"x\": ["));
        ImportResult n = BundleImport.read(notAnArray, false);
        assertThat(n.fatal()).isTrue();
        assertThat(messages(n)).contains("n.json:17: field \"corpus\" must be an array");
    }

    @Test
    void danglingReferencesAreProblemsAtTheirLines() throws Exception {
        Path f = file("b.json", GOOD
                .replace("{\"doc\": \"d2\", \"original_rank\": 2", "{\"doc\": \"d9\", \"original_rank\": 2")
                .replace("\"query\": \"q1\", \"doc\": \"d1\", \"grade\": 0", "\"query\": \"q7\", \"doc\": \"d1\", \"grade\": 0")
                .replace("\"session\": \"s1\"", "\"session\": \"s2\""));

        ImportResult r = BundleImport.read(f, true);

        assertThat(messages(r)).containsExactly(
                "b.json:9: candidate refers to document \"d9\", which is not in \"documents\"",
                "b.json:26: score refers to document \"d2\", which is not a candidate of query \"q1\"",
                "b.json:31: judgment refers to labeling session \"s2\", which is not in \"labeling_sessions\"",
                "b.json:33: judgment refers to query \"q7\", which is not in \"queries\"");
        assertThat(r.skippedRows()).isEqualTo(4);
        assertThat(r.fatal()).isFalse();
        assertThat(r.data().queries().get(0).candidates()).hasSize(1);
        assertThat(r.data().runs().get(0).scores()).hasSize(1);
        assertThat(r.data().judgments()).isEmpty();
    }

    @Test
    void typesDuplicatesAndUnknownFields() throws Exception {
        Path f = file("b.json", """
                {"format": "rerank-workbench-bundle", "version": 1,
                 "documents": [
                   {"key": "d1", "id": "x", "text": "one"},
                   {"key": "d1", "id": "y", "text": "two"},
                   {"key": "d3", "id": 5, "text": "three", "colour": "red"}
                 ],
                 "queries": [
                   {"id": "q1", "text": "a", "candidates": [{"doc": "d1", "original_rank": 0}]},
                   {"id": "q1", "text": "b", "candidates": []},
                   {"id": "q2", "text": "c", "created_at": "yesterday"}
                 ],
                 "runs": [
                   {"key": "r1", "query": "q1", "ranker_kind": "bm25", "model": "m", "status": "done", "scores": []},
                   {"key": "r2", "query": "q1", "ranker_kind": "bm25", "model": "m", "status": "failed",
                    "scores": [{"doc": "d1", "score": "high", "rank": 1, "chunk": [5, 2]}]}
                 ],
                 "judgments": [{"query": "q1", "doc": "d1", "grade": 1.5}]
                }
                """);

        ImportResult r = BundleImport.read(f, false);

        assertThat(messages(r)).containsExactly(
                "b.json:4: document key \"d1\" appears twice (first on line 3)",
                "b.json:5: document: unknown field \"colour\"",
                "b.json:5: document: field \"id\" must be a string, found number",
                "b.json:8: candidate: field \"original_rank\" must be ≥ 1, found 0",
                "b.json:9: query id \"q1\" appears twice (first on line 8)",
                "b.json:10: query: field \"created_at\" is not an ISO-8601 UTC time: \"yesterday\"",
                "b.json:13: run: field \"status\" must be completed, failed or cancelled, found \"done\"",
                "b.json:15: score: field \"score\" must be a number or null, found string",
                "b.json:15: score: field \"chunk\" must be null or [start, end] with 0 ≤ start ≤ end, found [5,2]",
                "b.json:15: score refers to document \"d1\", which is not a candidate of query \"q1\"",
                "b.json:17: judgment: field \"grade\" must be an integer, found 1.5");
        assertThat(r.fatal()).isFalse();
    }

    @Test
    void wrongFormatVersionAndSyntaxAreFatal() throws Exception {
        Path other = file("other.json", "{\"format\": \"something-else\", \"version\": 1}");
        Path newer = file("newer.json", "{\"format\": \"rerank-workbench-bundle\", \"version\": 4, \"queries\": []}");
        Path zero = file("zero.json", "{\"format\": \"rerank-workbench-bundle\", \"version\": 0, \"queries\": []}");
        Path broken = file("broken.json", "{\"format\": \"rerank-workbench-bundle\",\n \"version\": 1,\n \"queries\": [\n{]}");
        Path array = file("array.json", "[1, 2]");
        Path unknown = file("unknown.json", "{\"format\": \"rerank-workbench-bundle\", \"version\": 1,\n\"extra\": 1}");
        Path twice = file("twice.json", "{\"format\": \"rerank-workbench-bundle\", \"version\": 1,\n\"runs\": [],\n\"runs\": []}");

        assertThat(messages(BundleImport.read(other, true))).containsExactly(
                "other.json: not a Rerank Workbench bundle: \"format\" is not \"rerank-workbench-bundle\"");
        assertThat(messages(BundleImport.read(newer, true))).containsExactly(
                "newer.json: bundle version 4 is not one this version of Rerank Workbench reads (it reads versions 1 "
                        + "to 3)");
        assertThat(messages(BundleImport.read(zero, true))).containsExactly(
                "zero.json: bundle version 0 is not one this version of Rerank Workbench reads (it reads versions 1 "
                        + "to 3)");
        ImportResult b = BundleImport.read(broken, true);
        assertThat(messages(b)).hasSize(1);
        assertThat(messages(b).get(0)).startsWith("broken.json:4: not valid JSON: Unexpected close marker ']'");
        assertThat(b.fatal()).isTrue();
        assertThat(messages(BundleImport.read(array, true))).containsExactly(
                "array.json:1: expected a JSON object (a project bundle)");
        assertThat(messages(BundleImport.read(unknown, true))).containsExactly(
                "unknown.json:2: unknown field \"extra\"");
        assertThat(messages(BundleImport.read(twice, false))).containsExactly(
                "twice.json:3: field \"runs\" appears twice");
    }

    @Test
    void largeBundleStreams() throws Exception {
        StringBuilder sb = new StringBuilder("{\"format\": \"rerank-workbench-bundle\", \"version\": 1,\n"
                + "\"queries\": [\n");
        int queries = 1000;
        int perQuery = 100;
        for (int q = 0; q < queries; q++) {
            sb.append(q == 0 ? "" : ",\n").append("{\"id\": \"q").append(q).append("\", \"text\": \"query ")
                    .append(q).append("\", \"candidates\": [");
            for (int c = 0; c < perQuery; c++) {
                sb.append(c == 0 ? "" : ",").append("\n{\"doc\": \"d").append(q * perQuery + c)
                        .append("\", \"original_rank\": ").append(c + 1).append(", \"first_stage_score\": 1.5}");
            }
            sb.append("]}");
        }
        sb.append("],\n\"documents\": [\n");
        for (int i = 0; i < queries * perQuery; i++) {
            sb.append(i == 0 ? "" : ",\n").append("{\"key\": \"d").append(i).append("\", \"id\": \"")
                    .append(i).append("\", \"title\": null, \"text\": \"text ").append(i).append("\"}");
        }
        sb.append("]}\n");
        Path f = file("big.rwb.json", sb.toString());

        ImportResult r = BundleImport.read(f, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.data().candidateCount()).isEqualTo(100_000);
        assertThat(r.data().documents()).hasSize(100_000);
    }
}
