package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/**
 * One resource a credential can reach: a row of {@code credential_reach}. {@code access} is {@code
 * granted} (a policy of its identity names it), {@code observed} (it was used on it) or {@code
 * both}.
 */
@Internal
public class ReachRecord {

    public String credentialId;
    public String resource;
    public String access;
    public String grantedBy;
    public String lastAction;
    public Long firstSeenAt;
    public Long lastSeenAt;
    public long updatedAt;

    /** True for the deletion of the row: a resource no longer kept for the credential. */
    public boolean deleted;

    public ReachRecord() {}
}
