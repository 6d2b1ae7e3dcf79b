package io.keyline.source;

import io.keyline.format.ListParseOutput;
import io.keyline.format.RecordParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Runs a parser over a whole file the way the job does: framed by {@link RecordSplitter}, then
 * parsed record by record. For parser tests.
 */
public final class ParserHarness {

    private ParserHarness() {}

    /** Parses the bytes of a file of {@code format}, observed at {@code observedAt}. */
    public static ListParseOutput parseFile(
            String format, String fileName, byte[] content, long observedAt) {
        FormatSpec spec = Formats.require(format);
        RecordParser parser =
                spec.newParser(io.keyline.fingerprint.Fingerprinter.fromEnvironment());
        ListParseOutput out = new ListParseOutput();
        try {
            FileRecords.parse(
                    new ByteArrayInputStream(content),
                    spec,
                    parser,
                    "/input/" + format + "/" + fileName,
                    observedAt,
                    out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Reads a test resource. */
    public static byte[] resource(String path) {
        try (InputStream in = ParserHarness.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
