package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/** What the credential stage keeps per consumer of a credential. */
@Internal
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
