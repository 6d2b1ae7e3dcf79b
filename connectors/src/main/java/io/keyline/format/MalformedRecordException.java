package io.keyline.format;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A record that cannot be parsed. Its message is the reason stored in the dead letters: a sentence
 * that names the problem and never quotes a value from the record.
 */
@PublicEvolving
public class MalformedRecordException extends Exception {

    public MalformedRecordException(String reason) {
        super(reason);
    }

    public MalformedRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
