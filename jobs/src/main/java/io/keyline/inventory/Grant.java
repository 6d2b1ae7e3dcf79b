package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/** One permission an identity holds: a policy, inline policy or group, and its privilege tier. */
@Internal
public class Grant {

    /** The policy ARN, inline policy id or group ARN granted. */
    public String resource;

    /** The group the grant is inherited through, or null for a direct grant. */
    public String via;

    public String tier;
    public String reason;

    /** Resource patterns the grant names, comma-separated, when the source tells. */
    public String resources;

    public boolean revoked;

    /** Event time of the latest evidence about this grant. */
    public long time;

    public Grant() {}
}
