package io.rerankworkbench.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads UTF-8 text files strictly, turning every failure into an {@link InputFormatException}. */
final class TextFiles {

    private TextFiles() {
    }

    /** All lines, without a leading byte-order mark. Fails on a missing, unreadable, empty or non-UTF-8 file. */
    static List<String> readLines(Path file) throws InputFormatException {
        if (!Files.exists(file)) {
            throw new InputFormatException(file, 0, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file, 0, "is a directory, not a file");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines.isEmpty() && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new InputFormatException(file, lines.size() + 1, "not valid UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file, 0, "file not found", e);
        } catch (IOException e) {
            throw new InputFormatException(file, 0, "could not be read: " + e.getMessage(), e);
        }
        if (lines.stream().allMatch(String::isBlank)) {
            throw new InputFormatException(file, 0, "the file is empty");
        }
        return lines;
    }
}
