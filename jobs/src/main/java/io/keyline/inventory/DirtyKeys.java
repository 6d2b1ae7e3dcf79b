package io.keyline.inventory;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The keys an operator's function touched since the last checkpoint, and their flush right before
 * the next checkpoint's barrier leaves the operator: what changed is then written exactly once per
 * checkpoint, in the checkpoint whose commit makes it visible, and the state the checkpoint holds
 * has nothing left to write. The set lives on the heap only; it is empty at every checkpoint, so
 * nothing of it needs restoring.
 */
@Internal
final class DirtyKeys<T> {

    private final Set<Object> keys = new LinkedHashSet<>();

    void add(Object key) {
        keys.add(key);
    }

    int size() {
        return keys.size();
    }

    /** Flushes every touched key: sets it current, then lets the function write it. */
    void flush(
            Consumer<Object> setCurrentKey,
            Flushable<T> function,
            Output<StreamRecord<T>> out,
            LongSupplier watermark)
            throws Exception {
        if (keys.isEmpty()) {
            return;
        }
        StreamRecord<T> reuse = new StreamRecord<>(null);
        FlushOutput<T> writes =
                new FlushOutput<>() {
                    @Override
                    public void collect(T value) {
                        out.collect(reuse.replace(value));
                    }

                    @Override
                    public <X> void output(OutputTag<X> tag, X value) {
                        out.collect(tag, new StreamRecord<>(value));
                    }

                    @Override
                    public long currentWatermark() {
                        return watermark.getAsLong();
                    }
                };
        for (Object key : keys) {
            setCurrentKey.accept(key);
            function.flush(writes);
        }
        keys.clear();
    }
}
