package io.keyline.inventory;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Holds the alerts fired by the final watermark until the input ends, then lets through only those
 * due by the as-of time: the configured one, or else the latest event time any parser saw (input 2,
 * the clock). Without it, the end of a bounded run would fire every future deadline, and a key used
 * yesterday would be reported unused.
 *
 * <p>Runs with parallelism 1; it holds only the alerts of the end of input, in operator state.
 */
@Internal
public class AsOfGate extends AbstractStreamOperator<AlertRecord>
        implements TwoInputStreamOperator<AlertRecord, Long, AlertRecord>, BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    private final Long asOf;

    private transient ListState<AlertRecord> heldState;
    private transient ListState<Long> clockState;
    private transient List<AlertRecord> held;
    private transient long clock;
    private transient int inputsEnded;

    public AsOfGate(Long asOf) {
        this.asOf = asOf;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        heldState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "held-alerts", Types.POJO(AlertRecord.class)));
        clockState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("clock", Types.LONG));
        held = new ArrayList<>();
        for (AlertRecord alert : heldState.get()) {
            held.add(alert);
        }
        clock = Long.MIN_VALUE;
        for (Long t : clockState.get()) {
            clock = Math.max(clock, t);
        }
    }

    @Override
    public void snapshotState(org.apache.flink.runtime.state.StateSnapshotContext context)
            throws Exception {
        super.snapshotState(context);
        heldState.update(held);
        clockState.update(List.of(clock));
    }

    @Override
    public void processElement1(StreamRecord<AlertRecord> element) {
        held.add(element.getValue());
    }

    @Override
    public void processElement2(StreamRecord<Long> element) {
        clock = Math.max(clock, element.getValue());
    }

    @Override
    public void endInput(int inputId) {
        if (++inputsEnded < 2) {
            return;
        }
        long limit = asOf != null ? asOf : clock;
        for (AlertRecord alert : held) {
            if (alert.eventTime <= limit) {
                output.collect(new StreamRecord<>(alert));
            }
        }
        LOG.info("Released alerts due by the as-of time {}; held {}.", limit, held.size());
        held.clear();
    }
}
