package io.keyline.azure;

import io.keyline.format.EventIds;
import io.keyline.format.ParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;

/**
 * The events of one Azure log record: all at the record's time, the first with the record's id and
 * each later one with a suffix {@code /n} in a fixed order, so that a replay yields the same ids.
 * Every event carries the tenant as its account.
 */
final class RecordEvents {

    private final String source;
    private final String baseId;
    private final long time;
    private final String tenant;
    private final ParseOutput out;
    private int yielded;

    private RecordEvents(String source, String baseId, long time, String tenant, ParseOutput out) {
        this.source = source;
        this.baseId = baseId;
        this.time = time;
        this.tenant = tenant;
        this.out = out;
    }

    /**
     * The events of a record with its own id, or, when it has none, with an id hashed from {@code
     * fallback} (parts that tell the record from every other).
     */
    static RecordEvents of(
            String source,
            String nativeId,
            long time,
            String tenant,
            ParseOutput out,
            String... fallback) {
        String base =
                nativeId != null
                        ? EventIds.of(source, nativeId, 0)
                        : EventIds.hashed(source, fallback);
        return new RecordEvents(source, base, time, tenant, out);
    }

    IdentityEvent next(EventKind kind) {
        String id = yielded == 0 ? baseId : baseId + "/" + yielded;
        yielded++;
        return IdentityEvent.of(id, time, source, kind).attribute(Attributes.ACCOUNT, tenant);
    }

    void emit(IdentityEvent event) {
        out.emit(event);
    }

    long time() {
        return time;
    }
}
