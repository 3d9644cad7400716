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

    // java.util.logging holds loggers weakly: keep these so their level survives garbage collection.
    private static final Logger CUDA_LOG = Logger.getLogger("ai.djl.util.cuda.CudaUtils");
    private static final Logger PLATFORM_LOG = Logger.getLogger("ai.djl.util.Platform");

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // DJL probes for CUDA on start-up and warns when there is no GPU driver, the normal case on a desktop, and
        // logs which native build it picked; neither is news to the user.
        CUDA_LOG.setLevel(Level.OFF);
        PLATFORM_LOG.setLevel(Level.WARNING);
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
