package io.keyline.gcp;

import io.keyline.model.PrivilegeTier;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The privilege tier a Google Cloud IAM role gives, from its name.
 *
 * <ul>
 *   <li>{@code admin}: {@code roles/owner}.
 *   <li>{@code high}: {@code roles/editor}; the roles that let a principal act as a service
 *       account, mint its tokens, manage its keys or federate into it; the roles that edit IAM
 *       policies; reading secrets ({@code roles/secretmanager.secretAccessor}); and any role whose
 *       name ends in {@code .admin} or {@code Admin}.
 *   <li>{@code read}: {@code roles/viewer}, {@code roles/browser} and any role whose name ends in
 *       {@code .viewer}, {@code Viewer}, {@code .reader} or {@code Reader}.
 *   <li>{@code write}: every other role, custom roles included (their permissions are not read).
 * </ul>
 *
 * <p>IAM conditions are not evaluated: a conditional binding counts as if it always held.
 */
@Internal
public final class GcpRoles {

    /** The tier of a role, and why: the role itself. */
    public record Assessment(PrivilegeTier tier, String reason) {}

    private static final Set<String> HIGH =
            Set.of(
                    "roles/editor",
                    "roles/iam.serviceAccountTokenCreator",
                    "roles/iam.serviceAccountUser",
                    "roles/iam.serviceAccountKeyAdmin",
                    "roles/iam.securityAdmin",
                    "roles/resourcemanager.projectIamAdmin",
                    "roles/iam.workloadIdentityUser",
                    "roles/secretmanager.secretAccessor",
                    "roles/secretmanager.admin");

    private static final Set<String> READ = Set.of("roles/viewer", "roles/browser");

    private GcpRoles() {}

    /** The tier of a role name such as {@code roles/storage.admin}. */
    public static PrivilegeTier tierOf(String role) {
        if (role == null || role.isBlank()) {
            return PrivilegeTier.NONE;
        }
        String r = role.trim();
        if (r.equals("roles/owner")) {
            return PrivilegeTier.ADMIN;
        }
        if (HIGH.contains(r) || r.endsWith(".admin") || r.endsWith("Admin")) {
            return PrivilegeTier.HIGH;
        }
        if (READ.contains(r)
                || r.endsWith(".viewer")
                || r.endsWith("Viewer")
                || r.endsWith(".reader")
                || r.endsWith("Reader")) {
            return PrivilegeTier.READ;
        }
        return PrivilegeTier.WRITE;
    }

    /** The tier of a role with its reason. */
    public static Assessment assess(String role) {
        return new Assessment(tierOf(role), role == null ? null : role.trim());
    }

    /**
     * True for the roles that let their members act as the service account the policy is on:
     * impersonate it, mint its tokens, or federate into it.
     */
    static boolean letsMembersActAs(String role) {
        return "roles/iam.serviceAccountTokenCreator".equals(role)
                || "roles/iam.serviceAccountUser".equals(role)
                || "roles/iam.workloadIdentityUser".equals(role)
                || "roles/iam.serviceAccountOpenIdTokenCreator".equals(role);
    }
}
