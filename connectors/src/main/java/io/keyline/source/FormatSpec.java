package io.keyline.source;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.RecordParser;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A named input format: the system it belongs to, how its files are framed into records, and how to
 * build its parser.
 */
@PublicEvolving
public record FormatSpec(
        String name, String system, Framing framing, String description, ParserFactory factory)
        implements Serializable {

    /** Builds the parser of a format, given the fingerprinter for any secrets it meets. */
    @FunctionalInterface
    public interface ParserFactory extends Function<Fingerprinter, RecordParser>, Serializable {}

    public RecordParser newParser(Fingerprinter fingerprinter) {
        return factory.apply(fingerprinter);
    }
}
