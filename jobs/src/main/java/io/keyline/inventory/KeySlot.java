package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.IdentityEvent;
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

    /** The slot an {@code OBSERVED} event of a credential report describes. */
    static KeySlot of(IdentityEvent event, long createdAt, Long lastUsedAt) {
        KeySlot slot = new KeySlot();
        slot.credentialType = event.getCredentialType();
        slot.slot = number(event.attribute(Attributes.SLOT));
        slot.createdAt = createdAt;
        slot.status = event.attribute(Attributes.STATUS);
        slot.lastUsedAt = lastUsedAt;
        slot.lastUsedAction = event.attribute(Attributes.LAST_USED_ACTION);
        slot.observedAt = event.getEventTime();
        return slot;
    }

    /**
     * Gives a matching credential what the report knows better: a later last use, and the status
     * when the report is newer than the credential's own status evidence.
     */
    void applyTo(CredentialRecord v) {
        if (!matches(v)) {
            return;
        }
        if (lastUsedAt != null && (v.lastUsedAt == null || lastUsedAt > v.lastUsedAt)) {
            v.lastUsedAt = lastUsedAt;
            v.lastUsedAction = lastUsedAction;
        }
        if (status != null
                && !Attributes.DELETED.equals(v.status)
                && (v.statusAt == null || observedAt > v.statusAt)) {
            v.status = status;
            v.statusAt = observedAt;
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Creation times in the sources have second precision; allow for rounding. */
    boolean matches(CredentialRecord credential) {
        return credential.createdAt != null
                && credentialType != null
                && credentialType.equals(credential.credentialType)
                && Math.abs(credential.createdAt - createdAt) <= 1_000;
    }
}
