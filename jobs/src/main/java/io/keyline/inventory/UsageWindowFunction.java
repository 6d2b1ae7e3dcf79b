package io.keyline.inventory;

import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns one credential's day of use into a {@code usage_daily} row. */
@Internal
public class UsageWindowFunction
        extends ProcessWindowFunction<UsageAccumulator, UsageRecord, String, TimeWindow> {

    private static final long serialVersionUID = 1L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Override
    public void process(
            String credentialId,
            Context context,
            Iterable<UsageAccumulator> elements,
            Collector<UsageRecord> out) {
        for (UsageAccumulator acc : elements) {
            UsageRecord row = new UsageRecord();
            row.credentialId = credentialId;
            row.identityId = acc.identityId;
            row.day = (int) Math.floorDiv(context.window().getStart(), DAY);
            row.calls = acc.calls;
            row.errors = acc.errors;
            row.distinctConsumers = acc.consumers.length;
            row.distinctResources = acc.resources.length;
            out.collect(row);
        }
    }
}
