package io.keyline.inventory;

import io.keyline.model.Actors;

/**
 * Who owns an identity or credential, from the evidence the identity stage holds, strongest first:
 * an explicit owner tag on the identity; for a credential, the person who created it; then the
 * person who created the identity. Principals that are not people (roles, services) are never
 * owners.
 */
final class Ownership {

    static final String TAG = "tag";
    static final String CREATOR = "creator";

    /** An owner and where the evidence came from. */
    record Owner(String owner, String source) {
        static final Owner NONE = new Owner(null, null);
    }

    private Ownership() {}

    static Owner ofIdentity(IdentityState s) {
        if (s.ownerTag != null) {
            return new Owner(s.ownerTag, TAG);
        }
        if (Actors.isPerson(s.record.createdBy)) {
            return new Owner(s.record.createdBy, CREATOR);
        }
        return Owner.NONE;
    }

    static Owner ofCredential(IdentityState s, CredentialRecord c) {
        if (s.ownerTag != null) {
            return new Owner(s.ownerTag, TAG);
        }
        if (Actors.isPerson(c.createdBy)) {
            return new Owner(c.createdBy, CREATOR);
        }
        return ofIdentity(s);
    }
}
