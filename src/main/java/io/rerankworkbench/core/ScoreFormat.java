package io.rerankworkbench.core;

import java.math.BigDecimal;

/** Text forms of scores for files that other tools read. */
public final class ScoreFormat {

    private ScoreFormat() {
    }

    /**
     * The shortest decimal that reads back as the same double, never in exponent notation, with at least
     * {@code minDecimals} digits after the point (TREC tools expect fixed-point scores).
     */
    public static String plain(double score, int minDecimals) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score is not finite: " + score);
        }
        String s = new BigDecimal(Double.toString(score)).stripTrailingZeros().toPlainString();
        int dot = s.indexOf('.');
        int decimals = dot < 0 ? 0 : s.length() - dot - 1;
        if (decimals >= minDecimals) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s);
        if (dot < 0) {
            sb.append('.');
        }
        sb.append("0".repeat(minDecimals - decimals));
        return sb.toString();
    }
}
