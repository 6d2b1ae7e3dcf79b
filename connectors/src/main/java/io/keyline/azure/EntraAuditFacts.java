package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.azure.EntraAuditRecord.Target;
import io.keyline.azure.KeyDescriptions.Key;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.OwnerSources;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Entra audit activities say about workload identities: client secrets and certificates added
 * to or removed from apps and service principals, service principals and apps created and deleted,
 * directory roles and application permissions granted to service principals and taken away, and
 * owners added. Other activities, those about users and groups, and activities that failed yield
 * nothing.
 *
 * <p>A service principal is named by its app id wherever the entry records it ({@code AppId},
 * {@code ServicePrincipal.AppId}, {@code TargetId.ServicePrincipalNames}). Where only the target's
 * object id is known, that object id stands in for the app id, so that such a principal gets an id
 * of the same form: it meets the principal's other facts only where those name it the same way.
 */
final class EntraAuditFacts {

    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    private static final String[] PRINCIPAL_TYPES = {"ServicePrincipal", "Application"};

    /** The activities mapped here, by their normalized display names. */
    private static final Set<String> MAPPED =
            Set.of(
                    "add service principal credentials",
                    "remove service principal credentials",
                    "update application - certificates and secrets management",
                    "add service principal",
                    "add application",
                    "delete service principal",
                    "delete application",
                    "add member to role",
                    "remove member from role",
                    "add app role assignment to service principal",
                    "remove app role assignment from service principal",
                    "add owner to service principal",
                    "add owner to application");

    private EntraAuditFacts() {}

    static void emit(EntraAuditRecord r) {
        String activity = normalized(r.activity);
        if (!MAPPED.contains(activity)) {
            return;
        }
        if (r.failed()) {
            return;
        }
        if (r.tenant == null || !AzureTenant.isId(r.tenant)) {
            r.reject(
                    r.tenant == null
                            ? AzureTenant.unknown(EntraAuditRecord.WHAT)
                            : "the tenant of "
                                    + EntraAuditRecord.WHAT
                                    + " cannot be part of an id");
            return;
        }
        switch (activity) {
            case "add service principal credentials" -> keys(r, Change.ADD);
            case "remove service principal credentials" -> keys(r, Change.REMOVE);
            case "update application - certificates and secrets management" ->
                    keys(r, Change.UPDATE);
            case "add service principal" -> principal(r, EventKind.CREATED, "servicePrincipal");
            case "add application" -> principal(r, EventKind.CREATED, "application");
            case "delete service principal" -> principal(r, EventKind.DELETED, null);
            case "delete application" -> principal(r, EventKind.DELETED, null);
            case "add member to role" -> directoryRole(r, false);
            case "remove member from role" -> directoryRole(r, true);
            case "add app role assignment to service principal" -> appRole(r, false);
            case "remove app role assignment from service principal" -> appRole(r, true);
            case "add owner to service principal", "add owner to application" -> owner(r);
            default -> {
                // Every activity of MAPPED has its case above.
            }
        }
    }

    private enum Change {
        ADD,
        REMOVE,
        UPDATE
    }

    /** Keys added to or removed from an app or service principal, from its KeyDescription. */
    private static void keys(EntraAuditRecord r, Change change) {
        Target target = r.target(PRINCIPAL_TYPES);
        String appId = target == null ? null : appId(target, "AppId");
        if (appId == null) {
            r.reject("a credential change in " + EntraAuditRecord.WHAT + " names no app");
            return;
        }
        JsonNode[] description = target.property("KeyDescription");
        Map<String, Key> before =
                description == null ? Map.of() : KeyDescriptions.keys(description[0]);
        Map<String, Key> after =
                description == null ? Map.of() : KeyDescriptions.keys(description[1]);
        Map<String, Key> added = new LinkedHashMap<>(after);
        before.keySet().forEach(added::remove);
        Map<String, Key> removed = new LinkedHashMap<>(before);
        after.keySet().forEach(removed::remove);
        if (change == Change.REMOVE && before.isEmpty()) {
            // Some entries of a removal list the removed keys as the new value only.
            removed = added;
        }
        if (change == Change.REMOVE) {
            added = Map.of();
        } else if (change == Change.ADD) {
            removed = Map.of();
        }
        if (before.isEmpty() && after.isEmpty()) {
            r.reject(
                    "a credential change in "
                            + EntraAuditRecord.WHAT
                            + " names no KeyIdentifier in its KeyDescription, so the credential"
                            + " is unknown");
            return;
        }
        String fallbackType = target.value("KeyType");
        String identity = r.servicePrincipal(appId);
        String actor = r.actor();
        for (Key key : added.values()) {
            credential(r, EventKind.CREATED, key, appId, identity, actor, fallbackType);
        }
        for (Key key : removed.values()) {
            credential(r, EventKind.DELETED, key, appId, identity, actor, fallbackType);
        }
    }

    private static void credential(
            EntraAuditRecord r,
            EventKind kind,
            Key key,
            String appId,
            String identity,
            String actor,
            String fallbackType) {
        Boolean secret = key.isSecret();
        if (secret == null) {
            secret = KeyDescriptions.isSecret(fallbackType);
        }
        if (secret == null) {
            r.reject(
                    "a key in the KeyDescription of "
                            + EntraAuditRecord.WHAT
                            + " has no KeyType of a password or a certificate");
            return;
        }
        IdentityEvent event =
                r.events()
                        .next(kind)
                        .identity(identity)
                        .actor(actor)
                        .attribute(Attributes.NAME, key.name());
        if (secret) {
            event.credential(
                    CanonicalIds.azureServicePrincipalSecret(appId, key.keyId()),
                    CredentialTypes.AZURE_CLIENT_SECRET);
        } else {
            event.credential(
                    CanonicalIds.azureServicePrincipalCertificate(appId, key.keyId()),
                    CredentialTypes.AZURE_CERTIFICATE);
        }
        r.events().emit(event);
    }

    /** A service principal or app created or deleted. */
    private static void principal(EntraAuditRecord r, EventKind kind, String type) {
        Target target = r.target(PRINCIPAL_TYPES);
        String appId = target == null ? null : appId(target, "AppId");
        if (appId == null) {
            r.reject("the target of " + EntraAuditRecord.WHAT + " names no app");
            return;
        }
        r.events()
                .emit(
                        r.events()
                                .next(kind)
                                .identity(r.servicePrincipal(appId))
                                .actor(r.actor())
                                .attribute(Attributes.IDENTITY_TYPE, type)
                                .attribute(
                                        Attributes.NAME,
                                        kind == EventKind.CREATED ? target.displayName() : null));
    }

    /** A directory role given to or taken from a service principal; users are left out. */
    private static void directoryRole(EntraAuditRecord r, boolean revoked) {
        Target member = r.targetOfType("ServicePrincipal");
        if (member == null) {
            return;
        }
        String role = r.value("Role.DisplayName");
        String appId = appId(member, "AppId", "ServicePrincipal.AppId");
        if (role == null || appId == null) {
            r.reject(
                    "a role membership in "
                            + EntraAuditRecord.WHAT
                            + " names no Role.DisplayName or no service principal");
            return;
        }
        grant(r, r.servicePrincipal(appId), role, revoked);
    }

    /**
     * An application permission (app role) given to or taken from a service principal. The entry's
     * target is the API that defines the role; the principal that holds it is in its {@code
     * ServicePrincipal.*} properties. An assignment of the default role, which has no value, grants
     * nothing.
     */
    private static void appRole(EntraAuditRecord r, boolean revoked) {
        String role = r.value("AppRole.Value");
        if (role == null) {
            return;
        }
        String appId = idOrNull(r.value("ServicePrincipal.AppId"));
        if (appId == null) {
            appId = idOrNull(r.value("ServicePrincipal.ObjectID"));
        }
        if (appId == null) {
            r.reject(
                    "an app role assignment in "
                            + EntraAuditRecord.WHAT
                            + " names no ServicePrincipal.AppId or ServicePrincipal.ObjectID");
            return;
        }
        grant(r, r.servicePrincipal(appId), role, revoked);
    }

    private static void grant(EntraAuditRecord r, String identity, String role, boolean revoked) {
        IdentityEvent event =
                r.events()
                        .next(EventKind.GRANTED)
                        .identity(identity)
                        .actor(r.actor())
                        .resource(role);
        if (revoked) {
            event.attribute(Attributes.REVOKED, "true");
        } else {
            EntraRoles.Assessment a = EntraRoles.assess(role);
            event.attribute(Attributes.PRIVILEGE, a.tier().label())
                    .attribute(Attributes.PRIVILEGE_REASON, a.reason());
        }
        r.events().emit(event);
    }

    /** A user made owner of a service principal or app: a hint of who owns it. */
    private static void owner(EntraAuditRecord r) {
        Target user = null;
        for (Target t : r.targets) {
            if (t.userPrincipalName() != null || t.isOfType("User")) {
                user = t;
                break;
            }
        }
        String login = user == null ? null : user.userPrincipalName();
        if (login == null) {
            // The new owner is another service principal, or the entry does not name it.
            return;
        }
        String appId = idOrNull(r.value("ServicePrincipal.AppId"));
        if (appId == null) {
            appId = idOrNull(r.value("Application.AppId"));
        }
        if (appId == null) {
            Target owned = r.targetOfType(PRINCIPAL_TYPES);
            appId = owned == null ? null : appId(owned, "AppId");
        }
        if (appId == null) {
            appId = idOrNull(r.value("ServicePrincipal.ObjectID"));
        }
        if (appId == null) {
            appId = idOrNull(r.value("Application.ObjectID"));
        }
        if (appId == null) {
            r.reject("an owner change in " + EntraAuditRecord.WHAT + " names no app");
            return;
        }
        r.events()
                .emit(
                        r.events()
                                .next(EventKind.OWNER_HINT)
                                .identity(r.servicePrincipal(appId))
                                .actor(login.toLowerCase(Locale.ROOT))
                                .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
    }

    /**
     * The app id of a target: the first of the named properties, else the first GUID of its {@code
     * TargetId.ServicePrincipalNames}, else its object id.
     */
    private static String appId(Target target, String... properties) {
        for (String p : properties) {
            String v = idOrNull(target.value(p));
            if (v != null) {
                return v;
            }
        }
        JsonNode[] names = target.property("TargetId.ServicePrincipalNames");
        if (names != null) {
            String fromNames = firstGuid(AzureJson.decoded(names[1]));
            if (fromNames == null) {
                fromNames = firstGuid(AzureJson.decoded(names[0]));
            }
            if (fromNames != null) {
                return fromNames;
            }
        }
        return idOrNull(target.id());
    }

    /** The first GUID among service principal names, as a list or one {@code ;}-separated text. */
    private static String firstGuid(JsonNode names) {
        if (names == null) {
            return null;
        }
        if (names.isArray()) {
            for (JsonNode name : names) {
                String found = firstGuid(name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!names.isTextual()) {
            return null;
        }
        for (String part : names.asText().split("[;,\\s]+")) {
            if (GUID.matcher(part).matches()) {
                return part;
            }
        }
        return null;
    }

    private static String idOrNull(String value) {
        return AzureTenant.isId(value) ? value : null;
    }

    /** An activity name in lower case, with an en dash as a hyphen and single spaces. */
    private static String normalized(String activity) {
        return activity.replace('\u2013', '-')
                .replace('\u2014', '-')
                .trim()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
