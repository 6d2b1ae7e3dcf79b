package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/**
 * A key seen only as a slot of its user, without its id (the IAM credential report): matched to a
 * key of the same user created at the same time.
 */
@Internal
public class KeySlot {

    public String credentialType;
    public int slot;
    public long createdAt;
    public String status;
    public Long lastUsedAt;
    public String lastUsedAction;
    public long observedAt;

    public KeySlot() {}

    /** Creation times in the sources have second precision; allow for rounding. */
    boolean matches(CredentialRecord credential) {
        return credential.createdAt != null
                && credentialType != null
                && credentialType.equals(credential.credentialType)
                && Math.abs(credential.createdAt - createdAt) <= 1_000;
    }
}
