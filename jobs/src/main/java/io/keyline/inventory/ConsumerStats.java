package io.keyline.inventory;

/** What the credential stage keeps per consumer of a credential. */
public class ConsumerStats {

    public String sourceIp;
    public String userAgent;
    public String workload;
    public long firstSeenAt;
    public long lastSeenAt;
    public long calls;
    public boolean dirty;

    public ConsumerStats() {}
}
