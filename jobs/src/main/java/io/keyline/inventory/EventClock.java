package io.keyline.inventory;

import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes events on, and sends the latest event time it saw to {@link ParseOperator#CLOCK} when its
 * input ends: the clock of a recompute, whose events were parsed before.
 */
@Internal
final class EventClock extends AbstractStreamOperator<IdentityEvent>
        implements OneInputStreamOperator<IdentityEvent, IdentityEvent>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private transient long latest;

    @Override
    public void open() throws Exception {
        super.open();
        latest = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<IdentityEvent> element) {
        latest = Math.max(latest, element.getValue().getEventTime());
        output.collect(element);
    }

    @Override
    public void endInput() {
        if (latest != Long.MIN_VALUE) {
            output.collect(ParseOperator.CLOCK, new StreamRecord<>(latest));
        }
    }
}
