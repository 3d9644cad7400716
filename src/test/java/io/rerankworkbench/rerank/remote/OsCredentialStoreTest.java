package io.rerankworkbench.rerank.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored keys go to the OS credential store when there is one, to the owner-only file otherwise. */
class OsCredentialStoreTest {

    private static final String KEY = "fake-key-0123456789abcdef";

    @TempDir
    Path config;

    /** An in-memory stand-in for the OS store that can be told to refuse. */
    static final class FakeStore implements CredentialStore {
        final Map<String, String> keys = new HashMap<>();
        boolean refuse;

        @Override
        public String description() {
            return "the test keychain";
        }

        @Override
        public void put(String id, ApiKey key) throws Exception {
            if (refuse) {
                throw new IllegalStateException("locked");
            }
            keys.put(id, key.reveal());
        }

        @Override
        public Optional<ApiKey> get(String id) {
            return Optional.ofNullable(keys.get(id)).map(ApiKey::of);
        }

        @Override
        public void remove(String id) {
            keys.remove(id);
        }
    }

    @Test
    void keysGoToTheOsStoreAndTheFileHoldsOnlyTheirIds() throws IOException {
        FakeStore os = new FakeStore();
        Secrets secrets = new Secrets(config, Map.of(), os);
        secrets.store("cohere-prod", ApiKey.of(KEY));

        assertThat(os.keys).containsEntry("cohere-prod", KEY);
        String file = Files.readString(config.resolve(Secrets.FILE_NAME));
        assertThat(file).contains("cohere-prod").doesNotContain(KEY);
        assertThat(secrets.lookup("cohere-prod")).map(ApiKey::reveal).contains(KEY);
        assertThat(secrets.storedIds()).containsExactly("cohere-prod");
        assertThat(secrets.storeDescription()).isEqualTo("the test keychain");

        assertThat(secrets.delete("cohere-prod")).isTrue();
        assertThat(os.keys).isEmpty();
        assertThat(secrets.lookup("cohere-prod")).isEmpty();
    }

    @Test
    void aStoreThatRefusesFallsBackToTheOwnerOnlyFile() throws IOException {
        FakeStore os = new FakeStore();
        os.refuse = true;
        Secrets secrets = new Secrets(config, Map.of(), os);
        secrets.store("jina", ApiKey.of(KEY));
        assertThat(os.keys).isEmpty();
        assertThat(Files.readString(config.resolve(Secrets.FILE_NAME))).contains(KEY);
        assertThat(secrets.lookup("jina")).map(ApiKey::reveal).contains(KEY);
    }

    @Test
    void aKeyInAStoreThatIsGoneAsksToBeEnteredAgain() throws IOException {
        new Secrets(config, Map.of(), new FakeStore()).store("voyage", ApiKey.of(KEY));
        assertThatThrownBy(() -> new Secrets(config, Map.of()).lookup("voyage"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("OS credential store, which is not available now; enter the key again")
                .hasMessageNotContaining(KEY);
    }

    @Test
    @Timeout(30)
    void detectingTheOsStoreNeverHangsOrThrows() {
        // On a desktop it finds the keychain; on a headless build machine there is none. Either way it answers.
        Optional<CredentialStore> store = OsKeyring.detect();
        store.ifPresent(s -> assertThat(s.description()).startsWith("the OS credential store"));
        assertThat(Secrets.system(config).storeDescription()).isNotBlank();
    }
}
