package io.rerankworkbench.io.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Streams the non-blank lines of a text file with their 1-based numbers; read failures become fatal problems. */
final class Lines {

    @FunctionalInterface
    interface Handler {
        void line(long number, String line);
    }

    private Lines() {
    }

    /**
     * Reads every non-blank line (encoding detected when {@code charset} is null). False when the file could not be
     * read to its end (the problem is recorded); a file without any non-blank line is a fatal "empty" problem.
     */
    static boolean read(Path file, Charset charset, ReadContext ctx, Handler handler) {
        if (Files.isDirectory(file)) {
            ctx.fatal(file, 0, "is a folder, not a file");
            return false;
        }
        long number = 0;
        boolean any = false;
        try (BufferedReader reader = TextInput.openLines(file, charset, ctx)) {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                any = true;
                ctx.row();
                handler.line(number, line);
            }
        } catch (TextInput.TextProblemException e) {
            ctx.fatal(file, e.line(), e.getMessage());
            return false;
        } catch (NoSuchFileException e) {
            ctx.fatal(file, 0, TextInput.notFound(file));
            return false;
        } catch (IOException e) {
            ctx.fatal(file, 0, "could not be read: " + e.getMessage());
            return false;
        }
        ctx.reportProgress();
        if (!any) {
            ctx.fatal(file, 0, "the file is empty");
            return false;
        }
        return true;
    }
}
