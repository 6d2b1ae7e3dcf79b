package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.OwnerSources;

/**
 * What IAM admin calls in Cloud Audit Logs say about service accounts and their keys: keys created
 * or uploaded (with their validity), disabled, enabled and deleted; service accounts created and
 * deleted; owners named in a service account's description. Audit logs write request and response
 * bodies with proto field names ({@code valid_after_time}); the JSON names ({@code validAfterTime})
 * are read too.
 */
final class AuditIamFacts {

    private static final String IAM_ADMIN = "google.iam.admin.";

    /** A key of a call: its service account's address and its id. */
    private record Key(String serviceAccount, String keyId) {}

    private AuditIamFacts() {}

    static void emit(AuditEntry e) {
        if (!e.method.startsWith(IAM_ADMIN)) {
            return;
        }
        switch (e.shortMethod) {
            case "CreateServiceAccountKey", "UploadServiceAccountKey" -> keyCreated(e);
            case "DeleteServiceAccountKey" -> keyChanged(e, EventKind.DELETED, null);
            case "DisableServiceAccountKey" ->
                    keyChanged(e, EventKind.STATUS_CHANGED, Attributes.INACTIVE);
            case "EnableServiceAccountKey" ->
                    keyChanged(e, EventKind.STATUS_CHANGED, Attributes.ACTIVE);
            case "CreateServiceAccount" -> accountCreated(e);
            case "DeleteServiceAccount" -> accountDeleted(e);
            case "PatchServiceAccount", "UpdateServiceAccount" -> accountUpdated(e);
            default -> {}
        }
    }

    private static void keyCreated(AuditEntry e) {
        Key key = key(e);
        if (key == null) {
            return;
        }
        JsonNode r = e.response;
        Long after = time(e, r, "valid_after_time", "validAfterTime");
        Long before = time(e, r, "valid_before_time", "validBeforeTime");
        String keyType = keyType(field(r, "key_type", "keyType"));
        e.emit(
                e.change(EventKind.CREATED)
                        .credential(
                                CanonicalIds.gcpServiceAccountKey(key.serviceAccount, key.keyId),
                                CredentialTypes.GCP_SA_KEY)
                        .identity(CanonicalIds.gcpServiceAccount(key.serviceAccount))
                        .attribute(Attributes.STATUS, Attributes.ACTIVE)
                        .attribute(
                                Attributes.CREATED_AT,
                                Timestamps.iso(after != null ? after : e.time))
                        .attribute(
                                Attributes.EXPIRES_AT,
                                before == null ? Attributes.NEVER : GcpTimes.expiry(before))
                        .attribute(
                                Attributes.KEY_TYPE, keyType != null ? keyType : "USER_MANAGED"));
    }

    private static void keyChanged(AuditEntry e, EventKind kind, String status) {
        Key key = key(e);
        if (key == null) {
            return;
        }
        e.emit(
                e.change(kind)
                        .credential(
                                CanonicalIds.gcpServiceAccountKey(key.serviceAccount, key.keyId),
                                CredentialTypes.GCP_SA_KEY)
                        .identity(CanonicalIds.gcpServiceAccount(key.serviceAccount))
                        .attribute(Attributes.STATUS, status));
    }

    private static void accountCreated(AuditEntry e) {
        JsonNode account = field(e.request, "service_account", "serviceAccount");
        String email = GcpNames.serviceAccountIn(Json.text(e.response, "email"));
        if (email == null) {
            email = GcpNames.serviceAccountIn(e.resourceName);
        }
        if (email == null) {
            email = fromAccountId(e);
        }
        if (email == null) {
            e.reject("a " + e.shortMethod + " entry names no service account by e-mail address");
            return;
        }
        String id = CanonicalIds.gcpServiceAccount(email);
        String name = text(e.response, "display_name", "displayName");
        if (name == null) {
            name = text(account, "display_name", "displayName");
        }
        e.emit(
                e.change(EventKind.CREATED)
                        .identity(id)
                        .attribute(Attributes.IDENTITY_TYPE, GcpListingFields.SERVICE_ACCOUNT)
                        .attribute(
                                Attributes.NAME, name != null ? name : GcpNames.localPart(email)));
        String description = Json.text(e.response, "description");
        owner(e, id, description != null ? description : Json.text(account, "description"));
    }

    private static void accountDeleted(AuditEntry e) {
        String email = namedAccount(e);
        if (email == null) {
            e.reject("a " + e.shortMethod + " entry names no service account by e-mail address");
            return;
        }
        e.emit(e.change(EventKind.DELETED).identity(CanonicalIds.gcpServiceAccount(email)));
    }

    private static void accountUpdated(AuditEntry e) {
        String email = namedAccount(e);
        if (email == null) {
            return;
        }
        JsonNode account = field(e.request, "service_account", "serviceAccount");
        String description = Json.text(account, "description");
        if (description == null) {
            description = Json.text(e.request, "description");
        }
        owner(e, CanonicalIds.gcpServiceAccount(email), description);
    }

    private static void owner(AuditEntry e, String identity, String description) {
        String owner = GcpOwners.fromDescription(description);
        if (owner != null) {
            e.emit(
                    e.next(EventKind.OWNER_HINT)
                            .identity(identity)
                            .actor(owner)
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
        }
    }

    /** The key a call is about: from the response's or the request's name, or the resource. */
    private static Key key(AuditEntry e) {
        String[] names = {
            Json.text(e.response, "name"), Json.text(e.request, "name"), e.resourceName
        };
        for (String name : names) {
            GcpNames.KeyName parts = GcpNames.keyName(name);
            if (parts != null) {
                String email =
                        GcpNames.isServiceAccount(parts.serviceAccount())
                                ? parts.serviceAccount()
                                : e.labelledServiceAccount();
                if (email == null) {
                    e.reject(
                            "a "
                                    + e.shortMethod
                                    + " entry names the service account of its key by unique id"
                                    + " only");
                    return null;
                }
                return new Key(email, parts.keyId());
            }
        }
        e.reject("a " + e.shortMethod + " entry names no service account key");
        return null;
    }

    /** The service account a call names: in its request, its resource or its resource labels. */
    private static String namedAccount(AuditEntry e) {
        String email = GcpNames.serviceAccountIn(Json.text(e.request, "name"));
        if (email == null) {
            email = GcpNames.serviceAccountIn(e.resourceName);
        }
        return email != null ? email : e.labelledServiceAccount();
    }

    /** The address of a new account from its request: {@code <account_id>@<project>.iam...}. */
    private static String fromAccountId(AuditEntry e) {
        String accountId = text(e.request, "account_id", "accountId");
        String project = GcpNames.projectIn(Json.text(e.request, "name"));
        if (project == null) {
            project = e.project;
        }
        if (accountId == null
                || project == null
                || !accountId.matches("[a-z][a-z0-9-]{0,99}")
                || !project.matches("[a-z][a-z0-9.:-]{0,99}")) {
            return null;
        }
        return accountId + "@" + project + ".iam.gserviceaccount.com";
    }

    /** A time of the response, or null when it is missing; rejects it when it is no time. */
    private static Long time(AuditEntry e, JsonNode node, String snake, String camel) {
        JsonNode value = field(node, snake, camel);
        try {
            return GcpTimes.millis(value);
        } catch (IllegalArgumentException bad) {
            e.reject("the " + snake + " of a " + e.shortMethod + " response is not a time");
            return null;
        }
    }

    /** {@code USER_MANAGED} or {@code SYSTEM_MANAGED} from the enum's number or name. */
    private static String keyType(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return switch (value.intValue()) {
                case 1 -> "USER_MANAGED";
                case 2 -> "SYSTEM_MANAGED";
                default -> null;
            };
        }
        return value.isTextual() ? Json.clip(value.asText().trim(), 64) : null;
    }

    private static JsonNode field(JsonNode node, String snake, String camel) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(snake);
        return value != null ? value : node.get(camel);
    }

    private static String text(JsonNode node, String snake, String camel) {
        String value = Json.text(node, snake);
        return value != null ? value : Json.text(node, camel);
    }
}
