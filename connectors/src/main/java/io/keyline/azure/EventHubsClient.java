package io.keyline.azure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * What the Event Hubs collector asks of an event hub, through one consumer group: the seam between
 * the Azure SDK ({@link SdkEventHubsClient}) and Keyline's feeds, so that the feeds' positions,
 * documents and failures are tested without Azure. Failures are {@link IOException}s, permanent
 * ones {@link io.keyline.source.poll.CollectorException}s whose sentence names the hub and the fix.
 */
@Internal
interface EventHubsClient extends AutoCloseable {

    /** One event as it was received. */
    record Received(long sequenceNumber, long enqueuedAt, byte[] body) {}

    /** The ids of the hub's partitions. */
    List<String> partitionIds() throws IOException;

    /** The sequence number of the last event of a partition, or -1 when it holds none. */
    long lastSequenceNumber(String partition) throws IOException;

    /**
     * The events of a partition from a position, in order: at most {@code maxEvents}, and whatever
     * came within {@code wait} when fewer are there.
     */
    List<Received> receive(String partition, EventHubsPosition from, int maxEvents, Duration wait)
            throws IOException;

    @Override
    void close();
}
