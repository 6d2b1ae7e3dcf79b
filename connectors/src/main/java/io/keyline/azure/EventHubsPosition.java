package io.keyline.azure;

import io.keyline.format.Timestamps;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * Where reading a partition of an event hub starts: its earliest event, the event after its last
 * one, the first event enqueued at or after a time, or the event after a sequence number (where the
 * last emitted event was, for a restart).
 *
 * @param kind which of the four
 * @param value the time in epoch milliseconds, or the sequence number; 0 otherwise
 */
@Internal
record EventHubsPosition(Kind kind, long value) implements Serializable {

    /** The kinds of position. */
    enum Kind {
        EARLIEST,
        LATEST,
        ENQUEUED_AT,
        AFTER
    }

    static EventHubsPosition earliest() {
        return new EventHubsPosition(Kind.EARLIEST, 0);
    }

    static EventHubsPosition latest() {
        return new EventHubsPosition(Kind.LATEST, 0);
    }

    static EventHubsPosition enqueuedAt(long epochMillis) {
        return new EventHubsPosition(Kind.ENQUEUED_AT, epochMillis);
    }

    /** The event after the one with this sequence number, which is not included. */
    static EventHubsPosition after(long sequenceNumber) {
        return new EventHubsPosition(Kind.AFTER, sequenceNumber);
    }

    /**
     * The position a {@code start} setting names: {@code earliest}, {@code latest}, or a time
     * (ISO-8601 or a date); null for anything else.
     */
    static EventHubsPosition parse(String text) {
        if (text.equalsIgnoreCase("earliest")) {
            return earliest();
        }
        if (text.equalsIgnoreCase("latest")) {
            return latest();
        }
        Long time = Timestamps.parseOrNull(text);
        return time == null ? null : enqueuedAt(time);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EARLIEST -> "the earliest event";
            case LATEST -> "the event after the last one";
            case ENQUEUED_AT -> "the first event enqueued from " + Timestamps.iso(value);
            case AFTER -> "the event after sequence number " + value;
        };
    }
}
