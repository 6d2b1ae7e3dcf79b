package io.keyline.azure;

import io.keyline.model.PrivilegeTier;
import java.util.Locale;
import java.util.Map;

/**
 * The privilege tier of an Azure RBAC role assignment, by the role's built-in definition id or
 * name:
 *
 * <ul>
 *   <li>{@code admin}: roles that can grant access to others ({@code Owner}, {@code User Access
 *       Administrator}, {@code Role Based Access Control Administrator});
 *   <li>{@code high}: full control of resources or read access to secrets and keys ({@code
 *       Contributor}, {@code Key Vault Secrets Officer}, {@code Key Vault Secrets User}, {@code
 *       Storage Account Key Operator Service Role});
 *   <li>{@code read}: {@code Reader} and other reader roles;
 *   <li>{@code write}: every other role, custom roles included.
 * </ul>
 */
final class AzureRbacRoles {

    /** A role: its name when it is a known built-in role (else null), its tier and why. */
    record Assessment(String name, PrivilegeTier tier, String reason) {}

    /** Built-in role definition ids (the same in every subscription) and their names. */
    private static final Map<String, String> BUILT_IN =
            Map.of(
                    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
                    "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
                    "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader",
                    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
                    "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
                            "Role Based Access Control Administrator",
                    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer",
                    "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
                    "81a9662b-bebf-436f-a333-f67b29880f12",
                            "Storage Account Key Operator Service Role");

    private static final Map<String, Assessment> BY_NAME =
            Map.ofEntries(
                    entry("Owner", PrivilegeTier.ADMIN, "full control and can grant access"),
                    entry("User Access Administrator", PrivilegeTier.ADMIN, "can grant any role"),
                    entry(
                            "Role Based Access Control Administrator",
                            PrivilegeTier.ADMIN,
                            "can grant any role"),
                    entry("Contributor", PrivilegeTier.HIGH, "full control of resources"),
                    entry("Key Vault Secrets Officer", PrivilegeTier.HIGH, "manages secrets"),
                    entry("Key Vault Secrets User", PrivilegeTier.HIGH, "reads secret values"),
                    entry(
                            "Storage Account Key Operator Service Role",
                            PrivilegeTier.HIGH,
                            "lists and rotates storage keys"),
                    entry("Storage Account Key Operator", PrivilegeTier.HIGH, "lists storage keys"),
                    entry("Reader", PrivilegeTier.READ, "read-only access"));

    private AzureRbacRoles() {}

    /**
     * The role of a definition id ({@code /subscriptions/<s>/providers/Microsoft.Authorization/
     * roleDefinitions/<guid>} or the bare GUID).
     */
    static Assessment ofDefinition(String roleDefinitionId) {
        String id = roleDefinitionId.trim();
        String guid = id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String name = BUILT_IN.get(guid);
        if (name == null) {
            return new Assessment(null, PrivilegeTier.WRITE, "custom or unlisted role");
        }
        return ofName(name);
    }

    /** The role of a name, in any case. */
    static Assessment ofName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Assessment known = BY_NAME.get(key);
        if (known != null) {
            return known;
        }
        if (key.endsWith(" reader") || key.endsWith(" readers")) {
            return new Assessment(name.trim(), PrivilegeTier.READ, "read-only access");
        }
        return new Assessment(name.trim(), PrivilegeTier.WRITE, "no known privileged scope");
    }

    private static Map.Entry<String, Assessment> entry(
            String name, PrivilegeTier tier, String reason) {
        return Map.entry(name.toLowerCase(Locale.ROOT), new Assessment(name, tier, reason));
    }
}
