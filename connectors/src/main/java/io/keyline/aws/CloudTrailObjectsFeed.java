package io.keyline.aws;

import io.keyline.source.poll.Batch;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Walks the CloudTrail log files of one account and region in a bucket, in key order: {@code
 * ListObjectsV2} after the stream's cursor, the key of the last file emitted ({@code StartAfter}),
 * then {@code GetObject} of each file, whose content (gzip) is the document. Without a cursor the
 * walk starts with the day of {@code since}.
 *
 * <p>A file is read only once it is {@link #SETTLE} old, so that files of one account and region
 * delivered out of key order within that time are not passed over; reading notifications from a
 * queue instead has no such delay.
 */
final class CloudTrailObjectsFeed implements Feed {

    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailObjectsFeed.class);

    static final String FORMAT = "cloudtrail";

    /** The age at which a log file is read. */
    static final Duration SETTLE = Duration.ofMinutes(5);

    /** The most files one batch holds (CloudTrail files are at most a few megabytes). */
    static final int MAX_BATCH = 25;

    private final AwsSession session;
    private final S3Client s3;
    private final String bucket;
    private final String folder;
    private final String start;
    private final String account;
    private final int batch;
    private final Clock clock;

    /**
     * @param folder the account's and region's folder ({@link CloudTrailKeys#folder})
     * @param since where the walk starts without a cursor, epoch millis
     */
    CloudTrailObjectsFeed(
            AwsSession session,
            String bucket,
            String folder,
            String account,
            long since,
            int pageSize,
            Clock clock) {
        this.session = session;
        this.s3 = session.s3();
        this.bucket = bucket;
        this.folder = folder;
        this.start = CloudTrailKeys.startOfDay(folder, since);
        this.account = account;
        this.batch = Math.min(pageSize, MAX_BATCH);
        this.clock = clock;
    }

    @Override
    public Batch next(String cursor) throws IOException, InterruptedException {
        String after = cursor != null ? cursor : start;
        ListObjectsV2Response listing =
                AwsCalls.call(
                        session.scope(),
                        "s3:ListBucket",
                        () ->
                                s3.listObjectsV2(
                                        b ->
                                                b.bucket(bucket)
                                                        .prefix(folder)
                                                        .startAfter(after)
                                                        .maxKeys(batch)));
        long settled = clock.millis() - SETTLE.toMillis();
        List<Document> documents = new ArrayList<>();
        String last = cursor;
        for (S3Object object : listing.contents()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (object.lastModified() != null && object.lastModified().toEpochMilli() > settled) {
                // Too young: a file sorted before it may still be on its way.
                return Batch.caughtUp(documents, last);
            }
            if (CloudTrailKeys.isLogFile(object.key())) {
                byte[] content = get(session, s3, bucket, object.key());
                if (content != null) {
                    documents.add(document(account, bucket, object.key(), content, clock));
                }
            }
            last = object.key();
        }
        return Boolean.TRUE.equals(listing.isTruncated())
                ? Batch.more(documents, last)
                : Batch.caughtUp(documents, last);
    }

    /** The document of one log file. */
    static Document document(
            String account, String bucket, String key, byte[] content, Clock clock) {
        return new Document(
                FORMAT,
                Document.origin(FORMAT, account, "/" + bucket + "/" + key),
                clock.millis(),
                content);
    }

    /** The content of an object; null when it was deleted since it was announced or listed. */
    static byte[] get(AwsSession session, S3Client s3, String bucket, String key)
            throws IOException {
        ResponseBytes<?> bytes =
                AwsCalls.call(
                        session.scope(),
                        "s3:GetObject",
                        () -> {
                            try {
                                return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                            } catch (NoSuchKeyException e) {
                                return null;
                            }
                        });
        if (bytes == null) {
            LOG.warn("The CloudTrail file s3://{}/{} is gone; it is skipped", bucket, key);
            return null;
        }
        return bytes.asByteArray();
    }

    @Override
    public void close() {
        session.close();
    }
}
