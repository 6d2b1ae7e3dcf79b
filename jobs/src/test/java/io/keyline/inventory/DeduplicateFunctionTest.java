package io.keyline.inventory;

import static io.keyline.inventory.Events.day;
import static io.keyline.inventory.Events.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.IdentityEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, IdentityEvent>
            harness() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new DeduplicateFunction(
                                        InventorySettings.builder()
                                                .dedupRetention(Duration.ofHours(1))
                                                .build())),
                        IdentityEvent::getEventId,
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void aReplayedEventPassesOnce() throws Exception {
        var h = harness();
        IdentityEvent first = used(day(1), "10.0.0.1");
        IdentityEvent other = used(day(1), "10.0.0.2");
        h.processElement(new StreamRecord<>(first, first.getEventTime()));
        h.processElement(new StreamRecord<>(first, first.getEventTime()));
        h.processElement(new StreamRecord<>(other, other.getEventTime()));
        assertThat(h.extractOutputValues())
                .extracting(IdentityEvent::getEventId)
                .containsExactly(first.getEventId(), other.getEventId());
        h.close();
    }

    @Test
    void theMemoryOfSeenIdsExpiresAfterTheRetention() throws Exception {
        var h = harness();
        IdentityEvent event = used(day(1), "10.0.0.1");
        h.setStateTtlProcessingTime(0);
        h.processElement(new StreamRecord<>(event, event.getEventTime()));
        h.setStateTtlProcessingTime(Duration.ofMinutes(59).toMillis());
        h.processElement(new StreamRecord<>(event, event.getEventTime()));
        assertThat(h.extractOutputValues()).hasSize(1);

        h.setStateTtlProcessingTime(Duration.ofMinutes(61).toMillis());
        h.processElement(new StreamRecord<>(event, event.getEventTime()));
        assertThat(h.extractOutputValues()).hasSize(2);
        h.close();
    }
}
