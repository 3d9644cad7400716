package io.rerankworkbench.io;

import io.rerankworkbench.io.imports.TextInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads whole text files through the importers' decoding ({@link TextInput}: UTF-8, or UTF-16 with or without a
 * byte-order mark, strictly; no NUL; lines and size capped), turning every failure into an
 * {@link InputFormatException} with the file and line.
 */
final class TextFiles {

    private TextFiles() {
    }

    /** All lines, without a leading byte-order mark. Fails on a missing, unreadable, empty or non-UTF-8 file. */
    static List<String> readLines(Path file) throws InputFormatException {
        return new ArrayList<>(readText(file).lines().toList());
    }

    /**
     * The whole text, without a leading byte-order mark and with its line ends as written. Fails on a missing,
     * unreadable, blank or non-UTF-8 file.
     */
    static String readText(Path file) throws InputFormatException {
        if (!Files.exists(file)) {
            throw new InputFormatException(file, 0, TextInput.notFound(file));
        }
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file, 0, "is a directory, not a file");
        }
        String text;
        try {
            text = TextInput.readAll(file, TextInput.MAX_WHOLE_FILE_BYTES);
        } catch (TextInput.TextProblemException e) {
            throw new InputFormatException(file, (int) Math.min(e.line(), Integer.MAX_VALUE), e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file, 0, TextInput.notFound(file), e);
        } catch (IOException e) {
            throw new InputFormatException(file, 0, "could not be read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InputFormatException(file, 0, "the file is empty");
        }
        return text;
    }
}
