package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a project bundle (docs/PROJECT_FORMAT.md, "Project bundle"), strictly: {@code format} must be
 * {@value #FORMAT} and {@code version} 1 to {@value #VERSION} (version 2 is version 1 with the optional
 * {@code corpus}, version 3 adds a query's optional {@code variants} and a run's optional {@code variant}); every
 * field has its type; unknown fields are problems; keys are unique (query ids, document keys,
 * session keys, run keys, variant keys, a variant's text once per query and never its query's text, a document once
 * per query's candidates, per run and in the corpus, a document id once in
 * the corpus); every reference resolves (a candidate's, score's or judgment's {@code doc} and a corpus entry to a
 * document key, a score's document to a candidate of the run's query, a run's or judgment's {@code query} and a
 * session's {@code queries} to query ids, a judgment's {@code session} to a session key, a run's {@code variant} to a
 * variant of the run's query).
 *
 * <p>The file is streamed: each element of the top-level arrays (and each candidate and score) is read on its own,
 * so a bundle with 100,000 candidates needs memory for the result, not for a tree of the whole file. A "row" for
 * skipping is one element: a query, candidate, variant, document, session, run, score, judgment or corpus entry.
 *
 * <p>{@code params}, {@code usage} and {@code scale} become compact JSON text; a {@code null} number becomes
 * {@code NaN}; {@code chunk} {@code [start, end]} becomes chunkStart/chunkEnd (-1 when null); a missing
 * {@code tokens_dropped} is 0. A judgment's origin is {@code file:line}.
 */
public final class BundleImport {

    /** The value of a bundle's {@code format} field. */
    public static final String FORMAT = "rerank-workbench-bundle";
    /** The newest bundle version this reader knows; it reads every version from 1 up to this one. */
    public static final int VERSION = 3;

    private static final Set<String> QUERY = Set.of("id", "text", "created_at", "candidates", "variants");
    private static final Set<String> VARIANT = Set.of("key", "text", "created_at");
    private static final Set<String> CANDIDATE = Set.of("doc", "original_rank", "first_stage_score");
    private static final Set<String> DOCUMENT = Set.of("key", "id", "title", "text");
    private static final Set<String> SESSION = Set.of("key", "name", "scale", "annotator", "seed", "blind",
            "created_at", "queries");
    private static final Set<String> RUN = Set.of("key", "query", "ranker_kind", "model", "params", "started_at",
            "finished_at", "duration_ms", "usage", "status", "scores", "variant");
    private static final Set<String> SCORE = Set.of("doc", "score", "probability", "rank", "tokens_dropped",
            "chunk");
    private static final Set<String> JUDGMENT = Set.of("query", "doc", "grade", "annotator", "session",
            "created_at", "note");
    private static final Set<String> STATUSES = Set.of("completed", "failed", "cancelled");

    private BundleImport() {
    }

    /** Reads one bundle. Never throws for bad input; see {@link ImportResult}. */
    public static ImportResult read(Path file, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            return ctx.result(read(file, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    /** Whether the start of a file names this format. */
    static boolean looksLikeBundle(byte[] head) {
        String text = TextInput.headText(head);
        return text.contains("\"format\"") && text.contains("\"" + FORMAT + "\"");
    }

    /**
     * Whether the start of a file is a JSON object with a top-level {@code "format"} naming this format, whatever the
     * file is called: the parse stops at the end of {@code head}, so a cut file is judged by what it holds.
     */
    static boolean startsAsBundle(byte[] head) {
        try (JsonParser p = Json.STREAMING.createParser(head)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("format")) {
                    return value == JsonToken.VALUE_STRING && FORMAT.equals(p.getText());
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** An element of an array with the line it starts on. */
    private record Element(JsonNode node, long line) {
    }

    /**
     * A query or run: its own fields, and its nested array (candidates, scores) element by element; for a query also
     * its variants element by element, so that a bad variant is reported at its own line.
     */
    private record Nested(JsonNode fields, List<Element> items, boolean hasItems, List<Element> variants,
                          boolean hasVariants, long line) {
    }

    private static final class Raw {
        String format;
        Integer version;
        boolean formatSeen;
        boolean versionSeen;
        final List<Nested> queries = new ArrayList<>();
        final List<Element> documents = new ArrayList<>();
        final List<Element> sessions = new ArrayList<>();
        final List<Nested> runs = new ArrayList<>();
        final List<Element> judgments = new ArrayList<>();
        final List<Element> corpus = new ArrayList<>();
    }

    static ProjectData read(Path file, ReadContext ctx) {
        if (Files.isDirectory(file)) {
            ctx.fatal(file, 0, "is a folder, not a file");
            return ProjectData.empty();
        }
        Raw raw = new Raw();
        JsonParser[] parser = new JsonParser[1]; // for the line of a failure that carries no location
        try (InputStream in = TextInput.openCounted(file, ctx);
             JsonParser p = Json.STREAMING.createParser(in)) {
            parser[0] = p;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                ctx.fatal(file, line(p), "expected a JSON object (a project bundle)");
                return ProjectData.empty();
            }
            Set<String> seenFields = new java.util.HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                long fieldLine = line(p);
                JsonToken value = p.nextToken();
                if (!seenFields.add(name)) {
                    ctx.fatal(file, fieldLine, "field \"" + name + "\" appears twice");
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "format" -> {
                        raw.formatSeen = true;
                        raw.format = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "version" -> {
                        raw.versionSeen = true;
                        JsonNode v = Json.STREAMING.readTree(p);
                        raw.version = v.isIntegralNumber() && v.canConvertToInt() ? Integer.valueOf(v.intValue())
                                : null;
                    }
                    case "exported_at" -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            ctx.fatal(file, fieldLine, "field \"exported_at\" must be a string");
                        }
                        p.skipChildren();
                    }
                    case "queries", "runs" -> {
                        if (expectArray(p, file, name, fieldLine, ctx)) {
                            List<Nested> target = name.equals("queries") ? raw.queries : raw.runs;
                            String inner = name.equals("queries") ? "candidates" : "scores";
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                target.add(readNested(p, inner, ctx));
                            }
                        }
                    }
                    case "documents", "labeling_sessions", "judgments", "corpus" -> {
                        if (expectArray(p, file, name, fieldLine, ctx)) {
                            List<Element> target = switch (name) {
                                case "documents" -> raw.documents;
                                case "judgments" -> raw.judgments;
                                case "corpus" -> raw.corpus;
                                default -> raw.sessions;
                            };
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                long l = line(p);
                                target.add(new Element(Json.STREAMING.readTree(p), l));
                                ctx.row();
                            }
                        }
                    }
                    default -> {
                        ctx.fatal(file, fieldLine, "unknown field \"" + name + "\"");
                        p.skipChildren();
                    }
                }
            }
            if (p.nextToken() != null) {
                ctx.fatal(file, line(p), "unexpected content after the bundle's closing brace");
            }
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation where = e.getLocation() != null ? e.getLocation()
                    : parser[0] != null ? parser[0].currentLocation() : null;
            long l = where == null ? 0 : Math.max(0, where.getLineNr());
            // Jackson's limits name their setting ("from `StreamReadConstraints…`"): say only what is wrong.
            String why = String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
            ctx.fatal(file, l, "not valid JSON: " + why);
            return ProjectData.empty();
        } catch (NoSuchFileException e) {
            ctx.fatal(file, 0, TextInput.notFound(file));
            return ProjectData.empty();
        } catch (IOException e) {
            ctx.fatal(file, 0, "could not be read: " + e.getMessage());
            return ProjectData.empty();
        }
        ctx.reportProgress();
        if (!raw.formatSeen || !FORMAT.equals(raw.format)) {
            ctx.fatal(file, 0, raw.formatSeen ? "not a Rerank Workbench bundle: \"format\" is not \"" + FORMAT + "\""
                    : "not a Rerank Workbench bundle: there is no \"format\": \"" + FORMAT + "\"");
            return ProjectData.empty();
        }
        if (!raw.versionSeen || raw.version == null) {
            ctx.fatal(file, 0, "the bundle has no integer \"version\"");
            return ProjectData.empty();
        }
        if (raw.version < 1 || raw.version > VERSION) {
            ctx.fatal(file, 0, "bundle version " + raw.version + " is not one this version of Rerank Workbench reads"
                    + " (it reads versions 1 to " + VERSION + ")");
            return ProjectData.empty();
        }
        return new Resolver(file, ctx).resolve(raw);
    }

    private static boolean expectArray(JsonParser p, Path file, String name, long line, ReadContext ctx)
            throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        if (p.currentToken() != JsonToken.VALUE_NULL) {
            ctx.fatal(file, line, "field \"" + name + "\" must be an array");
        }
        p.skipChildren();
        return false;
    }

    private static long line(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    /** Reads an object whose {@code inner} array is read element by element (with lines); other fields as trees. */
    private static Nested readNested(JsonParser p, String inner, ReadContext ctx) throws IOException {
        long start = line(p);
        ctx.row();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return new Nested(Json.STREAMING.readTree(p), List.of(), false, List.of(), false, start);
        }
        var fields = Json.STREAMING.createObjectNode();
        List<Element> items = new ArrayList<>();
        boolean hasItems = false;
        List<Element> variants = new ArrayList<>();
        boolean hasVariants = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals(inner) && value == JsonToken.START_ARRAY) {
                hasItems = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    long l = line(p);
                    items.add(new Element(Json.STREAMING.readTree(p), l));
                    ctx.row();
                }
            } else if (name.equals("variants") && inner.equals("candidates") && value == JsonToken.START_ARRAY) {
                hasVariants = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    long l = line(p);
                    variants.add(new Element(Json.STREAMING.readTree(p), l));
                    ctx.row();
                }
            } else {
                fields.set(name, Json.STREAMING.readTree(p));
            }
        }
        return new Nested(fields, items, hasItems, variants, hasVariants, start);
    }

    /** Checks elements field by field and every reference, building the records of the good ones. */
    private static final class Resolver {
        private final Path file;
        private final ReadContext ctx;

        Resolver(Path file, ReadContext ctx) {
            this.file = file;
            this.ctx = ctx;
        }

        private void bad(long line, List<String> reasons) {
            reasons.forEach(r -> ctx.problem(file, line, r));
            ctx.badRow();
        }

        ProjectData resolve(Raw raw) {
            Map<String, DocumentRecord> documents = new LinkedHashMap<>();
            Map<String, Long> docLines = new HashMap<>();
            for (Element e : raw.documents) {
                List<String> why = new ArrayList<>();
                JsonNode n = object(e.node(), "document", DOCUMENT, why);
                if (n != null) {
                    String key = str(n, "document", "key", true, why);
                    String id = str(n, "document", "id", true, why);
                    String title = str(n, "document", "title", false, why);
                    String text = str(n, "document", "text", true, why);
                    if (key != null && docLines.containsKey(key)) {
                        why.add("document key " + Values.quote(key) + " appears twice (first on line "
                                + docLines.get(key) + ")");
                    }
                    if (why.isEmpty()) {
                        documents.put(key, new DocumentRecord(key, id, title, text));
                        docLines.put(key, e.line());
                        continue;
                    }
                }
                bad(e.line(), why);
            }

            Map<String, QueryRecord> queries = new LinkedHashMap<>();
            Map<String, Long> queryLines = new HashMap<>();
            Map<String, Set<String>> candidateDocs = new HashMap<>();
            Map<String, Long> variantLines = new HashMap<>();
            Map<String, String> variantQueries = new HashMap<>();
            for (Nested q : raw.queries) {
                List<String> why = new ArrayList<>();
                JsonNode n = object(q.fields(), "query", QUERY, why);
                String id = null;
                String text = null;
                Instant created = null;
                if (n != null) {
                    id = str(n, "query", "id", true, why);
                    text = str(n, "query", "text", true, why);
                    created = instant(n, "query", "created_at", false, why);
                    if (n.has("candidates") && !q.hasItems() && !n.get("candidates").isNull()) {
                        why.add("query: field \"candidates\" must be an array");
                    }
                    if (n.has("variants") && !q.hasVariants() && !n.get("variants").isNull()) {
                        why.add("query: field \"variants\" must be an array");
                    }
                    if (id != null && queryLines.containsKey(id)) {
                        why.add("query id " + Values.quote(id) + " appears twice (first on line "
                                + queryLines.get(id) + ")");
                    }
                }
                if (!why.isEmpty()) {
                    bad(q.line(), why);
                    ctx.badRows(q.items().size() + q.variants().size());
                    continue;
                }
                List<CandidateRecord> cands = new ArrayList<>();
                Map<String, Long> seen = new HashMap<>();
                for (Element c : q.items()) {
                    List<String> cwhy = new ArrayList<>();
                    JsonNode cn = object(c.node(), "candidate", CANDIDATE, cwhy);
                    if (cn != null) {
                        String doc = str(cn, "candidate", "doc", true, cwhy);
                        Integer rank = integer(cn, "candidate", "original_rank", true, 1, cwhy);
                        double score = number(cn, "candidate", "first_stage_score", cwhy);
                        if (doc != null && !documents.containsKey(doc)) {
                            cwhy.add("candidate refers to document " + Values.quote(doc)
                                    + ", which is not in \"documents\"");
                        } else if (doc != null && seen.containsKey(doc)) {
                            cwhy.add("document " + Values.quote(doc) + " is a candidate of query " + Values.quote(id)
                                    + " twice (first on line " + seen.get(doc) + ")");
                        }
                        if (cwhy.isEmpty()) {
                            seen.put(doc, c.line());
                            cands.add(new CandidateRecord(doc, rank, score));
                            continue;
                        }
                    }
                    bad(c.line(), cwhy);
                }
                List<VariantRecord> variants = new ArrayList<>();
                Map<String, Long> textLines = new HashMap<>();
                for (Element v : q.variants()) {
                    List<String> vwhy = new ArrayList<>();
                    JsonNode vn = object(v.node(), "variant", VARIANT, vwhy);
                    if (vn != null) {
                        String key = str(vn, "variant", "key", true, vwhy);
                        String vtext = str(vn, "variant", "text", true, vwhy);
                        Instant vcreated = instant(vn, "variant", "created_at", false, vwhy);
                        if (key != null && variantLines.containsKey(key)) {
                            vwhy.add("variant key " + Values.quote(key) + " appears twice (first on line "
                                    + variantLines.get(key) + ")");
                        }
                        if (vtext != null && vtext.isBlank()) {
                            vwhy.add("variant: field \"text\" must not be blank");
                        } else if (vtext != null && vtext.strip().equals(text.strip())) {
                            vwhy.add("variant " + Values.quote(key) + " has the text of query " + Values.quote(id)
                                    + " itself");
                        } else if (vtext != null && textLines.containsKey(vtext.strip())) {
                            vwhy.add("query " + Values.quote(id) + " has the variant text " + Values.quote(vtext)
                                    + " twice (first on line " + textLines.get(vtext.strip()) + ")");
                        }
                        if (vwhy.isEmpty()) {
                            variantLines.put(key, v.line());
                            variantQueries.put(key, id);
                            textLines.put(vtext.strip(), v.line());
                            variants.add(new VariantRecord(key, vtext, vcreated,
                                    CandidateCollector.origin(file, v.line())));
                            continue;
                        }
                    }
                    bad(v.line(), vwhy);
                }
                queryLines.put(id, q.line());
                candidateDocs.put(id, seen.keySet());
                queries.put(id, new QueryRecord(id, text, created, cands, variants, null));
            }

            Map<String, SessionRecord> sessions = new LinkedHashMap<>();
            Map<String, Long> sessionLines = new HashMap<>();
            for (Element e : raw.sessions) {
                List<String> why = new ArrayList<>();
                JsonNode n = object(e.node(), "labeling session", SESSION, why);
                if (n != null) {
                    String w = "labeling session";
                    String key = str(n, w, "key", true, why);
                    String name = str(n, w, "name", true, why);
                    String scale = jsonText(n, w, "scale", true, why);
                    String annotator = str(n, w, "annotator", false, why);
                    Long seed = longValue(n, w, "seed", why);
                    Boolean blind = bool(n, w, "blind", why);
                    Instant created = instant(n, w, "created_at", true, why);
                    List<String> ids = new ArrayList<>();
                    JsonNode qs = n.get("queries");
                    if (qs != null && !qs.isNull()) {
                        if (!qs.isArray()) {
                            why.add(w + ": field \"queries\" must be an array of query ids");
                        } else {
                            for (JsonNode qid : qs) {
                                if (!qid.isTextual()) {
                                    why.add(w + ": field \"queries\" must be an array of query ids, found "
                                            + Json.type(qid));
                                } else if (!queries.containsKey(qid.asText())) {
                                    why.add(w + " refers to query " + Values.quote(qid.asText())
                                            + ", which is not in \"queries\"");
                                } else {
                                    ids.add(qid.asText());
                                }
                            }
                        }
                    }
                    if (key != null && sessionLines.containsKey(key)) {
                        why.add("labeling session key " + Values.quote(key) + " appears twice (first on line "
                                + sessionLines.get(key) + ")");
                    }
                    if (why.isEmpty()) {
                        sessionLines.put(key, e.line());
                        sessions.put(key, new SessionRecord(key, name, scale, annotator, seed == null ? 0 : seed,
                                blind != null && blind, created, ids));
                        continue;
                    }
                }
                bad(e.line(), why);
            }

            List<RunRecord> runs = new ArrayList<>();
            Map<String, Long> runLines = new HashMap<>();
            for (Nested r : raw.runs) {
                List<String> why = new ArrayList<>();
                JsonNode n = object(r.fields(), "run", RUN, why);
                String w = "run";
                if (n == null) {
                    bad(r.line(), why);
                    ctx.badRows(r.items().size());
                    continue;
                }
                String key = str(n, w, "key", true, why);
                String query = str(n, w, "query", true, why);
                String kind = str(n, w, "ranker_kind", true, why);
                String model = str(n, w, "model", true, why);
                String params = jsonText(n, w, "params", false, why);
                Instant started = instant(n, w, "started_at", false, why);
                Instant finished = instant(n, w, "finished_at", false, why);
                double duration = number(n, w, "duration_ms", why);
                String usage = jsonText(n, w, "usage", false, why);
                String status = str(n, w, "status", true, why);
                String variant = str(n, w, "variant", false, why);
                if (variant != null && query != null && !query.equals(variantQueries.get(variant))) {
                    why.add("run refers to variant " + Values.quote(variant) + ", which is not a variant of query "
                            + Values.quote(query) + (variantQueries.containsKey(variant) ? " (it is one of query "
                            + Values.quote(variantQueries.get(variant)) + ")" : ""));
                }
                if (status != null && !STATUSES.contains(status)) {
                    why.add("run: field \"status\" must be completed, failed or cancelled, found "
                            + Values.quote(status));
                }
                if (!r.hasItems()) {
                    why.add(n.has("scores") ? "run: field \"scores\" must be an array" : "run: missing field \"scores\"");
                }
                if (query != null && !queries.containsKey(query)) {
                    why.add("run refers to query " + Values.quote(query) + ", which is not in \"queries\"");
                }
                if (key != null && runLines.containsKey(key)) {
                    why.add("run key " + Values.quote(key) + " appears twice (first on line " + runLines.get(key)
                            + ")");
                }
                if (!why.isEmpty()) {
                    bad(r.line(), why);
                    ctx.badRows(r.items().size());
                    continue;
                }
                Set<String> cands = candidateDocs.getOrDefault(query, Set.of());
                List<RunScoreRecord> scores = new ArrayList<>();
                Map<String, Long> seen = new HashMap<>();
                for (Element s : r.items()) {
                    List<String> swhy = new ArrayList<>();
                    JsonNode sn = object(s.node(), "score", SCORE, swhy);
                    if (sn != null) {
                        String doc = str(sn, "score", "doc", true, swhy);
                        double score = number(sn, "score", "score", swhy);
                        double probability = number(sn, "score", "probability", swhy);
                        Integer rank = integer(sn, "score", "rank", true, 1, swhy);
                        Integer dropped = sn.has("tokens_dropped") && !sn.get("tokens_dropped").isNull()
                                ? integer(sn, "score", "tokens_dropped", true, 0, swhy) : Integer.valueOf(0);
                        int[] chunk = chunk(sn, swhy);
                        if (doc != null && !documents.containsKey(doc)) {
                            swhy.add("score refers to document " + Values.quote(doc)
                                    + ", which is not in \"documents\"");
                        } else if (doc != null && !cands.contains(doc)) {
                            swhy.add("score refers to document " + Values.quote(doc)
                                    + ", which is not a candidate of query " + Values.quote(query));
                        } else if (doc != null && seen.containsKey(doc)) {
                            swhy.add("document " + Values.quote(doc) + " is scored twice in run " + Values.quote(key)
                                    + " (first on line " + seen.get(doc) + ")");
                        }
                        if (swhy.isEmpty()) {
                            seen.put(doc, s.line());
                            scores.add(new RunScoreRecord(doc, score, probability, rank, dropped,
                                    chunk == null ? -1 : chunk[0], chunk == null ? -1 : chunk[1]));
                            continue;
                        }
                    }
                    bad(s.line(), swhy);
                }
                scores.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
                runLines.put(key, r.line());
                runs.add(new RunRecord(key, query, kind, model, params, started, finished, duration, usage, status,
                        scores, variant));
            }

            List<JudgmentRecord> judgments = new ArrayList<>();
            for (Element e : raw.judgments) {
                List<String> why = new ArrayList<>();
                JsonNode n = object(e.node(), "judgment", JUDGMENT, why);
                if (n != null) {
                    String w = "judgment";
                    String query = str(n, w, "query", true, why);
                    String doc = str(n, w, "doc", true, why);
                    Integer grade = integer(n, w, "grade", true, Integer.MIN_VALUE, why);
                    String annotator = str(n, w, "annotator", false, why);
                    String session = str(n, w, "session", false, why);
                    Instant created = instant(n, w, "created_at", false, why);
                    String note = str(n, w, "note", false, why);
                    if (query != null && !queries.containsKey(query)) {
                        why.add("judgment refers to query " + Values.quote(query) + ", which is not in \"queries\"");
                    }
                    if (doc != null && !documents.containsKey(doc)) {
                        why.add("judgment refers to document " + Values.quote(doc)
                                + ", which is not in \"documents\"");
                    }
                    if (session != null && !sessions.containsKey(session)) {
                        why.add("judgment refers to labeling session " + Values.quote(session)
                                + ", which is not in \"labeling_sessions\"");
                    }
                    if (why.isEmpty()) {
                        judgments.add(new JudgmentRecord(query, doc, grade, annotator, session, created, note,
                                CandidateCollector.origin(file, e.line())));
                        continue;
                    }
                }
                bad(e.line(), why);
            }
            return new ProjectData(new ArrayList<>(queries.values()), new ArrayList<>(documents.values()),
                    new ArrayList<>(sessions.values()), runs, judgments, corpus(raw.corpus, documents));
        }

        /** The corpus entries: document keys, each naming a document, no key and no document id twice. */
        private List<CorpusRecord> corpus(List<Element> elements, Map<String, DocumentRecord> documents) {
            List<CorpusRecord> out = new ArrayList<>();
            Map<String, Long> keyLines = new HashMap<>();
            Map<String, String> keyById = new HashMap<>();
            for (Element e : elements) {
                JsonNode n = e.node();
                String why;
                if (!n.isTextual()) {
                    why = "corpus: an entry must be a document key (a string), found " + Json.type(n);
                } else if (!documents.containsKey(n.asText())) {
                    why = "corpus refers to document " + Values.quote(n.asText()) + ", which is not in \"documents\"";
                } else if (keyLines.containsKey(n.asText())) {
                    why = "document " + Values.quote(n.asText()) + " is in the corpus twice (first on line "
                            + keyLines.get(n.asText()) + ")";
                } else {
                    String key = n.asText();
                    String id = documents.get(key).id();
                    String other = keyById.get(id);
                    if (other == null) {
                        keyLines.put(key, e.line());
                        keyById.put(id, key);
                        out.add(new CorpusRecord(key, CandidateCollector.origin(file, e.line())));
                        continue;
                    }
                    why = "corpus document " + Values.quote(key) + " has the id " + Values.quote(id)
                            + " of corpus document " + Values.quote(other) + " (line " + keyLines.get(other)
                            + "); a corpus id names one document";
                }
                bad(e.line(), List.of(why));
            }
            return out;
        }

        // ---- typed field access; each adds "<what>: <reason>" to why and returns null (or NaN) when wrong ----

        private static JsonNode object(JsonNode n, String what, Set<String> allowed, List<String> why) {
            if (n == null || !n.isObject()) {
                why.add(what + ": expected an object, found " + (n == null ? "nothing" : Json.type(n)));
                return null;
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    why.add(what + ": unknown field \"" + f + "\"");
                }
            }
            return n;
        }

        private static String str(JsonNode n, String what, String field, boolean required, List<String> why) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    why.add(what + ": " + (v == null ? "missing field \"" + field + "\"" : "field \"" + field
                            + "\" must not be null"));
                }
                return null;
            }
            if (!v.isTextual()) {
                why.add(what + ": field \"" + field + "\" must be a string, found " + Json.type(v));
                return null;
            }
            return v.asText();
        }

        private static Integer integer(JsonNode n, String what, String field, boolean required, int min,
                                       List<String> why) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    why.add(what + ": missing field \"" + field + "\"");
                }
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                why.add(what + ": field \"" + field + "\" must be an integer, found "
                        + (v.isNumber() ? v.asText() : Json.type(v)));
                return null;
            }
            if (v.intValue() < min) {
                why.add(what + ": field \"" + field + "\" must be ≥ " + min + ", found " + v.intValue());
                return null;
            }
            return v.intValue();
        }

        private static Long longValue(JsonNode n, String what, String field, List<String> why) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                why.add(what + ": missing field \"" + field + "\"");
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                why.add(what + ": field \"" + field + "\" must be an integer, found "
                        + (v.isNumber() ? v.asText() : Json.type(v)));
                return null;
            }
            return v.longValue();
        }

        private static Boolean bool(JsonNode n, String what, String field, List<String> why) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                why.add(what + ": missing field \"" + field + "\"");
                return null;
            }
            if (!v.isBoolean()) {
                why.add(what + ": field \"" + field + "\" must be true or false, found " + Json.type(v));
                return null;
            }
            return v.booleanValue();
        }

        /** A number, or NaN when absent or null (and when wrong, with the reason added). */
        private static double number(JsonNode n, String what, String field, List<String> why) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            if (!v.isNumber()) {
                why.add(what + ": field \"" + field + "\" must be a number or null, found " + Json.type(v));
                return Double.NaN;
            }
            return v.doubleValue();
        }

        private static Instant instant(JsonNode n, String what, String field, boolean required, List<String> why) {
            String s = str(n, what, field, required, why);
            if (s == null) {
                return null;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                why.add(what + ": field \"" + field + "\" is not an ISO-8601 UTC time: " + Values.quote(s));
                return null;
            }
        }

        /** Any JSON value as compact text; null for JSON null or (when optional) absent. */
        private static String jsonText(JsonNode n, String what, String field, boolean required, List<String> why) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    why.add(what + ": missing field \"" + field + "\"");
                }
                return null;
            }
            try {
                return Json.STREAMING.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                why.add(what + ": field \"" + field + "\" cannot be written back as JSON");
                return null;
            }
        }

        /** {@code [start, end]} with 0 ≤ start ≤ end, or null when absent/null (or wrong, with the reason). */
        private static int[] chunk(JsonNode n, List<String> why) {
            JsonNode v = n.get("chunk");
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isArray() || v.size() != 2 || !v.get(0).isIntegralNumber() || !v.get(1).isIntegralNumber()
                    || !v.get(0).canConvertToInt() || !v.get(1).canConvertToInt()
                    || v.get(0).intValue() < 0 || v.get(1).intValue() < v.get(0).intValue()) {
                why.add("score: field \"chunk\" must be null or [start, end] with 0 ≤ start ≤ end, found " + v);
                return null;
            }
            return new int[]{v.get(0).intValue(), v.get(1).intValue()};
        }
    }

}
