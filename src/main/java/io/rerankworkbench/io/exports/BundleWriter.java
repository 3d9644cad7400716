package io.rerankworkbench.io.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
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

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@link ProjectData} as a project bundle: the JSON of docs/PROJECT_FORMAT.md ("Project bundle"), which any
 * program can read and which imports back without loss.
 *
 * <p>Fields are written in the documented order, indented by two spaces with LF line ends, so two exports of the same
 * data differ only in {@code exported_at}. Numbers that are not available ({@code NaN}) are {@code null}; a chunk is
 * {@code null} or {@code [start, end]}; {@code params}, {@code usage} and {@code scale} are embedded as JSON values,
 * so the text kept in the project must be valid JSON — otherwise the export fails naming the run or session.
 *
 * <p>A bundle with a corpus is {@linkplain #CORPUS_VERSION version 2} and has a {@code corpus} array of document keys
 * after {@code documents}; one without stays {@linkplain #VERSION version 1}, byte for byte what earlier versions of
 * the app wrote, so that they can still read it. (They refuse unknown fields, so a corpus they could not keep is
 * refused as a newer version rather than dropped.) Likewise a bundle with query variants is
 * {@linkplain #VARIANTS_VERSION version 3}: each query with variants has a {@code variants} array after its
 * {@code candidates}, and a run of a variant has a {@code variant} key after {@code scores}; without variants neither
 * field is written.
 */
public final class BundleWriter {

    /** {@code format} of every bundle. */
    public static final String FORMAT = "rerank-workbench-bundle";
    /** {@code version} of a bundle without a corpus. */
    public static final int VERSION = 1;
    /** {@code version} of a bundle with a corpus. */
    public static final int CORPUS_VERSION = 2;
    /** {@code version} of a bundle with query variants (with or without a corpus). */
    public static final int VARIANTS_VERSION = 3;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Instant exportedAt;

    /** @param exportedAt the time written as {@code exported_at} */
    public BundleWriter(Instant exportedAt) {
        this.exportedAt = Objects.requireNonNull(exportedAt, "exportedAt");
    }

    /** Writes the bundle. Does not close {@code out}. */
    public ExportSummary write(ProjectData data, OutputStream out) throws IOException {
        // Parse every embedded JSON text before writing anything, so a bad one fails the export cleanly.
        for (RunRecord r : data.runs()) {
            json(r.paramsJson(), "run " + r.key() + ": params");
            json(r.usageJson(), "run " + r.key() + ": usage");
        }
        for (SessionRecord s : data.sessions()) {
            json(s.scaleJson(), "labeling session " + s.key() + ": scale");
        }
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", version(data));
            g.writeStringField("exported_at", exportedAt.toString());
            g.writeArrayFieldStart("queries");
            for (QueryRecord q : data.queries()) {
                query(g, q);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("documents");
            for (DocumentRecord d : data.documents()) {
                g.writeStartObject();
                g.writeStringField("key", d.key());
                g.writeStringField("id", d.id());
                g.writeStringField("title", d.title());
                g.writeStringField("text", d.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!data.corpus().isEmpty()) {
                g.writeArrayFieldStart("corpus");
                for (CorpusRecord c : data.corpus()) {
                    g.writeString(c.documentKey());
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("labeling_sessions");
            for (SessionRecord s : data.sessions()) {
                session(g, s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("runs");
            for (RunRecord r : data.runs()) {
                run(g, r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("judgments");
            for (JudgmentRecord j : data.judgments()) {
                g.writeStartObject();
                g.writeStringField("query", j.queryId());
                g.writeStringField("doc", j.documentKey());
                g.writeNumberField("grade", j.grade());
                g.writeStringField("annotator", j.annotator());
                g.writeStringField("session", j.sessionKey());
                instant(g, "created_at", j.createdAt());
                g.writeStringField("note", j.note());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        return new ExportSummary(data.queries().size(), data.candidateCount(), List.of());
    }

    /** The oldest version that holds everything in {@code data}, so that older readers read what they can keep. */
    static int version(ProjectData data) {
        boolean variants = data.queries().stream().anyMatch(q -> !q.variants().isEmpty())
                || data.runs().stream().anyMatch(r -> r.variantKey() != null);
        return variants ? VARIANTS_VERSION : data.corpus().isEmpty() ? VERSION : CORPUS_VERSION;
    }

    private static void query(JsonGenerator g, QueryRecord q) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", q.id());
        g.writeStringField("text", q.text());
        instant(g, "created_at", q.createdAt());
        g.writeArrayFieldStart("candidates");
        for (CandidateRecord c : q.candidates()) {
            g.writeStartObject();
            g.writeStringField("doc", c.documentKey());
            g.writeNumberField("original_rank", c.originalRank());
            number(g, "first_stage_score", c.firstStageScore());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!q.variants().isEmpty()) {
            g.writeArrayFieldStart("variants");
            for (VariantRecord v : q.variants()) {
                g.writeStartObject();
                g.writeStringField("key", v.key());
                g.writeStringField("text", v.text());
                instant(g, "created_at", v.createdAt());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void session(JsonGenerator g, SessionRecord s) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", s.key());
        g.writeStringField("name", s.name());
        g.writeFieldName("scale");
        g.writeTree(json(s.scaleJson(), "labeling session " + s.key() + ": scale"));
        g.writeStringField("annotator", s.annotator());
        g.writeNumberField("seed", s.seed());
        g.writeBooleanField("blind", s.blind());
        instant(g, "created_at", s.createdAt());
        g.writeArrayFieldStart("queries");
        for (String q : s.queryIds()) {
            g.writeString(q);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void run(JsonGenerator g, RunRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", r.key());
        g.writeStringField("query", r.queryId());
        g.writeStringField("ranker_kind", r.rankerKind());
        g.writeStringField("model", r.model());
        g.writeFieldName("params");
        g.writeTree(json(r.paramsJson(), "run " + r.key() + ": params"));
        instant(g, "started_at", r.startedAt());
        instant(g, "finished_at", r.finishedAt());
        number(g, "duration_ms", r.durationMs());
        g.writeFieldName("usage");
        g.writeTree(json(r.usageJson(), "run " + r.key() + ": usage"));
        g.writeStringField("status", r.status());
        g.writeArrayFieldStart("scores");
        for (RunScoreRecord s : r.scores()) {
            g.writeStartObject();
            g.writeStringField("doc", s.documentKey());
            number(g, "score", s.score());
            number(g, "probability", s.probability());
            g.writeNumberField("rank", s.rank());
            g.writeNumberField("tokens_dropped", s.tokensDropped());
            g.writeFieldName("chunk");
            if (s.chunked()) {
                g.writeStartArray();
                g.writeNumber(s.chunkStart());
                g.writeNumber(s.chunkEnd());
                g.writeEndArray();
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.variantKey() != null) {
            g.writeStringField("variant", r.variantKey());
        }
        g.writeEndObject();
    }

    /** The JSON value of a text column; JSON null for a missing one. */
    private static JsonNode json(String text, String what) throws ExportException {
        if (text == null) {
            return JSON.nullNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ExportException(what + " is empty, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ExportException(what + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value.toString());
        }
    }
}
