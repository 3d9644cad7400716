package io.rerankworkbench.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rerankworkbench.io.AtomicFiles;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Persists the model library — the folders the user added and the default model — as {@code models.json} in the
 * user's configuration folder. Writes are atomic; a missing file is an empty library; a broken file is reported and
 * treated as empty rather than stopping the app.
 */
public final class ModelLibraryStore {

    private static final System.Logger LOG = System.getLogger(ModelLibraryStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * The saved library: added model folders (absolute paths), the default model's name (null = first) and the kinds
     * learned when models were loaded ({@link io.rerankworkbench.rerank.ModelKind} names, keyed by folder, or by
     * {@code bundled:NAME} for bundled models), so listing the library needs no slow load.
     */
    public record Library(List<String> folders, String defaultModel,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> kinds) {
        public Library {
            folders = folders == null ? List.of() : List.copyOf(folders);
            kinds = kinds == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(kinds));
        }

        public Library(List<String> folders, String defaultModel) {
            this(folders, defaultModel, Map.of());
        }

        static final Library EMPTY = new Library(List.of(), null);
    }

    private final Path file;

    public ModelLibraryStore(Path configDirectory) {
        this.file = configDirectory.resolve("models.json");
    }

    private ModelLibraryStore() {
        this.file = null;
    }

    /** A store that keeps nothing: for tests and for runs that must not touch the user's settings. */
    public static ModelLibraryStore inMemory() {
        return new ModelLibraryStore();
    }

    public Path file() {
        return file;
    }

    public Library load() {
        if (file == null || !Files.isRegularFile(file)) {
            return Library.EMPTY;
        }
        try {
            Library library = JSON.readValue(file.toFile(), Library.class);
            return library == null ? Library.EMPTY : library;
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, file + ":" + e.getLocation().getLineNr() + ": not a valid model library ("
                    + e.getOriginalMessage() + "); starting with the bundled models only");
            return Library.EMPTY;
        } catch (IOException e) {
            LOG.log(Level.WARNING, file + ": could not be read (" + e.getMessage() + ")");
            return Library.EMPTY;
        }
    }

    public void save(Library library) throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, out -> JSON.writeValue(out, library));
    }
}
