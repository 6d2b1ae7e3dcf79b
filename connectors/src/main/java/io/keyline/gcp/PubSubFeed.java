package io.keyline.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import io.keyline.source.poll.Batch;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one Pub/Sub subscription with the synchronous pull API, one document per message, and
 * acknowledges a message only once the checkpoint that holds its records has completed: its ack id
 * is the batch's receipt. Until then a thread of the feed keeps extending the deadlines of the
 * messages it holds, so Pub/Sub does not hand them to anyone else; when the feed closes (the reader
 * failed or stopped) it gives them back at once, and they come again to the next reader. The
 * subscription keeps the position, so the cursor stays null; a pull that returns nothing means the
 * subscription has caught up.
 */
@Internal
final class PubSubFeed implements Feed {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubFeed.class);

    /** Ack ids per request: well below Pub/Sub's limit on a request's size. */
    static final int IDS_PER_REQUEST = 1000;

    private final String subscription;
    private final String format;
    private final String origin;
    private final SubscriberStub stub;
    private final int maxMessages;
    private final int deadlineSeconds;
    private final String credentials;

    /**
     * The ack ids emitted and not yet acknowledged, whose deadlines are kept extended. Nothing caps
     * them: while checkpoints keep failing, a continuous run holds every message it pulled since
     * the last one that completed (backpressure slows the pulls; nothing stops them).
     */
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();

    private final ScheduledExecutorService extender;

    /**
     * @param project the subscription's project, the folder of the documents' origin
     * @param deadline how long each extension keeps a message; it is renewed at a third of that
     * @param credentials where the credentials come from, for messages
     */
    PubSubFeed(
            String subscription,
            String project,
            String format,
            SubscriberStub stub,
            int maxMessages,
            Duration deadline,
            String credentials) {
        this.subscription = subscription;
        this.format = format;
        this.origin =
                Document.origin(
                        format,
                        project,
                        "/subscriptions/"
                                + subscription.substring(subscription.lastIndexOf('/') + 1));
        this.stub = stub;
        this.maxMessages = maxMessages;
        this.deadlineSeconds = (int) Math.max(1, deadline.toSeconds());
        this.credentials = credentials;
        this.extender =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "keyline-pubsub-deadlines-" + subscription);
                            t.setDaemon(true);
                            return t;
                        });
        long every = Math.max(200, deadline.toMillis() / 3);
        extender.scheduleWithFixedDelay(this::extend, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Batch next(String cursor) throws IOException {
        PullResponse response;
        try {
            response =
                    stub.pullCallable()
                            .call(
                                    PullRequest.newBuilder()
                                            .setSubscription(subscription)
                                            .setMaxMessages(maxMessages)
                                            .build());
        } catch (ApiException e) {
            if (e.getStatusCode().getCode() == StatusCode.Code.DEADLINE_EXCEEDED) {
                // The pull waited for messages and none came.
                return new Batch(List.of(), null, true, List.of());
            }
            throw PubSubErrors.of(e, subscription, "Pull", credentials);
        }
        if (response.getReceivedMessagesCount() == 0) {
            return new Batch(List.of(), null, true, List.of());
        }
        List<Document> documents = new ArrayList<>();
        List<String> ackIds = new ArrayList<>();
        for (ReceivedMessage m : response.getReceivedMessagesList()) {
            PubsubMessage message = m.getMessage();
            long published =
                    message.getPublishTime().getSeconds() * 1000
                            + message.getPublishTime().getNanos() / 1_000_000;
            documents.add(new Document(format, origin, published, message.getData().toByteArray()));
            ackIds.add(m.getAckId());
            held.put(m.getAckId(), Boolean.TRUE);
        }
        // The subscription's own deadline may be as short as ten seconds: extend it at once.
        try {
            modify(ackIds, deadlineSeconds);
        } catch (ApiException e) {
            LOG.warn(
                    "Could not extend the deadlines of {} message(s) of {}; they may come again: {}",
                    ackIds.size(),
                    subscription,
                    PubSubErrors.of(e, subscription, "ModifyAckDeadline", credentials)
                            .getMessage());
        }
        return new Batch(documents, null, false, ackIds);
    }

    @Override
    public void acknowledge(List<String> receipts) throws IOException {
        // Whatever happens next, these are no longer held: a failed acknowledgement lets the
        // messages come again, and the job drops them as duplicates.
        receipts.forEach(held::remove);
        for (List<String> part : parts(receipts)) {
            try {
                stub.acknowledgeCallable()
                        .call(
                                AcknowledgeRequest.newBuilder()
                                        .setSubscription(subscription)
                                        .addAllAckIds(part)
                                        .build());
            } catch (ApiException e) {
                throw PubSubErrors.of(e, subscription, "Acknowledge", credentials);
            }
        }
    }

    /** On the feed's own thread: keeps the messages still held from being redelivered. */
    private void extend() {
        List<String> ids = new ArrayList<>(held.keySet());
        if (ids.isEmpty()) {
            return;
        }
        try {
            modify(ids, deadlineSeconds);
        } catch (ApiException e) {
            LOG.warn(
                    "Could not extend the deadlines of {} message(s) of {}; they may come again: {}",
                    ids.size(),
                    subscription,
                    PubSubErrors.of(e, subscription, "ModifyAckDeadline", credentials)
                            .getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Could not extend the deadlines of the messages of {}", subscription, e);
        }
    }

    private void modify(List<String> ids, int seconds) {
        for (List<String> part : parts(ids)) {
            stub.modifyAckDeadlineCallable()
                    .call(
                            ModifyAckDeadlineRequest.newBuilder()
                                    .setSubscription(subscription)
                                    .addAllAckIds(part)
                                    .setAckDeadlineSeconds(seconds)
                                    .build());
        }
    }

    private static List<List<String>> parts(List<String> ids) {
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_REQUEST) {
            parts.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_REQUEST)));
        }
        return parts;
    }

    /** The ack ids held now, for tests. */
    int held() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        extender.shutdownNow();
        try {
            extender.awaitTermination(10, TimeUnit.SECONDS);
            giveBack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stub.close();
            try {
                stub.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * No checkpoint will hold the messages still held now: hands them back at once rather than let
     * them wait out their deadline.
     */
    private void giveBack() {
        List<String> ids = new ArrayList<>(held.keySet());
        held.clear();
        if (ids.isEmpty()) {
            return;
        }
        try {
            modify(ids, 0);
        } catch (ApiException e) {
            LOG.warn(
                    "Could not give back {} message(s) of {}; they come again after their"
                            + " deadline: {}",
                    ids.size(),
                    subscription,
                    PubSubErrors.of(e, subscription, "ModifyAckDeadline", credentials)
                            .getMessage());
        }
    }
}
