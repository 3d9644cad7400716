package io.rerankworkbench.io;

import java.io.IOException;
import java.nio.ByteBuffer;
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
        return new ArrayList<>(readText(file).lines().toList());
    }

    /**
     * The whole text, without a leading byte-order mark and with its line ends as written. Fails on a missing,
     * unreadable, blank or non-UTF-8 file.
     */
    static String readText(Path file) throws InputFormatException {
        if (!Files.exists(file)) {
            throw new InputFormatException(file, 0, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file, 0, "is a directory, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file, 0, "file not found", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new InputFormatException(file, 0, "could not be read: " + e.getMessage(), e);
        }
        // Decode the whole file at once so a bad byte can be traced to its line; a streaming reader fails a whole
        // buffer ahead of the lines it has handed out.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new InputFormatException(file, lineAt(bytes, in.position()), "not valid UTF-8 text", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InputFormatException(file, 0, "the file is empty");
        }
        return text;
    }

    /** The 1-based line of a byte offset, counting LF, CRLF and lone CR as line ends. */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
