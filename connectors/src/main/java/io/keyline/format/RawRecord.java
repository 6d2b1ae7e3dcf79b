package io.keyline.format;

import org.apache.flink.annotation.PublicEvolving;

/**
 * One unit of raw input on its way to a parser: a line, a whole JSON document or a CSV file, with
 * where it came from. A reader that cannot read its input at all emits a record with {@link
 * #getError()} set instead, so that the failure reaches the dead letters like any bad record.
 */
@PublicEvolving
public class RawRecord {

    private String format;
    private String origin;
    private long index;
    private long observedAt;
    private byte[] payload;
    private String error;

    public RawRecord() {}

    public RawRecord(String format, String origin, long index, long observedAt, byte[] payload) {
        this.format = format;
        this.origin = origin;
        this.index = index;
        this.observedAt = observedAt;
        this.payload = payload;
    }

    /** A record that stands for input that could not be read, with the reason. */
    public static RawRecord unreadable(
            String format, String origin, long index, long observedAt, String error) {
        RawRecord record = new RawRecord(format, origin, index, observedAt, new byte[0]);
        record.error = error;
        return record;
    }

    /** The name of the format that parses this record ({@code cloudtrail}, ...). */
    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    /** Where the record came from: a file path, or a topic, partition and offset. */
    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    /** The position of the record within its origin: the line or unit number, from 0. */
    public long getIndex() {
        return index;
    }

    public void setIndex(long index) {
        this.index = index;
    }

    /**
     * When the input was produced, in epoch milliseconds: the time stamp at the start of the file
     * name when there is one, else the file's modification time, else the message time. Listings
     * that carry no time of their own use it as the time of what they observed.
     */
    public long getObservedAt() {
        return observedAt;
    }

    public void setObservedAt(long observedAt) {
        this.observedAt = observedAt;
    }

    public byte[] getPayload() {
        return payload;
    }

    public void setPayload(byte[] payload) {
        this.payload = payload;
    }

    /** Why the input could not be read, or null for a readable record. */
    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }
}
