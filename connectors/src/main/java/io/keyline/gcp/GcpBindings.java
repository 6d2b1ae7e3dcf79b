package io.keyline.gcp;

import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.IdentityEvent;

/**
 * What one member of an IAM policy binding says, for the policy listing and for policy changes in
 * audit logs alike: a service account member is {@code GRANTED} the role on the resource (resource
 * {@code <resourceName>#<role>}, so that a role held on two resources is two grants), and a member
 * of an impersonation role on a service account's own policy is a principal that service account
 * trusts.
 */
final class GcpBindings {

    /** The longest role name read; real ones, custom roles included, are far shorter. */
    static final int MAX_ROLE = 512;

    private GcpBindings() {}

    /** The canonical id of a member that is a service account, or null. */
    static String grantee(String member) {
        if (member == null || !member.startsWith("serviceAccount:")) {
            return null;
        }
        String email = GcpNames.serviceAccountIn(member);
        return email == null ? null : CanonicalIds.gcpServiceAccount(email);
    }

    /** Fills a {@code GRANTED} event: what is granted, where, and its tier unless revoked. */
    static IdentityEvent grant(
            IdentityEvent event, String resourceName, String role, boolean revoked) {
        event.resource(resourceName + "#" + role).attribute(Attributes.RESOURCES, resourceName);
        if (revoked) {
            return event.attribute(Attributes.REVOKED, "true");
        }
        GcpRoles.Assessment a = GcpRoles.assess(role);
        return event.attribute(Attributes.PRIVILEGE, a.tier().label())
                .attribute(Attributes.PRIVILEGE_REASON, a.reason());
    }

    /**
     * The service account whose own policy {@code resourceName} is, when {@code role} lets the
     * members of the binding act as it; null otherwise.
     */
    static String actedAs(String resourceName, String role) {
        if (!GcpRoles.letsMembersActAs(role)) {
            return null;
        }
        String email = GcpNames.serviceAccountIn(resourceName);
        return email == null ? null : CanonicalIds.gcpServiceAccount(email);
    }

    /** The canonical id of a member that can be trusted to act as a service account, or null. */
    static String trusted(String member) {
        return GcpPrincipals.of(member);
    }
}
