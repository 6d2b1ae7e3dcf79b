package io.keyline.azure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event hub in memory, behind the collector's seam: partitions of events with sequence numbers
 * from 0 and enqueued times, read from a position as Event Hubs serves them; every request is
 * recorded, and a failure can be planted for the next requests. It stands in for the AMQP service,
 * which cannot run here.
 */
final class FakeEventHubs {

    /** One request to receive. */
    record Request(String partition, EventHubsPosition from, int maxEvents) {}

    private final Map<String, List<EventHubsClient.Received>> partitions = new LinkedHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private volatile IOException failure;
    private volatile int failures;

    FakeEventHubs(int partitionCount) {
        for (int i = 0; i < partitionCount; i++) {
            partitions.put(Integer.toString(i), new ArrayList<>());
        }
    }

    /** Appends an event to a partition; its sequence number is the partition's next. */
    synchronized FakeEventHubs send(String partition, long enqueuedAt, String body) {
        List<EventHubsClient.Received> events = partitions.get(partition);
        events.add(
                new EventHubsClient.Received(
                        events.size(), enqueuedAt, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** The next {@code times} requests fail with {@code e}. */
    FakeEventHubs failNext(int times, IOException e) {
        failure = e;
        failures = times;
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    int connections() {
        return connections.get();
    }

    /** A connector to this hub, whatever the target. */
    EventHubsCollector.Connector connector() {
        return target -> {
            connections.incrementAndGet();
            return new Client();
        };
    }

    private void maybeFail() throws IOException {
        synchronized (this) {
            if (failures > 0) {
                failures--;
                throw failure;
            }
        }
    }

    private final class Client implements EventHubsClient {

        @Override
        public List<String> partitionIds() throws IOException {
            maybeFail();
            return new ArrayList<>(partitions.keySet());
        }

        @Override
        public long lastSequenceNumber(String partition) throws IOException {
            maybeFail();
            synchronized (FakeEventHubs.this) {
                return partitions.get(partition).size() - 1;
            }
        }

        @Override
        public List<Received> receive(
                String partition, EventHubsPosition from, int maxEvents, Duration wait)
                throws IOException {
            requests.add(new Request(partition, from, maxEvents));
            maybeFail();
            List<Received> out = new ArrayList<>();
            synchronized (FakeEventHubs.this) {
                List<Received> events = partitions.get(partition);
                for (Received e : events) {
                    boolean in =
                            switch (from.kind()) {
                                case EARLIEST -> true;
                                case LATEST -> false;
                                case ENQUEUED_AT -> e.enqueuedAt() >= from.value();
                                case AFTER -> e.sequenceNumber() > from.value();
                            };
                    if (in && out.size() < maxEvents) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {}
    }
}
