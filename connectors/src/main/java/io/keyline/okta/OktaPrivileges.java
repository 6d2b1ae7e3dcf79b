package io.keyline.okta;

import io.keyline.model.PrivilegeTier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * The privilege tier of Okta admin roles and of Okta API scopes granted to OAuth service apps.
 *
 * <ul>
 *   <li>{@code admin}: the super and organization administrator roles, and the scope {@code
 *       okta.roles.manage}, with which an app can assign itself any role.
 *   <li>{@code high}: the application, group (user), help desk, group membership and API access
 *       management administrator roles, which control users, their credentials or apps; any other
 *       {@code okta.<resource>.manage} scope.
 *   <li>{@code write}: the mobile administrator role, roles Keyline does not know (custom roles may
 *       grant anything, so they are never taken as read-only), and other {@code okta.*} scopes that
 *       change data ({@code okta.users.manage.self}).
 *   <li>{@code read}: the read-only and report administrator roles, {@code okta.*.read} scopes.
 * </ul>
 *
 * <p>Roles are matched by the names the System Log writes ({@code Super administrator}, {@code
 * Application administrator (all)}) and by the role types of the Roles API ({@code SUPER_ADMIN}).
 * Scopes of custom authorization servers have no tier Keyline can know.
 */
@Internal
public final class OktaPrivileges {

    /** A tier and why. */
    public record Assessment(PrivilegeTier tier, String reason) {}

    private static final Map<String, Assessment> ROLES =
            Map.ofEntries(
                    role("super admin", PrivilegeTier.ADMIN, "Okta super administrator"),
                    role("org admin", PrivilegeTier.ADMIN, "Okta organization administrator"),
                    role(
                            "organization admin",
                            PrivilegeTier.ADMIN,
                            "Okta organization administrator"),
                    role("app admin", PrivilegeTier.HIGH, "manages apps and their sign-on"),
                    role("application admin", PrivilegeTier.HIGH, "manages apps and their sign-on"),
                    role("group admin", PrivilegeTier.HIGH, "manages users and credentials"),
                    role("user admin", PrivilegeTier.HIGH, "manages users and credentials"),
                    role(
                            "api access management admin",
                            PrivilegeTier.HIGH,
                            "manages authorization servers"),
                    role("help desk admin", PrivilegeTier.HIGH, "resets passwords and factors"),
                    role("help desk", PrivilegeTier.HIGH, "resets passwords and factors"),
                    role("group membership admin", PrivilegeTier.HIGH, "changes group memberships"),
                    role("mobile admin", PrivilegeTier.WRITE, "manages devices"),
                    role("read only admin", PrivilegeTier.READ, "read-only administrator"),
                    role("report admin", PrivilegeTier.READ, "reads reports and logs"));

    private static final Assessment UNKNOWN_ROLE =
            new Assessment(PrivilegeTier.WRITE, "an Okta admin role Keyline does not rank");

    private static final Pattern MANAGE_SCOPE = Pattern.compile("^okta\\.[A-Za-z]+\\.manage$");
    private static final Pattern READ_SCOPE =
            Pattern.compile("^okta\\.[A-Za-z.]+\\.read(\\.self)?$");
    private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");

    private OktaPrivileges() {}

    /** The tier of an admin role, by name or role type. */
    public static Assessment ofRole(String role) {
        String key = PARENTHESES.matcher(role.toLowerCase(Locale.ROOT)).replaceAll(" ");
        key = SEPARATORS.matcher(key).replaceAll(" ").trim().replace("administrator", "admin");
        Assessment known = ROLES.get(key);
        return known != null ? known : UNKNOWN_ROLE;
    }

    /** The tier of an Okta API scope, or null for a scope that is not one of Okta's own. */
    public static Assessment ofScope(String scope) {
        if (scope.equals("okta.roles.manage")) {
            return new Assessment(PrivilegeTier.ADMIN, "assigns admin roles, its own included");
        }
        if (MANAGE_SCOPE.matcher(scope).matches()) {
            return new Assessment(PrivilegeTier.HIGH, "manages an Okta resource type");
        }
        if (READ_SCOPE.matcher(scope).matches()) {
            return new Assessment(PrivilegeTier.READ, "reads an Okta resource type");
        }
        if (scope.startsWith("okta.") && scope.contains(".manage")) {
            return new Assessment(PrivilegeTier.WRITE, "changes Okta data");
        }
        return null;
    }

    /**
     * The roles of a System Log list such as {@code Organization administrator, Application
     * administrator (all)}: trimmed, without empty or repeated entries.
     */
    static List<String> roles(String list) {
        return split(list, ",");
    }

    /** The scopes of a list separated by commas or spaces, without empty or repeated entries. */
    static List<String> scopes(String list) {
        return split(list, "[,\\s]");
    }

    private static List<String> split(String list, String separator) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            for (String part : list.split(separator)) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static Map.Entry<String, Assessment> role(
            String key, PrivilegeTier tier, String reason) {
        return Map.entry(key, new Assessment(tier, reason));
    }
}
