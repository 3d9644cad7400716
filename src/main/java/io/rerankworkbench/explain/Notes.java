package io.rerankworkbench.explain;

import io.rerankworkbench.core.TextSpan;
import io.rerankworkbench.rerank.TokenizedInput;

import java.util.List;

/** Where the model stopped reading a document, and the sentences that say so beside a map. */
final class Notes {

    private Notes() {
    }

    /** The end of the last character of {@code segment} the model read; 0 when it read none. */
    static int readUpTo(TokenizedInput input, int segment) {
        int end = 0;
        for (int i = 0; i < input.size(); i++) {
            if (input.segments()[i] == segment && input.spans().get(i) != null) {
                end = Math.max(end, input.spans().get(i).end());
            }
        }
        return end;
    }

    /** Whether non-blank text of {@code document} follows the point the model read up to. */
    static boolean truncated(String document, int readUpTo) {
        return readUpTo < document.length() && !document.substring(readUpTo).isBlank();
    }

    /**
     * "The model read the document up to “word” (N of M words); the rest was cut off." Words are counted as
     * occlusion counts them; N are those that begin before the cut.
     */
    static String truncation(String document, int readUpTo, List<Units.Unit> documentWords) {
        List<AxisUnit> words = Occlusion.units(document, OcclusionUnit.WORD);
        long read = words.stream().filter(w -> w.span().start() < readUpTo).count();
        String last = documentWords.isEmpty() ? "" : documentWords.get(documentWords.size() - 1).axis().label();
        return "The model read the document up to “" + last + "” (" + read + " of " + words.size()
                + " words); the rest was cut off.";
    }

    /** Characters are numbered from 1, both ends included, as a reader counts them. */
    static String window(TextSpan window) {
        return "The document was scored in windows; this is the best-scoring window, characters "
                + (window.start() + 1) + "–" + window.end() + ".";
    }
}
