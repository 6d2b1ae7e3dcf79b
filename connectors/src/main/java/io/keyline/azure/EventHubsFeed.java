package io.keyline.azure;

import io.keyline.source.poll.Batch;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * Follows one partition of an event hub. Its cursor is the sequence number of the last event it
 * emitted, so that a restart resumes at the event after it; without one it starts where the
 * collector's {@code start} says. Each event's body is one document of the stream's format (an
 * Azure Monitor envelope, by default), observed when the event was enqueued.
 *
 * <p>Starting at {@code latest} pins the partition's last sequence number at the first request and
 * reads after it from then on, so that events enqueued between two requests are not skipped.
 */
@Internal
final class EventHubsFeed implements Feed {

    private final EventHubsClient client;
    private final String partition;
    private final EventHubsPosition start;
    private final String format;
    private final String origin;
    private final int maxEvents;
    private final Duration wait;

    /**
     * @param origin the origin of the partition's documents, to which each event's sequence number
     *     is added
     */
    EventHubsFeed(
            EventHubsClient client,
            String partition,
            EventHubsPosition start,
            String format,
            String origin,
            int maxEvents,
            Duration wait) {
        this.client = client;
        this.partition = partition;
        this.start = start;
        this.format = format;
        this.origin = origin;
        this.maxEvents = maxEvents;
        this.wait = wait;
    }

    @Override
    public Batch next(String cursor) throws IOException {
        Long last = cursor == null ? null : sequenceNumber(cursor);
        EventHubsPosition from;
        if (last != null) {
            from = EventHubsPosition.after(last);
        } else if (start.kind() == EventHubsPosition.Kind.LATEST) {
            long end = client.lastSequenceNumber(partition);
            if (end >= 0) {
                last = end;
                from = EventHubsPosition.after(end);
            } else {
                from = EventHubsPosition.earliest();
            }
        } else {
            from = start;
        }

        List<EventHubsClient.Received> events = client.receive(partition, from, maxEvents, wait);
        List<Document> documents = new ArrayList<>();
        for (EventHubsClient.Received e : events) {
            // Sequence numbers only grow within a partition; one at or below the cursor was
            // emitted already.
            if (last != null && e.sequenceNumber() <= last) {
                continue;
            }
            documents.add(
                    new Document(
                            format, origin + "/" + e.sequenceNumber(), e.enqueuedAt(), e.body()));
            last = e.sequenceNumber();
        }
        String next = last == null ? null : Long.toString(last);
        return events.size() >= maxEvents
                ? Batch.more(documents, next)
                : Batch.caughtUp(documents, next);
    }

    private Long sequenceNumber(String cursor) throws CollectorException {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new CollectorException(
                    "The checkpointed position of partition "
                            + partition
                            + " is not a sequence number; start the job without its checkpoint"
                            + " to read the partition from the start setting.");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
