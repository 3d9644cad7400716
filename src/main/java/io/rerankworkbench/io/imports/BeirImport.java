package io.rerankworkbench.io.imports;

import io.rerankworkbench.core.project.ProjectData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports a BEIR dataset: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}), {@code queries.jsonl}
 * ({@code _id}, {@code text}) and a qrels file ({@code query-id<TAB>corpus-id<TAB>score}, with that header line).
 *
 * <p>Only the queries that have judgments in the qrels file are imported (BEIR's queries file usually lists the
 * queries of every split; a note counts the rest). A query's candidates are its judged documents in qrels file order,
 * ranked 1..n, without a first-stage score; each qrels grade becomes a judgment by annotator {@code "qrels"} with
 * origin {@code qrels-file:line}. Only the judged documents of the corpus are kept, so a large corpus costs reading
 * time, not memory. A qrels line whose query id is not in queries.jsonl or whose corpus id is not in corpus.jsonl is
 * a problem at that qrels line.
 */
public final class BeirImport {

    private BeirImport() {
    }

    /**
     * Reads a BEIR folder: its corpus.jsonl, queries.jsonl and qrels/test.tsv, or the only {@code .tsv} in
     * {@code qrels/} when there is no test split. Never throws for bad input; see {@link ImportResult}.
     */
    public static ImportResult readFolder(Path folder, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            return ctx.result(readFolder(folder, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    /** Reads the three files of a BEIR dataset given one by one (any qrels split). */
    public static ImportResult read(Path corpus, Path queries, Path qrels, boolean skipBadRows) {
        ReadContext ctx = ReadContext.simple(skipBadRows);
        try {
            return ctx.result(read(corpus, queries, qrels, ctx));
        } catch (ReadContext.Cancelled e) {
            return ctx.cancelledResult();
        }
    }

    static boolean isBeirFolder(Path folder) {
        return Files.isDirectory(folder) && Files.isRegularFile(folder.resolve("corpus.jsonl"));
    }

    static ProjectData readFolder(Path folder, ReadContext ctx) {
        if (!Files.isDirectory(folder)) {
            ctx.fatal(folder, 0, "is not a folder");
            return ProjectData.empty();
        }
        Path corpus = folder.resolve("corpus.jsonl");
        Path queries = folder.resolve("queries.jsonl");
        if (!Files.isRegularFile(corpus)) {
            ctx.fatal(folder, 0, "not a BEIR dataset: there is no corpus.jsonl in it");
            return ProjectData.empty();
        }
        if (!Files.isRegularFile(queries)) {
            ctx.fatal(folder, 0, "not a BEIR dataset: there is no queries.jsonl in it");
            return ProjectData.empty();
        }
        Path qrels = qrelsOf(folder, ctx);
        return qrels == null ? ProjectData.empty() : read(corpus, queries, qrels, ctx);
    }

    /** qrels/test.tsv, else the only qrels/*.tsv; null (with a fatal problem) when there is none or no clear one. */
    static Path qrelsOf(Path folder, ReadContext ctx) {
        Path dir = folder.resolve("qrels");
        Path test = dir.resolve("test.tsv");
        if (Files.isRegularFile(test)) {
            return test;
        }
        List<Path> splits = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv"))
                        .sorted().forEach(splits::add);
            } catch (IOException e) {
                ctx.fatal(dir, 0, "could not be listed: " + e.getMessage());
                return null;
            }
        }
        if (splits.size() == 1) {
            return splits.get(0);
        }
        if (splits.isEmpty()) {
            ctx.fatal(folder, 0, "not a BEIR dataset: there is no qrels/test.tsv (nor any qrels/*.tsv)");
        } else {
            ctx.fatal(folder, 0, "qrels/ has several splits (" + String.join(", ",
                    splits.stream().map(p -> p.getFileName().toString()).toList())
                    + ") and no test.tsv; give the corpus, queries and the qrels file to import");
        }
        return null;
    }

    private record Qrel(String queryId, String docId, int grade, long line) {
    }

    static ProjectData read(Path corpus, Path queries, Path qrels, ReadContext ctx) {
        List<Qrel> judged = new ArrayList<>();
        Map<String, Long> pairs = new HashMap<>();
        Map<String, Boolean> wantedDocs = new HashMap<>();
        Map<String, Boolean> wantedQueries = new LinkedHashMap<>();
        boolean[] first = {true};
        boolean qrelsRead = Lines.read(qrels, null, ctx, (lineNo, text) -> {
            String[] f = text.strip().split(text.indexOf('\t') >= 0 ? "\t" : "\\s+");
            boolean header = first[0] && f.length >= 3 && Values.grade(f[f.length - 1]) == null
                    && f[0].toLowerCase(Locale.ROOT).contains("query");
            first[0] = false;
            if (header) {
                return;
            }
            // BEIR's three columns; four are read as TREC qrels (qid iter docno grade).
            if (f.length != 3 && f.length != 4) {
                ctx.problem(qrels, lineNo, "expected 3 fields (query-id, corpus-id, score), found " + f.length);
                ctx.badRow();
                return;
            }
            String qid = f[0].strip();
            String docId = f[f.length - 2].strip();
            String score = f[f.length - 1];
            List<String> bad = new ArrayList<>(1);
            Integer grade = Values.grade(score);
            if (grade == null) {
                bad.add("score " + Values.quote(score) + " is not an integer");
            }
            Long earlier = pairs.get(qid + '\u0000' + docId);
            if (earlier != null) {
                bad.add("corpus id " + Values.quote(docId) + " is judged twice for query " + Values.quote(qid)
                        + " (first on line " + earlier + ")");
            }
            if (!bad.isEmpty()) {
                bad.forEach(reason -> ctx.problem(qrels, lineNo, reason));
                ctx.badRow();
                return;
            }
            pairs.put(qid + '\u0000' + docId, lineNo);
            judged.add(new Qrel(qid, docId, grade, lineNo));
            wantedDocs.put(docId, Boolean.TRUE);
            wantedQueries.put(qid, Boolean.TRUE);
        });
        if (!qrelsRead) {
            return ProjectData.empty();
        }
        Map<String, TextTable.Entry> queryTexts = TextTable.read(queries, ctx, null,
                List.of("_id"), List.of("text"), false);
        if (queryTexts == null) {
            return ProjectData.empty();
        }
        long unjudged = queryTexts.keySet().stream().filter(id -> !wantedQueries.containsKey(id)).count();
        if (unjudged > 0) {
            ctx.note(unjudged + (unjudged == 1 ? " query of " : " queries of ") + TrecRunImport.name(queries)
                    + (unjudged == 1 ? " has" : " have") + " no judgments in " + TrecRunImport.name(qrels)
                    + (unjudged == 1 ? " and was" : " and were") + " left out");
        }
        Map<String, TextTable.Entry> docs = TextTable.read(corpus, ctx, wantedDocs.keySet(), List.of("_id"),
                List.of("text"), true);
        if (docs == null) {
            return ProjectData.empty();
        }
        CandidateCollector collector = new CandidateCollector(TrecQrelsImport.ANNOTATOR);
        for (Qrel j : judged) {
            List<String> bad = new ArrayList<>(2);
            TextTable.Entry q = queryTexts.get(j.queryId());
            if (q == null) {
                bad.add("query id " + Values.quote(j.queryId()) + " is not in " + TrecRunImport.name(queries));
            }
            TextTable.Entry d = docs.get(j.docId());
            if (d == null) {
                bad.add("corpus id " + Values.quote(j.docId()) + " is not in " + TrecRunImport.name(corpus));
            }
            if (!bad.isEmpty()) {
                bad.forEach(reason -> ctx.problem(qrels, j.line(), reason));
                ctx.badRow();
                continue;
            }
            CandidateCollector.Query query = collector.getOrAdd(j.queryId(), j.line());
            query.text = q.text().strip();
            collector.add(query, j.docId(), d.title(), d.text(), query.nextPosition(), Double.NaN, j.grade(), qrels,
                    j.line());
        }
        return collector.build(ctx, qrels, false);
    }
}
