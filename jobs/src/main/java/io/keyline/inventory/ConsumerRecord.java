package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/** One workload, address or agent that used a credential: a row of {@code credential_consumers}. */
@Internal
public class ConsumerRecord {

    public String credentialId;
    public String consumerId;
    public String sourceIp;
    public String userAgent;
    public String workload;
    public long firstSeenAt;
    public long lastSeenAt;
    public long calls;
    public long updatedAt;

    public ConsumerRecord() {}
}
