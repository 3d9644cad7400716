package io.rerankworkbench.io.imports;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one text-decoding path for every input (the importers, and the CLI's candidate, query and document files):
 * detects the encoding (byte-order mark, or the zero bytes of UTF-16 without one), skips the mark, decodes strictly
 * and knows on which line an undecodable byte sits, refuses NUL characters and lines longer than
 * {@link #MAX_LINE_CHARS}, and counts the bytes read for progress. Nothing is read into memory beyond a buffer,
 * except by {@link #readAll}, which is capped.
 */
public final class TextInput {

    private static final int SNIFF_BYTES = 8192;

    /**
     * The longest line any reader accepts (characters, or bytes for the byte-level readers): far above any real
     * record (a per-query JSON line with hundreds of documents), low enough that a file without line breaks
     * ({@code /dev/zero}, a binary) fails with a message instead of exhausting memory.
     */
    public static final int MAX_LINE_CHARS = 16 << 20;

    /** The most {@link #readAll} reads: whole-file inputs (candidates, queries, one document) are small. */
    public static final long MAX_WHOLE_FILE_BYTES = 256L << 20;

    /** How far detection reads at most to find the first complete lines. */
    static final int MAX_SNIFF_BYTES = 4 << 20;

    /** Text that cannot be read on a 1-based line (0: the whole file): the {@code problem} says why. */
    public static class TextProblemException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        TextProblemException(long line, String problem) {
            super(problem);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** A NUL character: binary data, or text in an encoding that was not recognised. */
    static TextProblemException nul(long line) {
        return new TextProblemException(line, "contains a NUL character (U+0000): the file is binary or in an "
                + "encoding that was not recognised");
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** A line over {@link #MAX_LINE_CHARS}. */
    static TextProblemException tooLong(long line) {
        return new TextProblemException(line, "the line is longer than " + (MAX_LINE_CHARS >> 20)
                + " MiB (the limit for one line); is this a text file with line breaks?");
    }

    /** The encoding of a file and the length of its byte-order mark (0 when it has none). */
    record Encoding(Charset charset, int bomLength) {
    }

    /** A byte that is not text in the file's encoding, on a 1-based line. */
    static final class UndecodableException extends TextProblemException {
        private static final long serialVersionUID = 1L;

        UndecodableException(long line, Charset charset) {
            super(line, "not valid " + charset.name() + " text");
        }
    }

    private TextInput() {
    }

    /**
     * Why a path that does not resolve to a file cannot be opened, in words: "file not found", or what is wrong with
     * the symbolic link it is (a loop, a missing target).
     */
    public static String notFound(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return "file not found";
        }
        try {
            path.toRealPath();
            return "file not found";
        } catch (java.nio.file.FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(java.util.Locale.ROOT);
            if (reason.contains("levels of symbolic links") || reason.contains("loop")) {
                return "is a symbolic link that loops (it leads back to itself)";
            }
            try {
                return "is a symbolic link to " + Files.readSymbolicLink(path) + ", which does not exist";
            } catch (IOException | UnsupportedOperationException ignored) {
                return "is a symbolic link to a file that does not exist";
            }
        } catch (IOException e) {
            return "file not found";
        }
    }

    /** The first bytes of a file (up to a few kilobytes), for the encoding. */
    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    /**
     * The first bytes of a file for format detection: enough to hold its first {@code lines} non-blank lines whole
     * (read in growing steps), but at most {@link #MAX_SNIFF_BYTES}. Shorter than that only at the end of the file.
     */
    static byte[] sniffHead(Path file, int lines) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            int step = SNIFF_BYTES;
            while (head.length >= step && head.length < MAX_SNIFF_BYTES
                    && headLines(head, lines, false).size() < lines) {
                byte[] more = in.readNBytes(Math.min(head.length, MAX_SNIFF_BYTES - head.length));
                if (more.length == 0) {
                    break;
                }
                byte[] grown = Arrays.copyOf(head, head.length + more.length);
                System.arraycopy(more, 0, grown, head.length, more.length);
                step = head.length + Math.min(head.length, MAX_SNIFF_BYTES - head.length);
                head = grown;
            }
            return head;
        }
    }

    /**
     * The whole of a (small) text file, decoded as every input is (encoding detected, mark skipped, strict, no NUL,
     * lines capped), at most {@code maxBytes}.
     *
     * @throws TextProblemException for text that cannot be read, with its line (0 for the whole file)
     * @throws IOException          when the file cannot be read
     */
    public static String readAll(Path file, long maxBytes) throws IOException {
        ReadContext none = ReadContext.simple(false);
        StringBuilder text = new StringBuilder();
        try (Reader reader = open(file, null, none)) {
            char[] buf = new char[1 << 16];
            int n;
            while ((n = reader.read(buf)) >= 0) {
                text.append(buf, 0, n);
                if (none.bytesSoFar() > maxBytes) {
                    throw new TextProblemException(0, "is larger than " + size(maxBytes)
                            + " (the limit for this input)");
                }
            }
        }
        return text.toString();
    }

    /**
     * The encoding of text starting with {@code head}: UTF-8 or UTF-16 by their byte-order marks; without one,
     * UTF-16 when ASCII characters show as a zero byte every second byte (LE: zeros at odd offsets, BE: at even
     * ones); UTF-8 otherwise.
     */
    static Encoding detect(byte[] head) {
        int n = head.length;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Encoding(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Encoding(StandardCharsets.UTF_16BE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Encoding(StandardCharsets.UTF_16LE, 2);
        }
        int pairs = n / 2;
        if (pairs > 0) {
            int evenZeros = 0;
            int oddZeros = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                if (head[i] == 0) {
                    evenZeros++;
                }
                if (head[i + 1] == 0) {
                    oddZeros++;
                }
            }
            // Real text in UTF-8 has no zero bytes at all; in UTF-16 every Latin character brings one. Requiring
            // most pairs to have the zero on one side, and hardly any on the other, keeps binary junk out.
            if (oddZeros * 10 >= pairs * 6 && evenZeros * 10 <= pairs) {
                return new Encoding(StandardCharsets.UTF_16LE, 0);
            }
            if (evenZeros * 10 >= pairs * 6 && oddZeros * 10 <= pairs) {
                return new Encoding(StandardCharsets.UTF_16BE, 0);
            }
        }
        return new Encoding(StandardCharsets.UTF_8, 0);
    }

    /** The length of a byte-order mark at the start of {@code head} that belongs to {@code charset}, else 0. */
    static int bomLength(byte[] head, Charset charset) {
        Encoding detected = detect(head);
        return detected.bomLength() > 0 && detected.charset().equals(charset) ? detected.bomLength() : 0;
    }

    /**
     * Opens a file as text. With {@code charset} null the encoding is detected; either way a byte-order mark of the
     * encoding is skipped. Bytes read are counted into {@code ctx}.
     */
    static Reader open(Path file, Charset charset, ReadContext ctx) throws IOException {
        byte[] head = head(file);
        Charset cs = charset != null ? charset : detect(head).charset();
        int bom = bomLength(head, cs);
        InputStream in = new CountingStream(Files.newInputStream(file), ctx);
        try {
            in.readNBytes(bom);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new StrictReader(in, cs);
    }

    /** The file's bytes, counted into {@code ctx} as they are read. */
    static InputStream openCounted(Path file, ReadContext ctx) throws IOException {
        return new CountingStream(Files.newInputStream(file), ctx);
    }

    static BufferedReader openLines(Path file, Charset charset, ReadContext ctx) throws IOException {
        return new BufferedReader(open(file, charset, ctx), 1 << 16);
    }

    /** Decodes the first bytes of a file for sniffing, leniently (a cut multi-byte character at the end is fine). */
    static String headText(byte[] head) {
        Encoding enc = detect(head);
        return new String(head, enc.bomLength(), head.length - enc.bomLength(), enc.charset());
    }

    /**
     * The non-blank lines at the start of {@code head}, at most {@code max}. When {@code head} may be cut
     * (it fills its buffer) the last line is dropped as incomplete, except when there would be no line at all: then
     * the cut first line is given, so a file with one very long line is still recognised by its start.
     */
    static java.util.List<String> headLines(byte[] head, int max) {
        return headLines(head, max, true);
    }

    private static java.util.List<String> headLines(byte[] head, int max, boolean keepCut) {
        String text = headText(head);
        String[] lines = text.split("\r\n|\r|\n", -1);
        boolean mayBeCut = head.length >= SNIFF_BYTES;
        int usable = mayBeCut ? lines.length - 1 : lines.length;
        java.util.List<String> whole = Arrays.stream(lines, 0, Math.max(0, usable)).filter(l -> !l.isBlank())
                .limit(max).toList();
        if (whole.isEmpty() && keepCut && mayBeCut && !lines[lines.length - 1].isBlank()) {
            return java.util.List.of(lines[lines.length - 1]);
        }
        return whole;
    }

    private static final class CountingStream extends FilterInputStream {
        private final ReadContext ctx;

        CountingStream(InputStream in, ReadContext ctx) {
            super(in);
            this.ctx = ctx;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                ctx.bytesRead(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                ctx.bytesRead(n);
            }
            return n;
        }
    }

    /**
     * A strict decoding reader that hands out every character before a bad byte and only then fails, naming the
     * bad byte's line. (InputStreamReader would either replace bad bytes silently or fail a whole buffer early,
     * before the lines preceding the bad byte were read.) Lines end at LF, CRLF or a lone CR, as in
     * {@link BufferedReader#readLine()}.
     */
    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private boolean endOfInput;
        private boolean finalDecoded;
        private boolean done;
        private long lineBreaks;
        private long lineChars;
        private boolean afterCr;
        private TextProblemException pending;

        StrictReader(InputStream in, Charset charset) {
            this.in = in;
            this.charset = charset;
            this.decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(buf, off, len);
            while (true) {
                if (pending != null) {
                    if (out.position() > off) {
                        break;
                    }
                    throw pending;
                }
                if (done) {
                    break;
                }
                int before = out.position();
                CoderResult result;
                if (!endOfInput) {
                    result = decoder.decode(bytes, out, false);
                } else if (!finalDecoded) {
                    result = decoder.decode(bytes, out, true);
                } else {
                    result = decoder.flush(out);
                }
                countLines(buf, before, out.position());
                if (pending != null) {
                    continue;
                }
                if (result.isError()) {
                    pending = new UndecodableException(lineBreaks + 1, charset);
                    continue;
                }
                if (result.isOverflow()) {
                    break;
                }
                if (endOfInput) {
                    if (finalDecoded) {
                        done = true;
                    }
                    finalDecoded = true;
                    continue;
                }
                if (out.position() > off) {
                    break;
                }
                fill();
            }
            int produced = out.position() - off;
            return produced == 0 && done ? -1 : produced;
        }

        private void fill() throws IOException {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        /** Counts line breaks; a NUL or an over-long line becomes the pending problem (after the text before it). */
        private void countLines(char[] buf, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = buf[i];
                if (c == '\r') {
                    lineBreaks++;
                    lineChars = 0;
                    afterCr = true;
                } else {
                    if (c == '\n') {
                        if (!afterCr) {
                            lineBreaks++;
                        }
                        lineChars = 0;
                    } else if (c == 0 && pending == null) {
                        pending = nul(lineBreaks + 1);
                    } else if (++lineChars > MAX_LINE_CHARS && pending == null) {
                        pending = tooLong(lineBreaks + 1);
                    }
                    afterCr = false;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
