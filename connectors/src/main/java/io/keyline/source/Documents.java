package io.keyline.source;

import io.keyline.format.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.apache.flink.annotation.Internal;

/**
 * Cuts a whole document that did not come from a file (a Kafka message, a page an API returned)
 * into the raw records of its format, exactly as a file of that format would be cut (gzip
 * recognized by its magic bytes). It never throws: what cannot be read becomes an unreadable
 * record, which the parse stage sends to the dead letters with its reason.
 */
@Internal
public final class Documents {

    private Documents() {}

    /**
     * Emits the records of one document.
     *
     * @param what what the document is, for the reasons of unreadable records ({@code the message},
     *     {@code the page})
     * @param format the name of the document's format
     * @param origin where the document came from, as dead letters and parsers see it
     * @param observedAt when the document was produced, in epoch milliseconds
     * @param content the document's bytes, plain or gzip
     * @param out receives each record, in order
     */
    public static void split(
            String what,
            String format,
            String origin,
            long observedAt,
            byte[] content,
            Consumer<RawRecord> out) {
        FormatSpec spec = format == null ? null : Formats.get(format);
        if (spec == null) {
            out.accept(
                    RawRecord.unreadable(
                            String.valueOf(format),
                            origin,
                            0,
                            observedAt,
                            "the format '" + format + "' is not one Keyline knows"));
            return;
        }
        if (content == null || content.length == 0) {
            out.accept(RawRecord.unreadable(format, origin, 0, observedAt, what + " is empty"));
            return;
        }
        long index = 0;
        try (RecordSplitter splitter =
                RecordSplitter.open(
                        new ByteArrayInputStream(content),
                        spec.framing(),
                        FileInput.DEFAULT_MAX_RECORD_BYTES,
                        FileInput.DEFAULT_MAX_DOCUMENT_BYTES)) {
            byte[] payload;
            while ((payload = splitter.next()) != null) {
                if (payload == RecordSplitter.OVERSIZED) {
                    out.accept(
                            RawRecord.unreadable(
                                    format,
                                    origin,
                                    index++,
                                    observedAt,
                                    FileInput.oversized(FileInput.DEFAULT_MAX_RECORD_BYTES)));
                } else {
                    out.accept(new RawRecord(format, origin, index++, observedAt, payload));
                }
            }
        } catch (IOException | RuntimeException e) {
            out.accept(
                    RawRecord.unreadable(
                            format,
                            origin,
                            index,
                            observedAt,
                            what + " cannot be read: " + describe(e)));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof EOFException) {
            return "it ends too early (truncated or incomplete gzip)";
        }
        if (e instanceof ZipException) {
            return "it is not valid gzip";
        }
        return e.getClass().getSimpleName();
    }
}
