package io.keyline.inventory;

import io.keyline.model.IdentityEvent;
import java.time.Duration;
import java.util.Collection;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowStagger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling UTC days by each event's own time rather than its record's timestamp: a fact that waited
 * in an earlier stage (see {@link TokenAliases}) travels with the timestamp it was let go at.
 */
@Internal
final class EventDays extends TumblingEventTimeWindows {

    private static final long serialVersionUID = 1L;

    EventDays() {
        super(Duration.ofDays(1).toMillis(), 0, WindowStagger.ALIGNED);
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        return super.assignWindows(element, ((IdentityEvent) element).getEventTime(), context);
    }
}
