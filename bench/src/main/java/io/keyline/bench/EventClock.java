package io.keyline.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * The event times of the benchmark's CloudTrail events, each later than every one before: no event
 * is late, and no key is created behind a watermark that would make its rules due at once.
 */
final class EventClock {

    private Instant latest;

    EventClock(Instant start) {
        this.latest = start;
    }

    /** The time {@code gap} after the latest one handed out, which becomes the latest. */
    Instant after(Duration gap) {
        latest = latest.plus(gap);
        return latest;
    }

    /** Moves the clock to {@code time}, which must not be earlier than the latest. */
    Instant at(Instant time) {
        if (time.isBefore(latest)) {
            throw new IllegalArgumentException(
                    "Event times only move forward: " + time + " is before " + latest + ".");
        }
        latest = time;
        return latest;
    }
}
