package io.keyline.source;

import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.annotation.Internal;

/**
 * Cuts one file into the raw records of its format, outside Flink, the way the file source does:
 * for the {@code parse} command and for tests that parse input without running a job.
 */
@Internal
public final class FileRecords {

    /** Receives the records of a file in order. */
    @FunctionalInterface
    public interface Action {
        void accept(RawRecord record);
    }

    private FileRecords() {}

    /**
     * Passes every record of {@code in} to {@code action}; a record over the size limit arrives as
     * an unreadable record with its reason. Throws when the file stops being readable part way (a
     * truncated gzip file), after the records read until then.
     */
    public static void forEach(
            InputStream in, FormatSpec spec, String origin, long observedAt, Action action)
            throws IOException {
        try (RecordSplitter splitter =
                RecordSplitter.open(
                        in,
                        spec.framing(),
                        FileInput.DEFAULT_MAX_RECORD_BYTES,
                        FileInput.DEFAULT_MAX_DOCUMENT_BYTES)) {
            long index = 0;
            byte[] payload;
            while ((payload = splitter.next()) != null) {
                if (payload == RecordSplitter.OVERSIZED) {
                    action.accept(
                            RawRecord.unreadable(
                                    spec.name(),
                                    origin,
                                    index++,
                                    observedAt,
                                    FileInput.oversized(FileInput.DEFAULT_MAX_RECORD_BYTES)));
                } else {
                    action.accept(new RawRecord(spec.name(), origin, index++, observedAt, payload));
                }
            }
        }
    }

    /**
     * Parses every record of {@code in} with {@code parser}; unreadable records are rejected with
     * their reason. Throws like {@link #forEach}.
     */
    public static void parse(
            InputStream in,
            FormatSpec spec,
            RecordParser parser,
            String origin,
            long observedAt,
            ParseOutput out)
            throws IOException {
        forEach(
                in,
                spec,
                origin,
                observedAt,
                record -> {
                    if (record.getError() != null) {
                        out.reject(record.getError(), record.getPayload());
                    } else {
                        parser.parse(record, out);
                    }
                });
    }
}
