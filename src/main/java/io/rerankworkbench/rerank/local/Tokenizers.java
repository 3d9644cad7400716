package io.rerankworkbench.rerank.local;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates Hugging Face tokenizers (Rust, through DJL's binding) from a model's own {@code tokenizer.json}.
 *
 * <p>DJL tries to reach a usage-tracking service when its first tokenizer is created. The workbench never makes
 * connections the user did not configure, so this class switches tracking off before any tokenizer exists; all
 * tokenizers are created here.
 */
public final class Tokenizers {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // DJL probes for CUDA on start-up and warns when there is no GPU driver; that is the normal case here.
        Logger.getLogger("ai.djl.util.cuda").setLevel(Level.OFF);
        Logger.getLogger("ai.djl.util.cuda.CudaUtils").setLevel(Level.OFF);
    }

    private Tokenizers() {
    }

    /** Whether usage tracking is switched off; exposed for tests. */
    public static boolean trackingDisabled() {
        return "true".equals(System.getProperty("ai.djl.offline"))
                && "true".equals(System.getProperty("OPT_OUT_TRACKING"));
    }

    /**
     * A tokenizer that adds the model's special tokens and never pads. With {@code maxLength > 0} it truncates to
     * that many tokens (special tokens included) with the given strategy ({@code true}/{@code longest_first},
     * {@code only_second}); otherwise not at all. Settings in the file (many exports carry a fixed padding or a
     * shorter truncation) are overridden.
     */
    static HuggingFaceTokenizer create(byte[] tokenizerJson, int maxLength, String truncation) throws IOException {
        Map<String, String> options = maxLength > 0
                ? Map.of("padding", "false", "truncation", truncation, "maxLength", Integer.toString(maxLength),
                         "addSpecialTokens", "true")
                : Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true");
        return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), options);
    }
}
