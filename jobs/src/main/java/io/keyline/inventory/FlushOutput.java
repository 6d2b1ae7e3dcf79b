package io.keyline.inventory;

import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Where a keyed stage writes what it flushes: its main output and its side outputs. */
@Internal
interface FlushOutput<T> {

    void collect(T value);

    <X> void output(OutputTag<X> tag, X value);

    /** The event-time watermark of the operator when it flushes. */
    long currentWatermark();

    /** The outputs of a one-input keyed function's call. */
    static <T> FlushOutput<T> of(KeyedProcessFunction<?, ?, T>.Context ctx, Collector<T> out) {
        return of(out, ctx::output, () -> ctx.timerService().currentWatermark());
    }

    /** The outputs of a two-input keyed function's call. */
    static <T> FlushOutput<T> of(KeyedCoProcessFunction<?, ?, ?, T>.Context ctx, Collector<T> out) {
        return of(out, ctx::output, () -> ctx.timerService().currentWatermark());
    }

    /** A call's side outputs, whichever kind of function's context holds them. */
    interface SideOutputs {
        <X> void output(OutputTag<X> tag, X value);
    }

    private static <T> FlushOutput<T> of(
            Collector<T> out, SideOutputs sides, LongSupplier watermark) {
        return new FlushOutput<>() {
            @Override
            public void collect(T value) {
                out.collect(value);
            }

            @Override
            public <X> void output(OutputTag<X> tag, X value) {
                sides.output(tag, value);
            }

            @Override
            public long currentWatermark() {
                return watermark.getAsLong();
            }
        };
    }
}
