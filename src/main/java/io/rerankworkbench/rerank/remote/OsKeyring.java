package io.rerankworkbench.rerank.remote;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The operating system's credential store through java-keyring: the macOS Keychain, the Windows Credential Manager,
 * or the freedesktop Secret Service (GNOME Keyring, KWallet) on Linux. Keys are filed under the service name
 * "Rerank Workbench" with the endpoint's key id as the account.
 */
final class OsKeyring implements CredentialStore {

    private static final System.Logger LOG = System.getLogger(OsKeyring.class.getName());
    static final String SERVICE = "Rerank Workbench";

    private final Keyring keyring;

    private OsKeyring(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The OS store, or empty when this machine has none the library can reach (e.g. no desktop session). */
    static Optional<CredentialStore> detect() {
        try {
            return Optional.of(new OsKeyring(Keyring.create()));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "No OS credential store available (" + e.getMessage() + "); stored keys go to "
                    + Secrets.FILE_NAME + " (owner-only)");
            return Optional.empty();
        }
    }

    @Override
    public String description() {
        return "the OS credential store (" + keyring.getKeyringStorageType() + ")";
    }

    @Override
    public void put(String id, ApiKey key) throws PasswordAccessException {
        keyring.setPassword(SERVICE, id, key.reveal());
    }

    @Override
    public Optional<ApiKey> get(String id) throws PasswordAccessException {
        String value = keyring.getPassword(SERVICE, id);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(ApiKey.of(value));
    }

    @Override
    public void remove(String id) throws PasswordAccessException {
        keyring.deletePassword(SERVICE, id);
    }
}
