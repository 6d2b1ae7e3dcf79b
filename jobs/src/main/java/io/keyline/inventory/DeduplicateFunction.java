package io.keyline.inventory;

import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops events whose id was already seen, keyed by event id. The memory of seen ids expires after
 * the dedup retention (processing time), so a duplicate delivered later than that passes.
 */
@Internal
public class DeduplicateFunction
        extends KeyedProcessFunction<String, IdentityEvent, IdentityEvent> {

    private static final long serialVersionUID = 1L;

    private final InventorySettings settings;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient Counter late;

    /** The watermark when the last event came; read by the lag gauge from another thread. */
    private transient volatile long watermark;

    public DeduplicateFunction(InventorySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(Configuration parameters) {
        ValueStateDescriptor<Boolean> descriptor =
                new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(
                                org.apache.flink.api.common.time.Time.milliseconds(
                                        settings.dedupRetention.toMillis()))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
        watermark = Long.MIN_VALUE;
        getRuntimeContext()
                .getMetricGroup()
                .gauge(
                        "watermarkLagMs",
                        (Gauge<Long>)
                                () -> {
                                    long w = watermark;
                                    return w == Long.MIN_VALUE
                                            ? -1L
                                            : System.currentTimeMillis() - w;
                                });
    }

    @Override
    public void processElement(IdentityEvent event, Context ctx, Collector<IdentityEvent> out)
            throws Exception {
        watermark = ctx.timerService().currentWatermark();
        if (event.getEventTime() < watermark) {
            // Later than the allowed out-of-orderness; still applied, but counted.
            late.inc();
        }
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(event);
    }
}
