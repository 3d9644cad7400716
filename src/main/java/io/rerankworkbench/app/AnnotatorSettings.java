package io.rerankworkbench.app;

import io.rerankworkbench.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Who is labeling: the annotator name the labeling window asks for once and then prefills. It is a per-user setting,
 * kept in {@code labeling.properties} in the user's configuration folder ({@link UserConfig}), not in the project: a
 * project is shared by the annotators whose agreement it measures, so a name stored in it would greet the next person
 * with the previous one's name. Until a name is saved, the operating-system user name is offered, unless it is a
 * system or shared account such as {@code root}, which names no one.
 *
 * <p>Threading: reads and writes a file; call from the {@code io} lane.
 */
public final class AnnotatorSettings {

    static final String FILE = "labeling.properties";
    private static final String KEY = "annotator";

    /** Account names that say nothing about who is grading: administrators, services, cloud and CI defaults. */
    private static final Set<String> SHARED_ACCOUNTS = Set.of("root", "admin", "administrator", "user", "guest",
            "nobody", "daemon", "system", "default", "owner", "ubuntu", "ec2-user", "vagrant", "runner", "jenkins",
            "docker");

    private final Path folder;
    private final String systemUser;

    /** Settings in {@code configFolder} (the app passes {@link UserConfig#directory()}). */
    public AnnotatorSettings(Path configFolder) {
        this(configFolder, System.getProperty("user.name", ""));
    }

    /** As above, with the operating-system user name given (tests). */
    public AnnotatorSettings(Path configFolder, String systemUser) {
        this.folder = configFolder;
        this.systemUser = systemUser == null ? "" : systemUser;
    }

    /** The name saved by an earlier answer or session, if any (an unreadable file counts as none). */
    public Optional<String> saved() {
        Path file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
                String name = properties.getProperty(KEY);
                if (name != null && !name.isBlank()) {
                    return Optional.of(name.strip());
                }
            } catch (IOException | IllegalArgumentException e) {
                System.getLogger(AnnotatorSettings.class.getName()).log(System.Logger.Level.WARNING,
                        "Ignoring unreadable " + file + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** What to offer before anything was saved: the system user name, or empty for a system or shared account. */
    public String suggestion() {
        String name = systemUser.strip();
        return isSharedAccount(name) ? "" : name;
    }

    /** The saved name, or else {@link #suggestion()}. */
    public String annotator() {
        return saved().orElseGet(this::suggestion);
    }

    /** Whether an account name names no one in particular ({@code root}, {@code admin}, {@code ubuntu}, …). */
    public static boolean isSharedAccount(String accountName) {
        return accountName == null || accountName.isBlank()
                || SHARED_ACCOUNTS.contains(accountName.strip().toLowerCase(Locale.ROOT));
    }

    /** Remembers the name for the next session. */
    public void saveAnnotator(String name) {
        Properties properties = new Properties();
        properties.setProperty(KEY, name.strip());
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve(FILE), out -> properties.store(out, "Rerank Workbench labeling"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the annotator name in " + folder + ": " + e.getMessage(), e);
        }
    }
}
