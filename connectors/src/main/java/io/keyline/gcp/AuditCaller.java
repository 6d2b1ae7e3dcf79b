package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.model.Actors;
import io.keyline.model.CanonicalIds;
import java.util.Locale;

/**
 * Who made a call recorded in a Cloud Audit Logs entry, from its {@code authenticationInfo}: a
 * service account (by {@code principalEmail}, or a {@code serviceAccount:} {@code
 * principalSubject}), the key it signed in with ({@code serviceAccountKeyName}), a person (any
 * other {@code principalEmail}), or a workload from outside through identity federation (a {@code
 * principal://} or {@code principalSet://} subject and no address).
 *
 * @param serviceAccount the caller's service account address, or null
 * @param keyId the id of the service account key the call was made with, or null
 * @param keyAccount the service account address the key name gives, or null
 * @param person the caller's address in lower case when it is a person, or null
 * @param federated the canonical id of a federated caller ({@link GcpPrincipals}), or null
 * @param email the raw {@code principalEmail}, or null
 */
record AuditCaller(
        String serviceAccount,
        String keyId,
        String keyAccount,
        String person,
        String federated,
        String email) {

    static final AuditCaller NOBODY = new AuditCaller(null, null, null, null, null, null);

    static AuditCaller of(JsonNode authentication) {
        if (authentication == null) {
            return NOBODY;
        }
        String email = Json.text(authentication, "principalEmail");
        String subject = Json.text(authentication, "principalSubject");
        String serviceAccount = GcpNames.isServiceAccount(email) ? email.trim() : null;
        if (serviceAccount == null && subject != null && subject.startsWith("serviceAccount:")) {
            serviceAccount = GcpNames.serviceAccountIn(subject);
        }
        String person =
                serviceAccount == null && Actors.isPerson(email)
                        ? email.trim().toLowerCase(Locale.ROOT)
                        : null;
        String federated =
                serviceAccount == null && person == null ? GcpPrincipals.federated(subject) : null;
        String keyId = null;
        String keyAccount = null;
        GcpNames.KeyName key =
                serviceAccount == null
                        ? null
                        : GcpNames.keyName(Json.text(authentication, "serviceAccountKeyName"));
        if (key != null) {
            keyId = key.keyId();
            keyAccount =
                    GcpNames.isServiceAccount(key.serviceAccount()) ? key.serviceAccount() : null;
        }
        return new AuditCaller(serviceAccount, keyId, keyAccount, person, federated, email);
    }

    /** The canonical id of the caller's service account, or null. */
    String identityId() {
        return serviceAccount == null ? null : CanonicalIds.gcpServiceAccount(serviceAccount);
    }

    /** The canonical id of the key the call was made with, or null. */
    String credentialId() {
        if (keyId == null) {
            return null;
        }
        return CanonicalIds.gcpServiceAccountKey(
                keyAccount != null ? keyAccount : serviceAccount, keyId);
    }

    /**
     * The principal another identity can trust to act as it: the service account or the federated
     * principal; null for people, whom Keyline does not inventory.
     */
    String trustable() {
        return serviceAccount != null ? identityId() : federated;
    }

    /** Who acted, for what the call changed: a person's address, else the caller's id. */
    String actor() {
        if (person != null) {
            return person;
        }
        String id = trustable();
        return id != null ? id : Json.clip(email, 320);
    }
}
