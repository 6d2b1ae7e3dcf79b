package io.keyline.format;

import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.PublicEvolving;

/** Receives what a parser makes of one raw record: events, and rejections with their reasons. */
@PublicEvolving
public interface ParseOutput {

    /** One event the record yields. */
    void emit(IdentityEvent event);

    /**
     * A record, or one element of a record that holds many, that cannot be parsed. The reason is a
     * sentence that names what is wrong and never quotes a value from the payload; {@code payload}
     * is what was rejected, hashed and masked before it is stored.
     */
    void reject(String reason, byte[] payload);
}
