package io.rerankworkbench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote-endpoint mixin parses and checks its options (wiring into commands comes separately). */
class RemoteOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        RemoteOptions remote;
    }

    private static RemoteOptions parse(String... args) {
        Probe probe = new Probe();
        CommandLine cl = new CommandLine(probe);
        cl.parseArgs(args);
        probe.remote.validate(cl);
        return probe.remote;
    }

    @Test
    void nothingGivenIsLocal() {
        assertThat(parse().isRemote()).isFalse();
    }

    @Test
    void aBaseUrlAloneMeansCohereV2() {
        RemoteOptions o = parse("--base-url", "http://localhost:8000", "--no-api-key", "--docs-per-request", "64");
        assertThat(o.isRemote()).isTrue();
        assertThat(o.request()).isEqualTo(new RemoteOptions.Request(null, "cohere-v2", "http://localhost:8000", null,
                true, 64, null, null, false, null, null, null));
    }

    @Test
    void providerWithEverything() {
        RemoteOptions.Request r = parse("--provider", "TEI", "--base-url", "http://10.0.0.5:8080",
                "--allow-insecure-http", "--api-key-env", "MY_TEI_KEY", "--concurrency", "4",
                "--request-timeout", "300").request();
        assertThat(r.provider()).isEqualTo("tei");
        assertThat(r.apiKeyEnv()).isEqualTo("MY_TEI_KEY");
        assertThat(r.concurrency()).isEqualTo(4);
        assertThat(r.requestTimeoutSeconds()).isEqualTo(300);
        assertThat(r.allowInsecureHttp()).isTrue();
    }

    @Test
    void badCombinationsAreNamed() {
        assertThatThrownBy(() -> parse("--endpoint", "prod", "--provider", "jina"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--endpoint already names");
        assertThatThrownBy(() -> parse("--concurrency", "3")).hasMessageContaining("need --endpoint");
        assertThatThrownBy(() -> parse("--provider", "jina", "--api-key-env", "fake-abc.def"))
                .hasMessageContaining("variable's name");
        assertThatThrownBy(() -> parse("--base-url", "localhost:8080")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> parse("--provider", "tei", "--concurrency", "0")).hasMessageContaining("1-16");
        assertThatThrownBy(() -> parse("--provider", "tei", "--api-key-env", "K", "--no-api-key"))
                .hasMessageContaining("contradict");
    }
}
