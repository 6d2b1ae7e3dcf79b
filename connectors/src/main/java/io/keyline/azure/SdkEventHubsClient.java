package io.keyline.azure;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubConsumerClient;
import com.azure.messaging.eventhubs.PartitionProperties;
import com.azure.messaging.eventhubs.models.EventPosition;
import com.azure.messaging.eventhubs.models.PartitionEvent;
import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The Event Hubs client over AMQP, as thin as it can be: the SDK's synchronous consumer client of
 * one consumer group, signed in with a connection string or with Entra ID through the default Azure
 * credential chain. Everything Keyline decides (positions, documents, what a failure means) is
 * elsewhere and tested without Azure; this class only translates.
 */
@Internal
final class SdkEventHubsClient implements EventHubsClient {

    private final EventHubConsumerClient client;
    private final EventHubsTarget target;

    private SdkEventHubsClient(EventHubConsumerClient client, EventHubsTarget target) {
        this.client = client;
        this.target = target;
    }

    /** A client of the target, its connection string read now where there is one. */
    static EventHubsClient connect(EventHubsTarget target) throws IOException {
        return connect(target, new AmqpRetryOptions());
    }

    /**
     * A client that retries each operation as {@code retry} says (the SDK's defaults in a job:
     * three retries of up to a minute each), before the collector's own retries.
     */
    static EventHubsClient connect(EventHubsTarget target, AmqpRetryOptions retry)
            throws IOException {
        EventHubClientBuilder builder =
                new EventHubClientBuilder()
                        .consumerGroup(target.consumerGroup())
                        .retryOptions(retry);
        if (target.connectionString() != null) {
            String value = target.connectionString().read();
            target.check(value);
            builder.connectionString(value, target.eventHub());
        } else {
            builder.credential(
                    target.namespace(),
                    target.eventHub(),
                    new DefaultAzureCredentialBuilder().build());
        }
        try {
            return new SdkEventHubsClient(builder.buildConsumerClient(), target);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The SDK's own wording may quote the connection string: none of it is kept.
            throw new CollectorException(
                    "The Event Hubs client of "
                            + target.describe()
                            + " cannot be built from the collector's settings ("
                            + e.getClass().getSimpleName()
                            + "); check the namespace, eventhub and consumer-group settings and"
                            + " the connection string of "
                            + target.setting()
                            + ".");
        }
    }

    @Override
    public List<String> partitionIds() throws IOException {
        try {
            List<String> ids = new ArrayList<>();
            client.getPartitionIds().forEach(ids::add);
            return ids;
        } catch (RuntimeException e) {
            throw EventHubsErrors.of(e, target, "listing its partitions");
        }
    }

    @Override
    public long lastSequenceNumber(String partition) throws IOException {
        try {
            PartitionProperties p = client.getPartitionProperties(partition);
            return p.isEmpty() ? -1 : p.getLastEnqueuedSequenceNumber();
        } catch (RuntimeException e) {
            throw EventHubsErrors.of(e, target, "reading the properties of partition " + partition);
        }
    }

    @Override
    public List<Received> receive(
            String partition, EventHubsPosition from, int maxEvents, Duration wait)
            throws IOException {
        try {
            List<Received> out = new ArrayList<>();
            for (PartitionEvent event :
                    client.receiveFromPartition(partition, maxEvents, position(from), wait)) {
                EventData data = event.getData();
                Instant enqueued = data.getEnqueuedTime();
                out.add(
                        new Received(
                                data.getSequenceNumber(),
                                enqueued == null
                                        ? System.currentTimeMillis()
                                        : enqueued.toEpochMilli(),
                                data.getBody()));
            }
            return out;
        } catch (RuntimeException e) {
            throw EventHubsErrors.of(e, target, "receiving from partition " + partition);
        }
    }

    /** The SDK's position for Keyline's. */
    static EventPosition position(EventHubsPosition p) {
        return switch (p.kind()) {
            case EARLIEST -> EventPosition.earliest();
            case LATEST -> EventPosition.latest();
            case ENQUEUED_AT -> EventPosition.fromEnqueuedTime(Instant.ofEpochMilli(p.value()));
            case AFTER -> EventPosition.fromSequenceNumber(p.value(), false);
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
