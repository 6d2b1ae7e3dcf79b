package io.keyline.inventory;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A keyed process operator whose function is flushed before each checkpoint (see {@link
 * DirtyKeys}); in a bounded run, which writes once at the end of its input, it is a plain keyed
 * process operator.
 */
@Internal
final class FlushingProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {

    private static final long serialVersionUID = 1L;

    private final boolean flushOnCheckpoint;
    private transient DirtyKeys<OUT> dirty;
    private transient InternalTimerService<VoidNamespace> timers;

    <F extends KeyedProcessFunction<K, IN, OUT> & Flushable<OUT>> FlushingProcessOperator(
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
    public void processElement(StreamRecord<IN> element) throws Exception {
        super.processElement(element);
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
