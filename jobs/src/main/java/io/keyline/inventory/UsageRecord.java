package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/** One credential's use on one UTC day: a row of {@code usage_daily}. */
@Internal
public class UsageRecord {

    public String credentialId;
    public String identityId;

    /** The day, as days since the epoch. */
    public int day;

    public long calls;
    public int distinctConsumers;
    public int distinctResources;
    public long errors;

    public UsageRecord() {}
}
