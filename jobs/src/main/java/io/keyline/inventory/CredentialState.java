package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/** What the credential stage keeps per credential, besides its consumers. */
@Internal
public class CredentialState {

    /** The row as it stands; privilege and owner are left to the identity stage. */
    public CredentialRecord record = new CredentialRecord();

    /** Event time of the status now in {@code record.status}. */
    public long statusTime = Long.MIN_VALUE;

    /** True when {@code record.createdAt} comes from a creation event rather than a listing. */
    public boolean creationSeen;

    /** Number of distinct consumers ever seen, including those evicted from state. */
    public int consumersSeen;

    /** True when something changed since the last flush. */
    public boolean dirty;

    public CredentialState() {}
}
