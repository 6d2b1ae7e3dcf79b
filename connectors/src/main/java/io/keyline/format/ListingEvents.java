package io.keyline.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.nio.charset.StandardCharsets;

/**
 * The events of one record of a listing (an API's list output). They all take the time of the
 * listing, and each an id hashed from its format, its kind, the parts that tell its fact from the
 * others and that time, so a replay of the same file yields the same ids and two facts never share
 * one.
 */
@org.apache.flink.annotation.Internal
public final class ListingEvents {

    private final String source;
    private final long time;
    private final String timeText;
    private final ParseOutput out;

    public ListingEvents(String source, long time, ParseOutput out) {
        this.source = source;
        this.time = time;
        this.timeText = Timestamps.iso(time);
        this.out = out;
    }

    /** A new event; {@code fact} names what it is about (identity, credential, resource...). */
    public IdentityEvent next(EventKind kind, String... fact) {
        String[] parts = new String[fact.length + 2];
        parts[0] = kind.name();
        System.arraycopy(fact, 0, parts, 1, fact.length);
        parts[parts.length - 1] = timeText;
        return IdentityEvent.of(EventIds.hashed(source, parts), time, source, kind);
    }

    public void emit(IdentityEvent event) {
        out.emit(event);
    }

    public void reject(String reason, byte[] payload) {
        out.reject(reason, payload);
    }

    /** Rejects one part of the record, such as one entry of a list; the rest still counts. */
    public void reject(String reason, JsonNode part) {
        out.reject(reason, bytes(part));
    }

    public static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
