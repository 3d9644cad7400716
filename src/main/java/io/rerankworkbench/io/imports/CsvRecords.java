package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of a delimited file with Jackson's CSV parser (RFC 4180 quoting: values in double quotes may
 * hold delimiters, line breaks and doubled quotes), one record at a time, with the line each record starts on.
 * Blank lines are not records. Whatever stops the reading (bytes that are not text, an unclosed quote, an I/O error)
 * becomes a fatal problem of the file.
 */
final class CsvRecords {

    /** Receives one record; answers false to stop reading. */
    @FunctionalInterface
    interface Handler {
        boolean record(long line, List<String> cells);
    }

    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvRecords() {
    }

    /** Reads all records (until the handler stops it); false when a fatal problem was recorded. */
    static boolean read(Path file, Charset charset, char delimiter, ReadContext ctx, Handler handler) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"')
                .withoutEscapeChar();
        long rowLine = 0;
        try (Reader reader = TextInput.open(file, charset, ctx);
             CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(reader)) {
            parser.setSchema(schema);
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            JsonToken outer = parser.nextToken();
            if (outer != JsonToken.START_ARRAY) {
                return true;
            }
            List<String> cells = new ArrayList<>();
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    cells = new ArrayList<>();
                    // The start token sits at the end of the previous line; the first value gives the record's line.
                    rowLine = parser.currentTokenLocation().getLineNr() + 1L;
                    t = parser.nextToken();
                    if (t == JsonToken.VALUE_STRING) {
                        rowLine = parser.currentTokenLocation().getLineNr();
                    }
                    while (t == JsonToken.VALUE_STRING) {
                        cells.add(parser.getText());
                        t = parser.nextToken();
                    }
                    if (cells.size() == 1 && cells.get(0).isBlank()) {
                        continue;
                    }
                    ctx.row();
                    if (!handler.record(rowLine, cells)) {
                        return true;
                    }
                }
            }
            return true;
        } catch (TextInput.UndecodableException e) {
            ctx.fatal(file, e.line(), e.getMessage() + "; choose the file's encoding");
        } catch (TextInput.TextProblemException e) {
            ctx.fatal(file, e.line(), e.getMessage());
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.contains("closing quote")) {
                ctx.fatal(file, Math.max(rowLine, 1), "a quoted value is not closed (a \" is missing)");
            } else {
                long line = e.getLocation() == null ? rowLine : e.getLocation().getLineNr();
                ctx.fatal(file, Math.max(line, 0), "not readable as delimited text: " + msg);
            }
        } catch (NoSuchFileException e) {
            ctx.fatal(file, 0, TextInput.notFound(file));
        } catch (IOException e) {
            ctx.fatal(file, 0, "could not be read: " + e.getMessage());
        }
        return false;
    }
}
