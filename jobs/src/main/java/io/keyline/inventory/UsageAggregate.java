package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts one credential's calls, errors, distinct consumers and resources within a window. */
@Internal
public class UsageAggregate
        implements AggregateFunction<IdentityEvent, UsageAccumulator, UsageAccumulator> {

    private static final long serialVersionUID = 1L;

    @Override
    public UsageAccumulator createAccumulator() {
        return new UsageAccumulator();
    }

    @Override
    public UsageAccumulator add(IdentityEvent event, UsageAccumulator acc) {
        long uses = Uses.count(event);
        acc.calls += uses;
        if (event.attribute(Attributes.ERROR_CODE) != null) {
            acc.errors += uses;
        }
        if (acc.identityId == null) {
            acc.identityId = event.getIdentityId();
        }
        if (event.getConsumer() != null) {
            acc.consumers =
                    UsageAccumulator.addDistinct(acc.consumers, hash(event.getConsumer().key()));
        }
        if (event.getResource() != null) {
            acc.resources = UsageAccumulator.addDistinct(acc.resources, hash(event.getResource()));
        }
        return acc;
    }

    @Override
    public UsageAccumulator getResult(UsageAccumulator acc) {
        return acc;
    }

    @Override
    public UsageAccumulator merge(UsageAccumulator a, UsageAccumulator b) {
        a.calls += b.calls;
        a.errors += b.errors;
        a.consumers = UsageAccumulator.union(a.consumers, b.consumers);
        a.resources = UsageAccumulator.union(a.resources, b.resources);
        if (a.identityId == null) {
            a.identityId = b.identityId;
        }
        return a;
    }

    /** A 64-bit hash; collisions only make a distinct count one lower. */
    static long hash(String value) {
        long h = 1125899906842597L;
        for (int i = 0; i < value.length(); i++) {
            h = 31 * h + value.charAt(i);
        }
        return h ^ (h >>> 29);
    }
}
