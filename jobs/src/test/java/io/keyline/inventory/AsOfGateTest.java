package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AsOfGateTest {

    private static AlertRecord alert(long eventTime) {
        AlertRecord a = new AlertRecord();
        a.alertId = "a" + eventTime;
        a.rule = AlertRules.UNUSED_PRIVILEGED;
        a.eventTime = eventTime;
        return a;
    }

    @Test
    void releasesOnlyAlertsDueByTheLatestEventTimeOnceBothInputsEnd() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new AsOfGate(null));
        h.open();
        h.processElement1(new StreamRecord<>(alert(100)));
        h.processElement1(new StreamRecord<>(alert(250)));
        h.processElement2(new StreamRecord<>(200L));
        h.processElement2(new StreamRecord<>(150L));
        h.endInput1();
        assertThat(h.extractOutputValues()).isEmpty();
        h.endInput2();
        assertThat(h.extractOutputValues()).extracting(a -> a.eventTime).containsExactly(100L);
        h.close();
    }

    @Test
    void aConfiguredAsOfTimeWinsOverTheClock() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new AsOfGate(300L));
        h.open();
        h.processElement1(new StreamRecord<>(alert(250)));
        h.processElement2(new StreamRecord<>(200L));
        h.endInput1();
        h.endInput2();
        assertThat(h.extractOutputValues()).extracting(a -> a.eventTime).containsExactly(250L);
        h.close();
    }

    @Test
    void heldAlertsSurviveASnapshot() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new AsOfGate(null));
        h.open();
        h.processElement1(new StreamRecord<>(alert(100)));
        h.processElement2(new StreamRecord<>(500L));
        var snapshot = h.snapshot(1, 1);
        h.close();

        var restored = new TwoInputStreamOperatorTestHarness<>(new AsOfGate(null));
        restored.initializeState(snapshot);
        restored.open();
        restored.endInput1();
        restored.endInput2();
        assertThat(restored.extractOutputValues())
                .extracting(a -> a.eventTime)
                .containsExactly(100L);
        restored.close();
    }
}
