package io.rerankworkbench.io.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link Lines#read} for large UTF-8 files, without a decoded {@code String} per line: the file is read in big byte
 * buffers and split at LF, CRLF or a lone CR. A line of plain ASCII — printable characters, space, tab, vertical tab
 * and form feed only, on which {@link String#strip()} and the regex {@code \s} agree — goes to the handler as bytes;
 * any other line is decoded strictly and goes to it as a {@code String}, so the caller can treat it exactly as
 * {@link Lines} would have. Files detected as UTF-16 are read by {@link Lines}. Blank lines, line numbers, progress,
 * cancellation and the problems (empty file, folder, missing file, an undecodable byte's line) are as in
 * {@link Lines}.
 */
final class ByteLines {

    /** Receives the non-blank lines with their 1-based numbers. */
    interface Handler {
        /** A line of plain ASCII in {@code buf[from, to)}; the bytes are valid only during the call. */
        void ascii(long number, byte[] buf, int from, int to);

        /** Any other line, decoded. */
        void text(long number, String line);
    }

    private static final int BUFFER = 1 << 20;

    private ByteLines() {
    }

    /** As {@link Lines#read} with the encoding detected. */
    static boolean read(Path file, ReadContext ctx, Handler handler) {
        if (Files.isDirectory(file)) {
            ctx.fatal(file, 0, "is a folder, not a file");
            return false;
        }
        try {
            TextInput.Encoding encoding = TextInput.detect(TextInput.head(file));
            if (!encoding.charset().equals(StandardCharsets.UTF_8)) {
                return Lines.read(file, null, ctx, handler::text);
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.readNBytes(encoding.bomLength());
                return new Scan(file, ctx, handler).run(in);
            }
        } catch (NoSuchFileException e) {
            ctx.fatal(file, 0, TextInput.notFound(file));
            return false;
        } catch (IOException e) {
            ctx.fatal(file, 0, "could not be read: " + e.getMessage());
            return false;
        }
    }

    /** Whether {@code c} is one of the whitespace bytes of a plain ASCII line. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f';
    }

    private static final class Scan {
        private final Path file;
        private final ReadContext ctx;
        private final Handler handler;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private long number;
        private boolean any;

        Scan(Path file, ReadContext ctx, Handler handler) {
            this.file = file;
            this.ctx = ctx;
            this.handler = handler;
        }

        boolean run(InputStream in) throws IOException {
            byte[] buf = new byte[BUFFER];
            int len = 0;      // bytes in buf
            int start = 0;    // where the current line starts
            int i = 0;        // next byte to look at
            boolean afterCr = false;
            while (true) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                    i -= start;
                    start = 0;
                }
                if (len == buf.length) {
                    if (len >= TextInput.MAX_LINE_CHARS) {
                        TextInput.TextProblemException e = TextInput.tooLong(number + 1);
                        ctx.fatal(file, e.line(), e.getMessage());
                        return false;
                    }
                    buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    break;
                }
                ctx.bytesRead(n);
                len += n;
                for (; i < len; i++) {
                    byte b = buf[i];
                    if (b == '\n' || b == '\r') {
                        if (b == '\n' && afterCr && i == start) {
                            // the LF of a CRLF
                            afterCr = false;
                            start = i + 1;
                            continue;
                        }
                        if (!line(buf, start, i)) {
                            return false;
                        }
                        afterCr = b == '\r';
                        start = i + 1;
                    } else {
                        afterCr = false;
                    }
                }
            }
            if (start < len && !line(buf, start, len)) {
                return false;
            }
            ctx.reportProgress();
            if (!any) {
                ctx.fatal(file, 0, "the file is empty");
                return false;
            }
            return true;
        }

        /** Hands one line on; false when it is not valid UTF-8 (the problem is recorded). */
        private boolean line(byte[] buf, int from, int to) {
            number++;
            boolean blank = true;
            for (int k = from; k < to; k++) {
                int c = buf[k]; // negative for the bytes of non-ASCII characters
                if (c > ' ') {
                    blank = false;
                } else if (c == 0) {
                    ctx.fatal(file, number, TextInput.nul(number).getMessage());
                    return false;
                } else if (!isSpace(c)) {
                    return decoded(buf, from, to);
                }
            }
            if (!blank) {
                any = true;
                ctx.row();
                handler.ascii(number, buf, from, to);
            }
            return true;
        }

        private boolean decoded(byte[] buf, int from, int to) {
            String text;
            try {
                text = decoder.reset().decode(ByteBuffer.wrap(buf, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                ctx.fatal(file, number, "not valid UTF-8 text");
                return false;
            }
            if (text.indexOf('\0') >= 0) {
                ctx.fatal(file, number, TextInput.nul(number).getMessage());
                return false;
            }
            if (!text.isBlank()) {
                any = true;
                ctx.row();
                handler.text(number, text);
            }
            return true;
        }
    }
}
