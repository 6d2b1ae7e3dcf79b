package io.keyline.model;

import org.apache.flink.annotation.PublicEvolving;

/** What an {@link IdentityEvent} says about a credential or an identity. */
@PublicEvolving
public enum EventKind {
    /** A credential or identity came into existence; {@code actor} is who created it. */
    CREATED,
    /** A credential was replaced by a new secret under the same id. */
    ROTATED,
    /** A credential or identity was deleted; {@code actor} is who deleted it. */
    DELETED,
    /** A credential was enabled or disabled; the new status is the attribute {@code status}. */
    STATUS_CHANGED,
    /** A credential or identity authenticated a call; {@code consumer} says from where. */
    USED,
    /** A credential or identity was seen in a listing, with its state at that time. */
    OBSERVED,
    /** A credential was found stored somewhere; {@code location} says where. */
    STORED_AT,
    /** An identity was given a permission; {@code resource} is the policy or role granted. */
    GRANTED,
    /** An identity trusts another principal to act as it (assume-role, federation). */
    TRUSTS,
    /** Evidence of who owns a credential or identity; {@code actor} is the candidate owner. */
    OWNER_HINT,
    /** A person from the HR directory. */
    PERSON
}
