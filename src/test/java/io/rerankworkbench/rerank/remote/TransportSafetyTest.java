package io.rerankworkbench.rerank.remote;

import io.rerankworkbench.rerank.remote.RemoteApiException.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Plain http only to this machine unless the endpoint allows it; URLs and models checked before any request. */
class TransportSafetyTest {

    private static Endpoint tei(String baseUrl) {
        return Endpoint.of("t", Dialect.TEI, baseUrl, null);
    }

    private static RemoteApiException refusal(Endpoint e) {
        return catchThrowableOfType(RemoteApiException.class, () -> RemoteReranker.requestUrl(e));
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedUnlessAllowed() {
        Endpoint remote = tei("http://rerank.example.com:8080");
        RemoteApiException e = refusal(remote);
        assertThat(e.kind()).isEqualTo(Kind.INSECURE);
        assertThat(e.getMessage()).contains("rerank.example.com").contains("unencrypted");
        assertThat(refusal(tei("http://192.168.1.20:8080")).kind()).isEqualTo(Kind.INSECURE);
        assertThat(refusal(tei("http://127.0.0.1.nip.io")).kind()).isEqualTo(Kind.INSECURE);

        Endpoint allowed = remote.withOptions(remote.options().withAllowInsecureHttp(true));
        assertThat(RemoteReranker.requestUrl(allowed).toString()).isEqualTo("http://rerank.example.com:8080/rerank");
    }

    @Test
    void loopbackAndHttpsNeedNoPermission() {
        assertThat(RemoteReranker.requestUrl(tei("http://localhost:8080")).toString())
                .isEqualTo("http://localhost:8080/rerank");
        assertThat(RemoteReranker.requestUrl(tei("http://127.0.0.2:8080/")).toString())
                .isEqualTo("http://127.0.0.2:8080/rerank");
        assertThat(RemoteReranker.requestUrl(tei("http://[::1]:8080")).toString())
                .isEqualTo("http://[::1]:8080/rerank");
        assertThat(RemoteReranker.requestUrl(tei("https://tei.example.com/prefix/")).toString())
                .isEqualTo("https://tei.example.com/prefix/rerank");
        assertThat(RemoteReranker.requestUrl(Endpoint.of("c", Dialect.COHERE_V2, null, null)).toString())
                .isEqualTo("https://api.cohere.com/v2/rerank");
    }

    @Test
    void configurationProblemsAreCaughtBeforeAnyRequest() {
        assertThat(refusal(Endpoint.of("n", Dialect.NIM, null, null)).getMessage())
                .contains("set the base URL of your server");
        assertThat(refusal(tei("ftp://host/x")).kind()).isEqualTo(Kind.CONFIG);
        assertThat(refusal(tei("not a url")).getMessage()).contains("not an http(s) URL");

        try (RemoteHttp http = RemoteHttp.create()) {
            RemoteApiException noKey = catchThrowableOfType(RemoteApiException.class, () -> new RemoteReranker(
                    Endpoint.of("c", Dialect.COHERE_V2, null, null), null, http, RetryPolicy.DEFAULT));
            assertThat(noKey.kind()).isEqualTo(Kind.CONFIG);
            assertThat(noKey.getMessage()).contains("no API key for Cohere v2");
            RemoteReranker nim = new RemoteReranker(new Endpoint("n", Dialect.NIM, "http://localhost:8000", null,
                    KeyRef.NONE, EndpointOptions.DEFAULT), null, http, RetryPolicy.DEFAULT);
            assertThat(nim.model()).isEqualTo("nvidia/llama-nemotron-rerank-1b-v2");
            assertThat(nim.toString()).contains("http://localhost:8000/v1/ranking");
        }
    }
}
