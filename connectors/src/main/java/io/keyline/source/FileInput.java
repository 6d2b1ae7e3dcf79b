package io.keyline.source;

import io.keyline.format.RawRecord;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * The file source of the input folder: one subfolder per format, read once or watched for new
 * files. Hidden files (starting with {@code .} or {@code _}) are skipped, as files being written
 * usually are.
 */
@PublicEvolving
public final class FileInput {

    /** Lines longer than this become dead letters; 16 MiB by default. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /** Single-document files larger than this become dead letters; 512 MiB by default. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 512L * 1024 * 1024;

    private FileInput() {}

    /** The reason of a record over the limit. */
    public static String oversized(int maxRecordBytes) {
        return "the record is longer than the limit of " + maxRecordBytes + " bytes";
    }

    /**
     * The source over {@code root}: bounded when {@code watchInterval} is null, else watching for
     * new files at that interval.
     */
    public static FileSource<RawRecord> source(
            Path root, Duration watchInterval, int maxRecordBytes, long maxDocumentBytes) {
        var builder =
                FileSource.forBulkFileFormat(
                        new RawRecordFormat(root, maxRecordBytes, maxDocumentBytes), root);
        if (watchInterval != null) {
            builder.monitorContinuously(watchInterval);
        }
        return builder.build();
    }
}
