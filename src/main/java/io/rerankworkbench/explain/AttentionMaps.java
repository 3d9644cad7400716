package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.AttentionResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The attention of one (query, document) pair as a model read it, from which a map for any {@link Pick} is cut
 * cheaply (the model runs once). For a cross-encoder the blocks are {@link Block#CROSS}; for a bi-encoder
 * ({@link AttentionResult.Separate}) {@link Block#SEPARATE}.
 *
 * <p>Word aggregation (documented in docs/explain.md): a word's row is the mean of its tokens' rows, and a word's
 * column the sum of its tokens' columns, so every row of the full word-by-word matrix still sums to 1; a map shows
 * one block of that matrix.
 *
 * <p>A map averages only its own block of the token matrices over the picked layers and heads, never whole
 * {@code n × n} matrices, so cutting a map for another pick costs a few milliseconds even at 512 tokens.
 */
public final class AttentionMaps {

    static final String NOT_A_DECOMPOSITION =
            "Attention shows where the model looked, not how much each word added to the score.";

    /** The attention behind one side of the blocks, its words and word-pieces. */
    private record Side(AttentionResult.Available attention, List<Units.Unit> words, List<Units.Unit> pieces) {
    }

    private final boolean cross;
    /** Cross-encoder: both sides hold the same pair attention. Bi-encoder: each text's own. */
    private final Side query;
    private final Side document;
    private final TextSpan window;
    private final boolean truncated;
    private final List<String> notes;

    private AttentionMaps(boolean cross, Side query, Side document, TextSpan window, boolean truncated,
                          List<String> notes) {
        this.cross = cross;
        this.query = query;
        this.document = document;
        this.window = window;
        this.truncated = truncated;
        this.notes = notes;
    }

    /**
     * @param attention what {@code Explainable.attention} returned (Available for a pair, or Separate)
     * @param query     the query text the model read (without any model prefix)
     * @param document  the document text the model read (the winning window's text when windowed)
     * @param window    when {@code document} is a window of a longer document, its span in that document (spans of
     *                  the map's units are then shifted into the full document); else null
     * @throws IllegalArgumentException when {@code attention} is {@link AttentionResult.Unavailable}
     */
    public static AttentionMaps of(AttentionResult attention, String query, String document, TextSpan window) {
        int shift = window == null ? 0 : window.start();
        boolean cross;
        Side q;
        Side d;
        int documentSegment;
        if (attention instanceof AttentionResult.Available pair) {
            cross = true;
            documentSegment = 1;
            q = new Side(pair, Units.words(pair.input(), 0, query, Segment.QUERY, 0),
                    Units.pieces(pair.input(), 0, Segment.QUERY, 0));
            d = new Side(pair, Units.words(pair.input(), 1, document, Segment.DOCUMENT, shift),
                    Units.pieces(pair.input(), 1, Segment.DOCUMENT, shift));
        } else if (attention instanceof AttentionResult.Separate separate) {
            cross = false;
            documentSegment = 0;
            AttentionResult.Available qa = available(separate.query());
            AttentionResult.Available da = available(separate.document());
            q = new Side(qa, Units.words(qa.input(), 0, query, Segment.QUERY, 0),
                    Units.pieces(qa.input(), 0, Segment.QUERY, 0));
            d = new Side(da, Units.words(da.input(), 0, document, Segment.DOCUMENT, shift),
                    Units.pieces(da.input(), 0, Segment.DOCUMENT, shift));
            if (qa.layers() != da.layers() || qa.heads() != da.heads()) {
                throw new IllegalArgumentException("the query's and the document's attention come from different "
                        + "models (" + qa.layers() + "×" + qa.heads() + " and " + da.layers() + "×" + da.heads()
                        + " layers × heads)");
            }
        } else {
            throw new IllegalArgumentException(((AttentionResult.Unavailable) attention).reason());
        }
        if (q.attention().layers() == 0 || q.attention().heads() == 0) {
            throw new IllegalArgumentException("the attention has no layers or no heads");
        }
        int readUpTo = Notes.readUpTo(d.attention().input(), documentSegment);
        boolean truncated = Notes.truncated(document, readUpTo);
        List<String> notes = new ArrayList<>();
        if (truncated) {
            notes.add(Notes.truncation(document, readUpTo, d.words()));
        }
        if (window != null) {
            notes.add(Notes.window(window));
        }
        notes.add(NOT_A_DECOMPOSITION);
        return new AttentionMaps(cross, q, d, window, truncated, List.copyOf(notes));
    }

    private static AttentionResult.Available available(AttentionResult r) {
        if (r instanceof AttentionResult.Available a) {
            return a;
        }
        if (r instanceof AttentionResult.Unavailable u) {
            throw new IllegalArgumentException(u.reason());
        }
        throw new IllegalArgumentException("a bi-encoder's attention is one Available per text, not " + r);
    }

    public int layers() {
        return query.attention().layers();
    }

    public int heads() {
        return query.attention().heads();
    }

    /** The blocks this attention has: {@link Block#CROSS} or {@link Block#SEPARATE}. */
    public List<Block> blocks() {
        return cross ? Block.CROSS : Block.SEPARATE;
    }

    /** Whether the model did not read the whole document (a cross-encoder pair cut to the model's length). */
    public boolean truncated() {
        return truncated;
    }

    /** The map for {@code pick}; {@code score} is the run's score of this document (NaN when unknown). */
    public ExplanationMap map(Pick pick, String ranker, double score) {
        if (!blocks().contains(pick.block())) {
            throw new IllegalArgumentException("this attention has the blocks " + blocks() + ", not "
                    + pick.block());
        }
        if (pick.layer() >= layers() || pick.head() >= heads()) {
            throw new IllegalArgumentException("no layer " + (pick.layer() + 1) + " / head " + (pick.head() + 1)
                    + ": the model has " + layers() + " layers of " + heads() + " heads");
        }
        boolean words = pick.granularity() == Granularity.WORDS;
        List<Units.Unit> q = words ? query.words() : query.pieces();
        List<Units.Unit> d = words ? document.words() : document.pieces();
        double[][] values;
        List<Units.Unit> rows;
        List<Units.Unit> columns;
        switch (pick.block()) {
            case QUERY_TO_DOCUMENT -> {
                rows = q;
                columns = d;
                values = wordBlock(query.attention(), pick, q, d);
            }
            case DOCUMENT_TO_QUERY -> {
                rows = q;
                columns = d;
                values = transpose(wordBlock(query.attention(), pick, d, q), q.size(), d.size());
            }
            case BOTH -> {
                rows = q;
                columns = d;
                values = wordBlock(query.attention(), pick, q, d);
                double[][] back = wordBlock(query.attention(), pick, d, q);
                for (int r = 0; r < q.size(); r++) {
                    for (int c = 0; c < d.size(); c++) {
                        values[r][c] = (values[r][c] + back[c][r]) / 2;
                    }
                }
            }
            case QUERY_SELF -> {
                rows = q;
                columns = q;
                values = wordBlock(query.attention(), pick, q, q);
            }
            case DOCUMENT_SELF -> {
                rows = d;
                columns = d;
                values = wordBlock(document.attention(), pick, d, d);
            }
            default -> throw new IllegalStateException(pick.block().toString());
        }
        return new ExplanationMap(ExplainMethod.ATTENTION, ranker, title(pick), "attention",
                ColorScale.Kind.SEQUENTIAL, Units.axes(rows), Units.axes(columns), values, Double.NaN, score,
                Double.NaN, pick.layer(), pick.head(), layers(), heads(), pick.block(), pick.granularity(), null,
                window, truncated, notes);
    }

    private String title(Pick pick) {
        String layer = pick.layer() == Pick.MEAN ? "mean of " + count(layers(), "layer")
                : "layer " + (pick.layer() + 1) + " of " + layers();
        String head = pick.head() == Pick.MEAN ? "mean of " + count(heads(), "head")
                : "head " + (pick.head() + 1) + " of " + heads();
        return "Attention, " + pick.block().label() + ", " + layer + ", " + head
                + (pick.granularity() == Granularity.WORD_PIECES ? ", word-pieces" : "");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The full unit-by-unit matrix of one input (for a cross-encoder the whole pair; for a bi-encoder the query):
     * every token in exactly one unit (words, and special tokens on their own), so each row sums to 1. The rule the
     * blocks follow, shown whole; tests check it.
     */
    double[][] fullWordMatrix(int layer, int head) {
        List<Units.Unit> units = fullUnits();
        return wordBlock(query.attention(), new Pick(layer, head, blocks().get(0), Granularity.WORDS), units,
                units);
    }

    /** The units of {@link #fullWordMatrix}, in token order. */
    List<Units.Unit> fullUnits() {
        List<Units.Unit> given = new ArrayList<>(query.words());
        if (cross) {
            given.addAll(document.words());
        }
        return Units.covering(query.attention().input(), given);
    }

    /**
     * Rows are the mean of their tokens' rows, columns the sum of their tokens' columns, of the token attention
     * averaged over the picked layers and heads.
     */
    private static double[][] wordBlock(AttentionResult.Available a, Pick pick, List<Units.Unit> rows,
                                        List<Units.Unit> columns) {
        int[] rowTokens = Units.tokens(rows);
        int[] columnTokens = Units.tokens(columns);
        double[][] tokens = average(a.weights(), pick.layer(), pick.head(), rowTokens, columnTokens);
        double[][] out = new double[rows.size()][columns.size()];
        int r0 = 0;
        for (int r = 0; r < rows.size(); r++) {
            int rn = rows.get(r).tokens().length;
            int c0 = 0;
            for (int c = 0; c < columns.size(); c++) {
                int cn = columns.get(c).tokens().length;
                double sum = 0;
                for (int i = r0; i < r0 + rn; i++) {
                    for (int j = c0; j < c0 + cn; j++) {
                        sum += tokens[i][j];
                    }
                }
                out[r][c] = sum / rn;
                c0 += cn;
            }
            r0 += rn;
        }
        return out;
    }

    /** The mean over the picked layers and heads of the {@code rows × columns} block of the token attention. */
    private static double[][] average(float[][][][] w, int layer, int head, int[] rows, int[] columns) {
        double[][] sum = new double[rows.length][columns.length];
        // Columns are usually one run of tokens (a segment's words); a plain index lets the JIT vectorise the loop.
        int firstColumn = contiguous(columns) ? columns[0] : -1;
        int l0 = layer == Pick.MEAN ? 0 : layer;
        int l1 = layer == Pick.MEAN ? w.length : layer + 1;
        int count = 0;
        for (int l = l0; l < l1; l++) {
            int h0 = head == Pick.MEAN ? 0 : head;
            int h1 = head == Pick.MEAN ? w[l].length : head + 1;
            for (int h = h0; h < h1; h++) {
                float[][] m = w[l][h];
                for (int r = 0; r < rows.length; r++) {
                    float[] from = m[rows[r]];
                    double[] to = sum[r];
                    if (firstColumn >= 0) {
                        for (int c = 0; c < columns.length; c++) {
                            to[c] += from[firstColumn + c];
                        }
                    } else {
                        for (int c = 0; c < columns.length; c++) {
                            to[c] += from[columns[c]];
                        }
                    }
                }
                count++;
            }
        }
        for (double[] row : sum) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= count;
            }
        }
        return sum;
    }

    private static boolean contiguous(int[] tokens) {
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i] != tokens[i - 1] + 1) {
                return false;
            }
        }
        return tokens.length > 0;
    }

    private static double[][] transpose(double[][] m, int rows, int columns) {
        double[][] t = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[r][c] = m[c][r];
            }
        }
        return t;
    }
}
