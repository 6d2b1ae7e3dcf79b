package io.keyline.aws;

import io.keyline.source.poll.Batch;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * CloudTrail log files as a queue announces them (S3 event notifications, directly or through SNS):
 * each batch is up to ten messages and the files they name, which are fetched and emitted. A
 * message is deleted only once a checkpoint that holds its files has completed ({@link
 * #acknowledge}); until then it stays invisible for {@link #VISIBILITY_SECONDS}, after which SQS
 * delivers it again and the job drops the repeated events by their ids.
 */
final class CloudTrailQueueFeed implements Feed {

    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailQueueFeed.class);

    /** How long a received message stays invisible to other receivers. */
    static final int VISIBILITY_SECONDS = 900;

    /** How long a receive waits for messages (long polling). */
    static final int WAIT_SECONDS = 5;

    /** The most messages SQS receives or deletes at once. */
    private static final int MAX_MESSAGES = 10;

    private final AwsSession session;
    private final SqsClient sqs;
    private final S3Client s3;
    private final String queueUrl;
    private final Clock clock;

    CloudTrailQueueFeed(AwsSession session, String queueUrl, Clock clock) {
        this.session = session;
        this.sqs = session.sqs(regionOf(queueUrl, session.homeRegion().id()));
        this.s3 = session.s3();
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public Batch next(String cursor) throws IOException, InterruptedException {
        ReceiveMessageResponse received =
                AwsCalls.call(
                        session.scope(),
                        "sqs:ReceiveMessage",
                        () ->
                                sqs.receiveMessage(
                                        b ->
                                                b.queueUrl(queueUrl)
                                                        .maxNumberOfMessages(MAX_MESSAGES)
                                                        .waitTimeSeconds(WAIT_SECONDS)
                                                        .visibilityTimeout(VISIBILITY_SECONDS)));
        List<Document> documents = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        int announcedNothing = 0;
        for (Message message : received.messages()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            List<S3Notifications.ObjectRef> objects = S3Notifications.objects(message.body());
            if (objects.isEmpty()) {
                announcedNothing++;
            }
            for (S3Notifications.ObjectRef o : objects) {
                if (!CloudTrailKeys.isLogFile(o.key())) {
                    continue;
                }
                byte[] content = CloudTrailObjectsFeed.get(session, s3, o.bucket(), o.key());
                if (content != null) {
                    String account = CloudTrailKeys.account(o.key());
                    documents.add(
                            CloudTrailObjectsFeed.document(
                                    account, o.bucket(), o.key(), content, clock));
                }
            }
            receipts.add(message.receiptHandle());
        }
        if (announcedNothing > 0) {
            LOG.warn(
                    "{} message(s) of the queue {} announced no S3 object (a test event, or not an"
                            + " S3 notification); they are deleted with the others",
                    announcedNothing,
                    queueUrl);
        }
        return new Batch(documents, cursor, received.messages().isEmpty(), receipts);
    }

    /** Deletes the messages whose files a completed checkpoint holds. */
    @Override
    public void acknowledge(List<String> receipts) throws IOException {
        int failed = 0;
        for (int from = 0; from < receipts.size(); from += MAX_MESSAGES) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + MAX_MESSAGES, receipts.size()); i++) {
                entries.add(
                        DeleteMessageBatchRequestEntry.builder()
                                .id(Integer.toString(i))
                                .receiptHandle(receipts.get(i))
                                .build());
            }
            DeleteMessageBatchResponse r =
                    AwsCalls.call(
                            session.scope(),
                            "sqs:DeleteMessage",
                            () ->
                                    sqs.deleteMessageBatch(
                                            b -> b.queueUrl(queueUrl).entries(entries)));
            failed += r.failed().size();
            for (BatchResultErrorEntry e : r.failed()) {
                LOG.debug("Deleting message {} of {} failed: {}", e.id(), queueUrl, e.code());
            }
        }
        if (failed > 0) {
            throw new IOException(
                    failed
                            + " of "
                            + receipts.size()
                            + " messages of the queue "
                            + queueUrl
                            + " could not be deleted; SQS will deliver them again");
        }
    }

    /**
     * The region of a queue URL ({@code https://sqs.eu-west-1.amazonaws.com/...}, or the legacy
     * {@code https://eu-west-1.queue.amazonaws.com/...}); {@code fallback} for any other host.
     */
    static String regionOf(String queueUrl, String fallback) {
        String host = URI.create(queueUrl).getHost();
        if (host != null) {
            String[] labels = host.split("\\.");
            if (labels.length >= 4 && labels[0].equals("sqs")) {
                return labels[1];
            }
            if (labels.length >= 4 && labels[1].equals("queue")) {
                return labels[0];
            }
        }
        return fallback;
    }

    @Override
    public void close() {
        session.close();
    }
}
