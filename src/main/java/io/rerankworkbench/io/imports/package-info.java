/**
 * Importers: read source files into {@link io.rerankworkbench.core.project.ProjectData} with every problem found,
 * never throwing for bad input. {@link io.rerankworkbench.io.imports.ProjectImports#read} is the entry point (format
 * detection, pairing, merging, progress, cancellation); the per-format classes can be called directly:
 * {@link io.rerankworkbench.io.imports.CsvImport} (with its preview for the import dialog),
 * {@link io.rerankworkbench.io.imports.JsonlImport}, {@link io.rerankworkbench.io.imports.BeirImport},
 * {@link io.rerankworkbench.io.imports.TrecRunImport}, {@link io.rerankworkbench.io.imports.TrecQrelsImport},
 * {@link io.rerankworkbench.io.imports.QuepidImport} and {@link io.rerankworkbench.io.imports.BundleImport}.
 *
 * <p>Conventions shared by all of them:
 * <ul>
 *   <li><b>All or nothing.</b> Every problem is collected (the first 200, then "… and N more problems"), each with
 *       file, 1-based line (0 for the whole file) and the field. With "skip bad rows" the rows with problems are left
 *       out and counted; problems that are not about one row (unreadable file, missing column, wrong format,
 *       cancelled) make the result {@linkplain io.rerankworkbench.io.imports.ImportResult#fatal() fatal}, and
 *       {@link io.rerankworkbench.io.imports.ImportResult#mayWrite(boolean)} tells the writer whether to go on.</li>
 *   <li><b>Ids.</b> Queries without an id get {@code q1}, {@code q2}, … in order of first appearance (skipping ids
 *       already used earlier in the file); documents without an id are numbered by their rank in the query, {@code "1"},
 *       {@code "2"}, …. A document's key is its id, or {@code id#2}, {@code id#3}, … when the same id comes with
 *       another title or text.</li>
 *   <li><b>Annotators</b> of imported judgments: {@code "import"} for label columns of candidate files (CSV, JSONL),
 *       {@code "qrels"} for TREC qrels and BEIR qrels, {@code "quepid"} for Quepid ratings; bundles keep their own.
 *       A judgment's origin is {@code file:line}.</li>
 *   <li><b>Judgments on their own</b> (qrels, Quepid) name their document by id, to be resolved against the query's
 *       candidates; Quepid ratings name their query by text
 *       ({@link io.rerankworkbench.io.imports.ImportResult#judgmentsByQueryText()}).</li>
 *   <li><b>Encodings</b>: UTF-8 with or without byte-order mark, UTF-16 LE/BE with a mark or recognised by its zero
 *       bytes; an undecodable byte stops the file with its line named.</li>
 * </ul>
 */
package io.rerankworkbench.io.imports;
