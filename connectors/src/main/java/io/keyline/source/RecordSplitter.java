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

    private final InputStream in;
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
            in = new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024);
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

    /** Reads one line without its terminator; null at the end of the stream. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        boolean oversized = false;
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (!oversized) {
                if (buffer.size() >= maxRecordBytes) {
                    oversized = true;
                    buffer = new ByteArrayOutputStream(0);
                } else {
                    buffer.write(b);
                }
            }
        }
        if (!any) {
            return null;
        }
        if (oversized) {
            return OVERSIZED;
        }
        byte[] line = buffer.toByteArray();
        if (line.length > 0 && line[line.length - 1] == '\r') {
            line = Arrays.copyOf(line, line.length - 1);
        }
        return line;
    }

    private byte[] readRest(byte[] head) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(64 * 1024);
        if (head != null) {
            all.write(head);
            all.write('\n');
        }
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) != -1) {
            if (all.size() + (long) n > maxDocumentBytes) {
                throw new IOException(
                        "the file is a single document larger than " + maxDocumentBytes + " bytes");
            }
            all.write(chunk, 0, n);
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
