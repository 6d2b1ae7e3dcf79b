package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.Internal;

/**
 * How many uses a {@code USED} event stands for, and when the first was: one, at its own time,
 * unless the use merger folded identical uses into it ({@link UseMerger}).
 */
@Internal
final class Uses {

    private Uses() {}

    static long count(IdentityEvent e) {
        String n = e.attribute(Attributes.USES);
        return n == null ? 1 : Long.parseLong(n);
    }

    static long firstAt(IdentityEvent e) {
        String t = e.attribute(Attributes.FIRST_USED_AT);
        return t == null ? e.getEventTime() : Long.parseLong(t);
    }
}
