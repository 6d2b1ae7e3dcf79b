package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** A test harness around the identity stage, and the inputs its tests feed it. */
final class IdentityStage {

    private IdentityStage() {}

    static KeyedTwoInputStreamOperatorTestHarness<
                    String, IdentityEvent, CredentialRecord, IdentityRecord>
            harness(boolean bounded) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new FlushingCoProcessOperator<>(
                                new IdentityFunction(
                                        InventorySettings.builder().bounded(bounded).build()),
                                !bounded),
                        IdentityEvent::getIdentityId,
                        InventoryJob::identityKey,
                        Types.STRING);
        h.open();
        return h;
    }

    static void watermark(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            long t)
            throws Exception {
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
    }

    static void event(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            IdentityEvent e)
            throws Exception {
        h.processElement1(new StreamRecord<>(e, e.getEventTime()));
    }

    static void credentialRecord(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            CredentialRecord c)
            throws Exception {
        h.processElement2(new StreamRecord<>(c, c.updatedAt));
    }

    static <T> List<T> side(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, IdentityEvent, CredentialRecord, IdentityRecord>
                    h,
            OutputTag<T> tag) {
        var records = h.getSideOutput(tag);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    /** The number of entries of one map state of the test identity. */
    static int mapEntries(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            String name,
            Class<?> valueType)
            throws Exception {
        h.getOperator().setCurrentKey(Events.USER);
        var state =
                h.getOperator()
                        .getKeyedStateBackend()
                        .getPartitionedState(
                                org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                                new org.apache.flink.api.common.state.MapStateDescriptor<>(
                                        name, Types.STRING, Types.POJO(valueType)));
        int n = 0;
        for (var ignored : state.keys()) {
            n++;
        }
        return n;
    }

    static IdentityEvent slotEvent(String id, long at, String created, String lastUsed) {
        return IdentityEvent.of(id, at, "aws-credential-report", EventKind.OBSERVED)
                .credential(null, CredentialTypes.AWS_ACCESS_KEY)
                .identity(Events.USER)
                .attribute(Attributes.SLOT, "1")
                .attribute(Attributes.CREATED_AT, created)
                .attribute(Attributes.LAST_USED_AT, lastUsed);
    }
}
