package io.keyline.azure;

import io.keyline.model.PrivilegeTier;
import java.util.Locale;
import java.util.Map;

/**
 * The privilege tier of an Entra ID directory role ({@code Global Administrator}) or Microsoft
 * Graph application permission ({@code Application.ReadWrite.All}) granted to a service principal:
 *
 * <ul>
 *   <li>{@code admin}: roles and permissions that reach everything or can grant themselves more
 *       (Global, Privileged Role and Privileged Authentication Administrator, {@code
 *       RoleManagement.ReadWrite.Directory}, {@code AppRoleAssignment.ReadWrite.All});
 *   <li>{@code high}: control of every application's credentials, of the directory, of users or of
 *       groups (Application and Cloud Application Administrator, User and Groups Administrator,
 *       {@code Application.ReadWrite.All}, {@code Directory.ReadWrite.All});
 *   <li>{@code read}: permissions that end in {@code .Read.All} and reader roles;
 *   <li>{@code write}: everything else.
 * </ul>
 */
final class EntraRoles {

    /** The tier of a role or permission and why, in a few words. */
    record Assessment(PrivilegeTier tier, String reason) {}

    private static final Map<String, Assessment> KNOWN =
            Map.ofEntries(
                    admin("Global Administrator", "full control of the tenant"),
                    admin("Privileged Role Administrator", "can assign any directory role"),
                    admin(
                            "Privileged Authentication Administrator",
                            "can reset the credentials of any administrator"),
                    admin("RoleManagement.ReadWrite.Directory", "can assign any directory role"),
                    admin(
                            "AppRoleAssignment.ReadWrite.All",
                            "can grant any application permission, to itself too"),
                    high("Application Administrator", "manages the credentials of every app"),
                    high("Cloud Application Administrator", "manages the credentials of every app"),
                    high("Application.ReadWrite.All", "can add credentials to every app"),
                    high("Directory.ReadWrite.All", "can change any directory object"),
                    high("User Administrator", "manages users and their passwords"),
                    high("Groups Administrator", "manages every group and its members"));

    private EntraRoles() {}

    /** The tier of a directory role name or application permission value, in any case. */
    static Assessment assess(String role) {
        String key = role.trim().toLowerCase(Locale.ROOT);
        Assessment known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        if (key.endsWith(".read.all") || key.endsWith(" reader") || key.endsWith(" readers")) {
            return new Assessment(PrivilegeTier.READ, "read-only access");
        }
        return new Assessment(PrivilegeTier.WRITE, "no known privileged scope");
    }

    private static Map.Entry<String, Assessment> admin(String name, String reason) {
        return Map.entry(
                name.toLowerCase(Locale.ROOT), new Assessment(PrivilegeTier.ADMIN, reason));
    }

    private static Map.Entry<String, Assessment> high(String name, String reason) {
        return Map.entry(name.toLowerCase(Locale.ROOT), new Assessment(PrivilegeTier.HIGH, reason));
    }
}
