package io.keyline.source.poll;

import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A permanent failure of a collector: a retry as such cannot succeed (missing permissions, an org
 * or account that does not exist, a refused credential). The message is one sentence a person can
 * act on: what was refused, where, and the permission or setting that fixes it.
 */
@PublicEvolving
public class CollectorException extends IOException {

    private static final long serialVersionUID = 1L;

    public CollectorException(String message) {
        super(message);
    }

    public CollectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
