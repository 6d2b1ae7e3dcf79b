package io.keyline.format;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Turns raw records of one named format into identity events. Parsers never throw for bad input:
 * whatever cannot be understood is rejected through {@link ParseOutput#reject} with a reason.
 *
 * <p>A parser is where secret material may appear and the only place it may: it reduces any secret
 * to a natural id or a keyed fingerprint and drops the value before emitting anything.
 */
@PublicEvolving
public interface RecordParser extends Serializable {

    /** Parses one record. */
    void parse(RawRecord record, ParseOutput out);
}
