package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/**
 * One rejected input: a row of {@code dead_letters}. It keeps where the input came from, why it was
 * rejected, the SHA-256 of the payload and a masked excerpt, never the payload itself.
 */
@Internal
public class DeadLetter {

    public String source;
    public String origin;
    public long recordIndex;
    public String reason;
    public String payloadSha256;
    public long payloadBytes;
    public String excerpt;
    public long receivedAt;

    public DeadLetter() {}
}
