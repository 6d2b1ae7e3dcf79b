package io.keyline.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.keyline.format.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.flink.annotation.Internal;

/**
 * Cuts one input stream into raw records according to its {@link Framing}: gzip is recognized by
 * its magic bytes, JSON files are read as JSON Lines or as one document (decided from the first
 * non-blank line), and whole-file formats become one record.
 *
 * <p>In JSON Lines mode the file is streamed; a line longer than the record limit becomes an
 * oversized marker (its bytes are skipped, not held). A document or whole file is held in memory up
 * to the document limit.
 */
@Internal
public final class RecordSplitter implements Closeable {

    /** What {@link #next()} returns for a record over the size limit. */
    public static final byte[] OVERSIZED = new byte[0];

    /** Bytes read from the stream at a time. */
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;

    /** What was read from the stream and not consumed yet: {@code buffer[position, limit)}. */
    private final byte[] buffer = new byte[CHUNK];

    private int position;
    private int limit;
    private boolean exhausted;
    private final int maxRecordBytes;
    private final long maxDocumentBytes;
    private final Framing framing;
    private boolean modeDecided;
    private boolean documentMode;
    private boolean finished;
    private byte[] pendingFirstLine;

    private RecordSplitter(
            InputStream in, Framing framing, int maxRecordBytes, long maxDocumentBytes) {
        this.in = in;
        this.framing = framing;
        this.maxRecordBytes = maxRecordBytes;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** Opens a splitter over a stream, unwrapping gzip when the stream starts with its magic. */
    public static RecordSplitter open(
            InputStream raw, Framing framing, int maxRecordBytes, long maxDocumentBytes)
            throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        InputStream in = buffered;
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(buffered, CHUNK);
        }
        return new RecordSplitter(in, framing, maxRecordBytes, maxDocumentBytes);
    }

    /**
     * The next record, {@link #OVERSIZED} for one over the limit, or null at the end. Throws when
     * the stream cannot be read (a truncated gzip file, an I/O error).
     */
    public byte[] next() throws IOException {
        if (finished) {
            return null;
        }
        if (framing == Framing.WHOLE_FILE) {
            finished = true;
            byte[] all = readRest(null);
            return all.length == 0 ? null : all;
        }
        if (!modeDecided) {
            modeDecided = true;
            byte[] first = nextNonBlankLine();
            if (first == null) {
                finished = true;
                return null;
            }
            if (first != OVERSIZED && opensUnclosedJsonValue(first)) {
                documentMode = true;
                finished = true;
                return readRest(first);
            }
            return first;
        }
        if (documentMode) {
            finished = true;
            return null;
        }
        byte[] line = nextNonBlankLine();
        if (line == null) {
            finished = true;
        }
        return line;
    }

    private byte[] nextNonBlankLine() throws IOException {
        if (pendingFirstLine != null) {
            byte[] line = pendingFirstLine;
            pendingFirstLine = null;
            return line;
        }
        while (true) {
            byte[] line = readLine();
            if (line == null) {
                return null;
            }
            if (line == OVERSIZED || !isBlank(line)) {
                return line;
            }
        }
    }

    /**
     * Reads one line without its terminator; null at the end of the stream. It scans the buffer for
     * the line's end and copies whole runs of bytes: a single-line file of many megabytes (an S3
     * delivery file of CloudTrail) is one line.
     */
    private byte[] readLine() throws IOException {
        Line line = new Line();
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            line.append(buffer, start, end - start, maxRecordBytes);
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = limit;
        }
        if (!any) {
            return null;
        }
        return line.oversized ? OVERSIZED : line.withoutCarriageReturn();
    }

    /** Reads the next chunk of the stream into the buffer; false at its end. */
    private boolean fill() throws IOException {
        if (exhausted) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            exhausted = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** A line being read: its bytes, unless it passed the limit, after which they are skipped. */
    private static final class Line {
        private byte[] bytes = new byte[256];
        private int size;
        private boolean oversized;

        void append(byte[] from, int offset, int length, int max) {
            if (oversized || length == 0) {
                return;
            }
            if ((long) size + length > max) {
                oversized = true;
                bytes = null;
                return;
            }
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
            }
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
        }

        byte[] withoutCarriageReturn() {
            int n = size > 0 && bytes[size - 1] == '\r' ? size - 1 : size;
            return Arrays.copyOf(bytes, n);
        }
    }

    private byte[] readRest(byte[] head) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(CHUNK);
        if (head != null) {
            all.write(head);
            all.write('\n');
        }
        while (position < limit || fill()) {
            int n = limit - position;
            if (all.size() + (long) n > maxDocumentBytes) {
                throw new IOException(
                        "the file is a single document larger than " + maxDocumentBytes + " bytes");
            }
            all.write(buffer, position, n);
            position = limit;
        }
        return all.toByteArray();
    }

    /** True when the line starts a JSON value that the line does not finish. */
    private static boolean opensUnclosedJsonValue(byte[] line) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            parser.skipChildren();
            return false;
        } catch (JsonEOFException e) {
            return true;
        } catch (IOException e) {
            // A first line such as {"a": 1, ends between object entries; Jackson reports that end
            // of input as a parse error rather than an EOF error.
            String message = e.getMessage() == null ? "" : e.getMessage();
            return message.contains("end-of-input");
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
