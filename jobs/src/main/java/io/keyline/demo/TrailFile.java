package io.keyline.demo;

import java.io.Closeable;
import java.io.IOException;

/** A CloudTrail file being written, record by record, in one of the delivery forms. */
interface TrailFile extends Closeable {

    /**
     * Appends a record.
     *
     * @param hash a hash for whatever the form adds around the record (an envelope id)
     */
    void write(CloudTrailEvent event, long hash) throws IOException;
}
