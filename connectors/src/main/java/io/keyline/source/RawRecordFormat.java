package io.keyline.source;

import io.keyline.format.RawRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads the files of an input folder as raw records. The format of a file is the name of the first
 * folder below the input root ({@code <root>/cloudtrail/...} is CloudTrail); the records are cut by
 * that format's {@link Framing}. A file is one split, read from start to end; on restore the
 * records already emitted are skipped.
 *
 * <p>A file that cannot be read, or stops being readable part way (a truncated gzip file), yields a
 * record with an error instead of failing the job; a line over the record limit yields one too.
 */
@Internal
public final class RawRecordFormat implements BulkFormat<RawRecord, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private static final int BATCH_SIZE = 128;

    /**
     * A time stamp at the start of a file name: 2026-11-30, 2026-11-30T12-00-00Z,
     * 2026-11-30T12:00:00Z.
     */
    private static final Pattern NAME_TIME =
            Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2})[-:]?(\\d{2})[-:]?(\\d{2})Z?)?");

    private final String root;
    private final int maxRecordBytes;
    private final long maxDocumentBytes;

    public RawRecordFormat(Path root, int maxRecordBytes, long maxDocumentBytes) {
        this.root = root.toUri().getPath();
        this.maxRecordBytes = maxRecordBytes;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) {
        return new FileReader(split, 0);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new FileReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** The format folder of a file below the root, or null when the file sits at the root. */
    String formatOf(Path file) {
        String path = file.toUri().getPath();
        String base = root.endsWith("/") ? root : root + "/";
        if (!path.startsWith(base)) {
            return null;
        }
        String relative = path.substring(base.length());
        int slash = relative.indexOf('/');
        return slash <= 0 ? null : relative.substring(0, slash);
    }

    /** The time a file name starts with, or the fallback (its modification time). */
    public static long observedAt(Path file, long fallback) {
        Matcher m = NAME_TIME.matcher(file.getName());
        if (!m.find()) {
            return fallback;
        }
        try {
            LocalDate day = LocalDate.parse(m.group(1), DateTimeFormatter.ISO_LOCAL_DATE);
            if (m.group(2) == null) {
                return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            LocalDateTime time =
                    day.atTime(
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)));
            return time.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private final class FileReader implements Reader<RawRecord> {

        private final FileSourceSplit split;
        private final String origin;
        private final String format;
        private final long observedAt;
        private long emitted;
        private final long toSkip;
        private RecordSplitter splitter;
        private boolean done;

        FileReader(FileSourceSplit split, long toSkip) {
            this.split = split;
            this.origin = split.path().toUri().getPath();
            this.format = formatOf(split.path());
            this.observedAt =
                    observedAt(
                            split.path(),
                            split.fileModificationTime() > 0
                                    ? split.fileModificationTime()
                                    : Instant.now().toEpochMilli());
            this.toSkip = toSkip;
        }

        @Override
        public RecordIterator<RawRecord> readBatch() throws IOException {
            if (done) {
                return null;
            }
            RawRecord[] batch = new RawRecord[BATCH_SIZE];
            int n = 0;
            long firstPosition = emitted;
            while (n < BATCH_SIZE && !done) {
                RawRecord next = nextRecord();
                if (next == null) {
                    done = true;
                    break;
                }
                if (emitted++ < toSkip) {
                    firstPosition = emitted;
                    continue;
                }
                batch[n++] = next;
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<RawRecord> iterator = new ArrayResultIterator<>();
            iterator.set(batch, n, CheckpointedPosition.NO_OFFSET, firstPosition);
            return iterator;
        }

        private RawRecord nextRecord() {
            long index = emitted;
            if (format == null) {
                done = true;
                return RawRecord.unreadable(
                        null,
                        origin,
                        index,
                        observedAt,
                        "the file is not inside a format folder of the input root");
            }
            try {
                if (splitter == null) {
                    FormatSpec spec = Formats.get(format);
                    Framing framing = spec == null ? Framing.WHOLE_FILE : spec.framing();
                    FSDataInputStream in = split.path().getFileSystem().open(split.path());
                    splitter = RecordSplitter.open(in, framing, maxRecordBytes, maxDocumentBytes);
                }
                byte[] payload = splitter.next();
                if (payload == null) {
                    return null;
                }
                if (payload == RecordSplitter.OVERSIZED) {
                    return RawRecord.unreadable(
                            format, origin, index, observedAt, FileInput.oversized(maxRecordBytes));
                }
                return new RawRecord(format, origin, index, observedAt, payload);
            } catch (IOException e) {
                done = true;
                return RawRecord.unreadable(format, origin, index, observedAt, describe(e));
            }
        }

        @Override
        public void close() throws IOException {
            if (splitter != null) {
                splitter.close();
            }
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof java.io.EOFException || message.contains("Unexpected end of ZLIB")) {
            return "the file ends too early (truncated or incomplete gzip)";
        }
        if (e instanceof java.util.zip.ZipException) {
            return "the file is not valid gzip";
        }
        if (message.startsWith("the file is")) {
            return message;
        }
        return "the file cannot be read: " + e.getClass().getSimpleName();
    }
}
