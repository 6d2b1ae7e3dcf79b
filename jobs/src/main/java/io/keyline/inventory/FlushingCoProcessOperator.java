package io.keyline.inventory;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A keyed two-input process operator whose function is flushed before each checkpoint (see {@link
 * DirtyKeys}); in a bounded run, a plain keyed two-input process operator.
 */
@Internal
final class FlushingCoProcessOperator<K, IN1, IN2, OUT>
        extends KeyedCoProcessOperator<K, IN1, IN2, OUT> {

    private static final long serialVersionUID = 1L;

    private final boolean flushOnCheckpoint;
    private transient DirtyKeys<OUT> dirty;
    private transient InternalTimerService<VoidNamespace> timers;

    <F extends KeyedCoProcessFunction<K, IN1, IN2, OUT> & Flushable<OUT>> FlushingCoProcessOperator(
            F function, boolean flushOnCheckpoint) {
        super(function);
        this.flushOnCheckpoint = flushOnCheckpoint;
    }

    @Override
    public void open() throws Exception {
        super.open();
        dirty = new DirtyKeys<>();
        // The service the function's timers are on: the operator's own, by its name.
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
    }

    @Override
    public void processElement1(StreamRecord<IN1> element) throws Exception {
        super.processElement1(element);
        touched(getCurrentKey());
    }

    @Override
    public void processElement2(StreamRecord<IN2> element) throws Exception {
        super.processElement2(element);
        touched(getCurrentKey());
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        super.onEventTime(timer);
        touched(timer.getKey());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        super.onProcessingTime(timer);
        touched(timer.getKey());
    }

    private void touched(Object key) {
        if (flushOnCheckpoint) {
            dirty.add(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        dirty.flush(
                this::setCurrentKey,
                (Flushable<OUT>) userFunction,
                output,
                timers::currentWatermark);
    }
}
