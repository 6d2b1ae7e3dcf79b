package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/**
 * A keyed stage whose changes to a key are written when the key is flushed, not as they happen, so
 * that a key is written at most once per flush however often it changed.
 */
@Internal
interface Flushable<T> {

    /** Writes what changed of the current key since its last flush; nothing when nothing did. */
    void flush(FlushOutput<T> out) throws Exception;
}
