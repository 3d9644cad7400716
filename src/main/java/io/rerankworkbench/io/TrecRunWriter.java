package io.rerankworkbench.io;

import io.rerankworkbench.core.Ranking;
import io.rerankworkbench.core.ScoreFormat;
import io.rerankworkbench.core.ScoredCandidate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes rankings in the TREC run format read by trec_eval and ir_measures: {@code qid Q0 docid rank score run_tag},
 * space separated, scores in fixed-point with at least six decimals.
 */
public final class TrecRunWriter {

    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private final String runTag;

    public TrecRunWriter(String runTag) {
        requireToken("run tag", runTag);
        this.runTag = runTag;
    }

    /** Does not close {@code out}. */
    public void write(List<Ranking> rankings, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (Ranking ranking : rankings) {
            String qid = requireToken("query id", ranking.query().id());
            for (ScoredCandidate c : ranking.results()) {
                writer.write(qid + " Q0 " + requireToken("document id", c.candidate().docId()) + " " + c.rank()
                        + " " + ScoreFormat.plain(c.score(), 6) + " " + runTag + "\n");
            }
        }
        writer.flush();
    }

    /**
     * Whether {@code value} can be one field of a TREC run or qrels line: trec_eval and ir_measures split lines on
     * whitespace, so a field must be non-empty and hold none.
     */
    public static boolean isToken(String value) {
        return value != null && !value.isEmpty() && !WHITESPACE.matcher(value).find();
    }

    private static String requireToken(String what, String value) {
        if (!isToken(value)) {
            throw new IllegalArgumentException("a TREC " + what + " cannot be empty or contain whitespace: \""
                    + value + "\"");
        }
        return value;
    }
}
