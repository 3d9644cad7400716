package io.rerankworkbench.explain;

import io.rerankworkbench.core.ColorScale;
import io.rerankworkbench.core.TextSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bi-encoder's token-pair map: for a mean-pooled model the exact decomposition of the cosine score
 * ({@link ExplainMethod#CONTRIBUTIONS}), otherwise token-pair cosine similarity ({@link ExplainMethod#SIMILARITY}).
 * Special tokens (e.g. [CLS], [SEP], a model's prefix) are in the mean pooling, so they keep rows and columns of
 * their own and the cells still add up to the score at word granularity.
 *
 * <p>Words: a word's cell is the sum of its token pairs' contributions (so the total is kept), or for similarity the
 * mean of its token pairs' similarities (a similarity does not add up).
 */
public final class ContributionMaps {

    private final TokenContributions contributions;
    private final String document;
    private final TextSpan window;
    private final List<Units.Unit> queryWords;
    private final List<Units.Unit> documentWords;
    private final List<Units.Unit> queryPieces;
    private final List<Units.Unit> documentPieces;
    private final boolean truncated;
    private final int readUpTo;

    private ContributionMaps(TokenContributions contributions, String query, String document, TextSpan window) {
        this.contributions = contributions;
        this.document = document;
        this.window = window;
        int shift = window == null ? 0 : window.start();
        var q = contributions.query();
        var d = contributions.document();
        List<Units.Unit> dWords = Units.words(d, 0, document, Segment.DOCUMENT, shift);
        this.queryWords = Units.covering(q, Units.words(q, 0, query, Segment.QUERY, 0));
        this.documentWords = Units.covering(d, dWords);
        this.queryPieces = Units.covering(q, Units.pieces(q, 0, Segment.QUERY, 0));
        this.documentPieces = Units.covering(d, Units.pieces(d, 0, Segment.DOCUMENT, shift));
        this.readUpTo = Notes.readUpTo(d, 0);
        this.truncated = Notes.truncated(document, readUpTo);
    }

    /** @param contributions from {@link TokenContributions#of}; query and document are the texts the user wrote */
    public static ContributionMaps of(TokenContributions contributions, String query, String document) {
        return of(contributions, query, document, null);
    }

    /**
     * @param document the document text the model read (the winning window's text when windowed)
     * @param window   when {@code document} is a window of a longer document, its span in that document; else null
     */
    public static ContributionMaps of(TokenContributions contributions, String query, String document,
                                      TextSpan window) {
        return new ContributionMaps(contributions, query, document, window);
    }

    public ExplainMethod method() {
        return contributions.kind() == TokenContributions.Kind.DECOMPOSITION
                ? ExplainMethod.CONTRIBUTIONS : ExplainMethod.SIMILARITY;
    }

    /** Whether the model did not read the whole document. */
    public boolean truncated() {
        return truncated;
    }

    /** The map at {@code granularity}; {@code score} is the run's score (NaN when unknown). */
    public ExplanationMap map(Granularity granularity, String ranker, double score) {
        boolean words = granularity == Granularity.WORDS;
        List<Units.Unit> rows = words ? queryWords : queryPieces;
        List<Units.Unit> columns = words ? documentWords : documentPieces;
        boolean decomposition = method() == ExplainMethod.CONTRIBUTIONS;
        double[][] cells = contributions.cells();
        double[][] values = new double[rows.size()][columns.size()];
        double total = 0;
        for (int r = 0; r < rows.size(); r++) {
            int[] from = rows.get(r).tokens();
            for (int c = 0; c < columns.size(); c++) {
                int[] to = columns.get(c).tokens();
                double sum = 0;
                for (int i : from) {
                    for (int j : to) {
                        sum += cells[i][j];
                    }
                }
                values[r][c] = decomposition ? sum : sum / (from.length * (double) to.length);
                total += values[r][c];
            }
        }
        List<String> notes = new ArrayList<>();
        if (decomposition) {
            notes.add(String.format(Locale.ROOT, "The cells add up to the cosine score: their total is %s%s. "
                            + "Row sums are what each query word adds, column sums what each document word adds.",
                    Occlusion.number(total), Double.isNaN(score) ? ""
                            : String.format(Locale.ROOT, " and the run's score %s", Occlusion.number(score))));
            notes.add("Special tokens such as [CLS] and [SEP] are averaged into the embeddings too, so they have "
                    + "rows and columns of their own.");
        } else {
            notes.add("This model pools its embedding from the [CLS] token, so no exact split of the score into "
                    + "word pairs exists. The cells show which words are alike, not what made the score.");
        }
        if (truncated) {
            notes.add(Notes.truncation(document, readUpTo, documentWords.stream()
                    .filter(u -> u.axis().segment() == Segment.DOCUMENT).toList()));
        }
        if (window != null) {
            notes.add(Notes.window(window));
        }
        String title = (decomposition ? "Contributions to the cosine score" : "Token similarity (not a decomposition)")
                + (words ? "" : ", word-pieces");
        return new ExplanationMap(method(), ranker, title,
                decomposition ? "contribution to the cosine score" : "cosine similarity of token vectors",
                decomposition ? ColorScale.Kind.DIVERGING : ColorScale.Kind.SEQUENTIAL, Units.axes(rows),
                Units.axes(columns), values, decomposition ? total : Double.NaN, score, Double.NaN,
                ExplanationMap.NOT_ATTENTION, ExplanationMap.NOT_ATTENTION, 0, 0, null, granularity, null, window,
                truncated, notes);
    }
}
