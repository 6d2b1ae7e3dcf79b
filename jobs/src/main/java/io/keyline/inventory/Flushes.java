package io.keyline.inventory;

import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;

/**
 * When keyed stages write what changed: coalesced, so a key is written at most once per flush
 * however often it changes. A continuous run flushes every key it touched right before each
 * checkpoint ({@link DirtyKeys}); every run also flushes when its input ends (the final watermark),
 * which is the only flush of a bounded run. A processing-time timer is a flush too: builds that
 * flushed on a processing-time interval left such timers in their savepoints.
 */
final class Flushes {

    /** The event time of the flush at the end of input: fired by the final watermark only. */
    static final long AT_END = Long.MAX_VALUE - 1;

    private Flushes() {}

    static void schedule(TimerService timers) {
        timers.registerEventTimeTimer(AT_END);
    }

    static boolean isFlush(TimeDomain domain, long timestamp) {
        return domain == TimeDomain.PROCESSING_TIME || timestamp == AT_END;
    }
}
