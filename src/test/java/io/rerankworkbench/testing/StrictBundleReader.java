package io.rerankworkbench.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.rerankworkbench.io.imports.ImportResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A minimal, strict reader of project bundles (docs/PROJECT_FORMAT.md) for tests: every documented field must be
 * present, no other field may be, and types must match; a bundle is version 3 exactly when it has variants (a
 * query's non-empty {@code variants} after its {@code candidates}, a run's {@code variant} after its {@code scores}),
 * else version 2 exactly when it has a {@code corpus} (after {@code documents}), else version 1; anything else
 * throws. The app's tolerant bundle parser lives
 * with the other importers; this one checks that what the writer produces is exactly the contract.
 */
public final class StrictBundleReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictBundleReader() {
    }

    public static ImportResult read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        boolean withCorpus = root.has("corpus");
        if (withCorpus) {
            fields(root, "bundle", "format", "version", "exported_at", "queries", "documents", "corpus",
                    "labeling_sessions", "runs", "judgments");
        } else {
            fields(root, "bundle", "format", "version", "exported_at", "queries", "documents", "labeling_sessions",
                    "runs", "judgments");
        }
        boolean withVariants = false;
        for (JsonNode q : array(root, "queries")) {
            withVariants |= q.has("variants");
        }
        for (JsonNode r : array(root, "runs")) {
            withVariants |= r.has("variant");
        }
        if (!"rerank-workbench-bundle".equals(text(root, "format"))
                || root.get("version").intValue() != (withVariants ? 3 : withCorpus ? 2 : 1)) {
            throw new IllegalArgumentException("not a version 1 bundle, a version 2 bundle with a corpus, nor a "
                    + "version 3 bundle with variants");
        }
        Instant.parse(text(root, "exported_at"));
        List<QueryRecord> queries = new ArrayList<>();
        for (JsonNode q : array(root, "queries")) {
            if (q.has("variants")) {
                fields(q, "query", "id", "text", "created_at", "candidates", "variants");
            } else {
                fields(q, "query", "id", "text", "created_at", "candidates");
            }
            List<CandidateRecord> candidates = new ArrayList<>();
            for (JsonNode c : array(q, "candidates")) {
                fields(c, "candidate", "doc", "original_rank", "first_stage_score");
                candidates.add(new CandidateRecord(text(c, "doc"), integer(c, "original_rank"),
                        number(c, "first_stage_score")));
            }
            List<VariantRecord> variants = new ArrayList<>();
            if (q.has("variants")) {
                if (array(q, "variants").isEmpty()) {
                    throw new IllegalArgumentException("a query without variants has no \"variants\": " + q);
                }
                for (JsonNode v : array(q, "variants")) {
                    fields(v, "variant", "key", "text", "created_at");
                    variants.add(new VariantRecord(text(v, "key"), text(v, "text"), instant(v, "created_at")));
                }
            }
            queries.add(new QueryRecord(text(q, "id"), text(q, "text"), instant(q, "created_at"), candidates,
                    variants, null));
        }
        List<DocumentRecord> documents = new ArrayList<>();
        for (JsonNode d : array(root, "documents")) {
            fields(d, "document", "key", "id", "title", "text");
            documents.add(new DocumentRecord(text(d, "key"), text(d, "id"), text(d, "title"), text(d, "text")));
        }
        List<SessionRecord> sessions = new ArrayList<>();
        for (JsonNode s : array(root, "labeling_sessions")) {
            fields(s, "session", "key", "name", "scale", "annotator", "seed", "blind", "created_at", "queries");
            List<String> covered = new ArrayList<>();
            array(s, "queries").forEach(q -> covered.add(q.textValue()));
            if (!s.get("blind").isBoolean() || !s.get("scale").isObject()) {
                throw new IllegalArgumentException("bad session " + s);
            }
            sessions.add(new SessionRecord(text(s, "key"), text(s, "name"), s.get("scale").toString(),
                    text(s, "annotator"), s.get("seed").longValue(), s.get("blind").booleanValue(),
                    instant(s, "created_at"), covered));
        }
        List<RunRecord> runs = new ArrayList<>();
        for (JsonNode r : array(root, "runs")) {
            if (r.has("variant")) {
                fields(r, "run", "key", "query", "ranker_kind", "model", "params", "started_at", "finished_at",
                        "duration_ms", "usage", "status", "scores", "variant");
            } else {
                fields(r, "run", "key", "query", "ranker_kind", "model", "params", "started_at", "finished_at",
                        "duration_ms", "usage", "status", "scores");
            }
            List<RunScoreRecord> scores = new ArrayList<>();
            for (JsonNode s : array(r, "scores")) {
                fields(s, "score", "doc", "score", "probability", "rank", "tokens_dropped", "chunk");
                JsonNode chunk = s.get("chunk");
                int start = -1;
                int end = -1;
                if (!chunk.isNull()) {
                    if (!chunk.isArray() || chunk.size() != 2) {
                        throw new IllegalArgumentException("bad chunk " + chunk);
                    }
                    start = chunk.get(0).intValue();
                    end = chunk.get(1).intValue();
                }
                scores.add(new RunScoreRecord(text(s, "doc"), number(s, "score"), number(s, "probability"),
                        integer(s, "rank"), integer(s, "tokens_dropped"), start, end));
            }
            runs.add(new RunRecord(text(r, "key"), text(r, "query"), text(r, "ranker_kind"), text(r, "model"),
                    jsonText(r, "params"), instant(r, "started_at"), instant(r, "finished_at"),
                    number(r, "duration_ms"), jsonText(r, "usage"), text(r, "status"), scores,
                    r.has("variant") ? text(r, "variant") : null));
        }
        List<JudgmentRecord> judgments = new ArrayList<>();
        int index = 0;
        for (JsonNode j : array(root, "judgments")) {
            index++;
            fields(j, "judgment", "query", "doc", "grade", "annotator", "session", "created_at", "note");
            judgments.add(new JudgmentRecord(text(j, "query"), text(j, "doc"), integer(j, "grade"),
                    text(j, "annotator"), text(j, "session"), instant(j, "created_at"), text(j, "note"),
                    file.getFileName() + " judgment " + index));
        }
        List<CorpusRecord> corpus = new ArrayList<>();
        if (withCorpus) {
            JsonNode entries = array(root, "corpus");
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("an empty corpus is left out, not written as []");
            }
            for (JsonNode c : entries) {
                if (!c.isTextual()) {
                    throw new IllegalArgumentException("corpus entries must be document keys: " + c);
                }
                corpus.add(new CorpusRecord(c.textValue()));
            }
        }
        return new ImportResult(new ProjectData(queries, documents, sessions, runs, judgments, corpus), List.of(),
                0);
    }

    private static void fields(JsonNode node, String what, String... names) {
        if (!node.isObject() || !Set.of(names).equals(toSet(node))) {
            throw new IllegalArgumentException(what + " must have exactly the fields " + List.of(names) + ": " + node);
        }
        List<String> order = new ArrayList<>();
        node.fieldNames().forEachRemaining(order::add);
        if (!order.equals(List.of(names))) {
            throw new IllegalArgumentException(what + " fields out of the documented order: " + order);
        }
    }

    private static Set<String> toSet(JsonNode node) {
        Set<String> out = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode a = node.get(field);
        if (!a.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        return a;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be text: " + v);
        }
        return v.textValue();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (!v.isInt()) {
            throw new IllegalArgumentException(field + " must be an integer: " + v);
        }
        return v.intValue();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number or null: " + v);
        }
        return v.doubleValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : Instant.parse(t);
    }

    private static String jsonText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v.isNull() ? null : v.toString();
    }
}
