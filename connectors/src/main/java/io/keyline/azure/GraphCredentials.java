package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;

/**
 * The client secrets ({@code passwordCredentials}) and certificates ({@code keyCredentials}) of a
 * Graph application or service principal, each {@code OBSERVED} with its creation and expiry time,
 * its display name, and a status: {@code Active} until its end time, {@code Inactive} after it.
 *
 * <p>Only named fields are read: the {@code secretText} of a new secret, its {@code hint} (the
 * secret's first characters) and a certificate's {@code key} (which holds a private key for {@code
 * X509CertAndPassword}) never are.
 */
final class GraphCredentials {

    static final String PASSWORD = "a passwordCredential";
    static final String KEY = "a keyCredential";

    /**
     * Whose credentials they are: the app, its identity and tenant (either may be null), and the
     * time of the listing.
     */
    record Owner(String appId, String identity, String tenant, long observedAt) {}

    private GraphCredentials() {}

    /** The fact of one credential; throws when the entry cannot be read. */
    static IdentityEvent observed(
            JsonNode credential, boolean secret, Owner owner, ListingEvents events)
            throws MalformedRecordException {
        String what = secret ? PASSWORD : KEY;
        if (!credential.isObject()) {
            throw new MalformedRecordException(what + " is not an object");
        }
        String keyId = AzureJson.text(credential, "keyId");
        if (keyId == null) {
            throw new MalformedRecordException(what + " has no keyId");
        }
        if (!AzureTenant.isId(keyId)) {
            throw new MalformedRecordException("the keyId of " + what + " cannot be part of an id");
        }
        String created = time(credential, "startDateTime", what);
        String expires = time(credential, "endDateTime", what);
        String status = Attributes.ACTIVE;
        if (expires != null && Timestamps.parse(expires) <= owner.observedAt()) {
            status = Attributes.INACTIVE;
        }
        String id =
                secret
                        ? CanonicalIds.azureServicePrincipalSecret(owner.appId(), keyId)
                        : CanonicalIds.azureServicePrincipalCertificate(owner.appId(), keyId);
        return events.next(EventKind.OBSERVED, id, "credential")
                .credential(
                        id,
                        secret
                                ? CredentialTypes.AZURE_CLIENT_SECRET
                                : CredentialTypes.AZURE_CERTIFICATE)
                .identity(owner.identity())
                .attribute(Attributes.ACCOUNT, owner.tenant())
                .attribute(Attributes.STATUS, status)
                .attribute(Attributes.CREATED_AT, created)
                .attribute(Attributes.EXPIRES_AT, expires == null ? Attributes.NEVER : expires)
                .attribute(Attributes.NAME, AzureJson.text(credential, "displayName"));
    }

    /** True for an entry that looks like a certificate rather than a secret. */
    static boolean looksLikeKey(JsonNode credential) {
        return AzureJson.field(credential, "usage") != null
                || AzureJson.field(credential, "type") != null
                || AzureJson.field(credential, "key") != null;
    }

    /** A time of an entry as ISO-8601 UTC, or null when it is absent. */
    static String time(JsonNode node, String field, String what) throws MalformedRecordException {
        String text = AzureJson.text(node, field);
        if (text == null) {
            return null;
        }
        Long time = Timestamps.parseOrNull(text);
        if (time == null) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a time stamp");
        }
        return Timestamps.iso(time);
    }
}
