package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.PrivilegeTier;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The privilege tier a Kubernetes Role or ClusterRole gives, from its rules or, for a role known
 * only by name, from the built-in role names.
 *
 * <ul>
 *   <li>{@code admin}: {@code cluster-admin}, or a rule with every verb on every resource of every
 *       API group.
 *   <li>{@code high}: the verbs {@code escalate}, {@code bind} or {@code impersonate}; reading
 *       secrets ({@code get}, {@code list}, {@code watch}); creating pods, exec or attach sessions,
 *       workload controllers that create pods, or service account tokens; every verb on any
 *       resource; the built-in {@code admin} and {@code edit} roles (both read secrets).
 *   <li>{@code write}: any other verb that changes something; a custom role known only by name.
 *   <li>{@code read}: only {@code get}, {@code list} and {@code watch}; the built-in {@code view}.
 * </ul>
 *
 * <p>{@code resourceNames} restrictions are not evaluated, so a tier can overstate, never
 * understate, what a role allows. A role with no rules allows nothing ({@code none}).
 */
@Internal
public final class RbacTiers {

    /** The tier a role gives and why. */
    public record Assessment(PrivilegeTier tier, String reason) {}

    private static final int MAX_NAME_IN_REASON = 128;

    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    private static final Set<String> ESCALATION_VERBS = Set.of("escalate", "bind", "impersonate");

    /** What a principal that can create these can run, or mint, as someone else. */
    private static final Set<String> POWERFUL_CREATES =
            Set.of(
                    "pods",
                    "pods/exec",
                    "pods/attach",
                    "deployments",
                    "replicasets",
                    "statefulsets",
                    "daemonsets",
                    "jobs",
                    "cronjobs",
                    "replicationcontrollers",
                    "serviceaccounts/token");

    private RbacTiers() {}

    /**
     * The tier of a role: from its rules when they are known (not null), else from its name. {@code
     * cluster-admin} is admin whatever its rules say.
     */
    public static Assessment of(String roleName, JsonNode rules) {
        if ("cluster-admin".equals(roleName)) {
            return new Assessment(PrivilegeTier.ADMIN, "cluster-admin");
        }
        return rules == null ? ofName(roleName) : ofRules(rules);
    }

    /** The tier of a role known only by name: a built-in role, else a custom one. */
    public static Assessment ofName(String roleName) {
        String name = roleName == null ? "" : roleName;
        switch (name) {
            case "cluster-admin":
                return new Assessment(PrivilegeTier.ADMIN, "cluster-admin");
            case "admin":
                return new Assessment(PrivilegeTier.HIGH, "built-in role admin");
            case "edit":
                return new Assessment(PrivilegeTier.HIGH, "built-in role edit, reads secrets");
            case "view":
                return new Assessment(PrivilegeTier.READ, "built-in role view");
            default:
                return new Assessment(
                        PrivilegeTier.WRITE,
                        "custom role "
                                + (name.length() > MAX_NAME_IN_REASON
                                        ? name.substring(0, MAX_NAME_IN_REASON)
                                        : name));
        }
    }

    /** The tier of a list of policy rules: the highest any rule gives. */
    public static Assessment ofRules(JsonNode rules) {
        Assessment best = new Assessment(PrivilegeTier.NONE, "no rules");
        if (rules == null || !rules.isArray()) {
            return best;
        }
        for (JsonNode rule : rules) {
            Assessment a = ofRule(rule);
            if (a.tier().compareTo(best.tier()) > 0) {
                best = a;
            }
        }
        return best;
    }

    private static Assessment ofRule(JsonNode rule) {
        Set<String> verbs = strings(rule, "verbs");
        Set<String> resources = strings(rule, "resources");
        Set<String> groups = strings(rule, "apiGroups");
        boolean allVerbs = verbs.contains("*");
        if (verbs.isEmpty()) {
            return new Assessment(PrivilegeTier.NONE, "no rules");
        }
        if (resources.isEmpty()) {
            // Only non-resource URLs (/healthz, /metrics...), or nothing at all.
            return onlyReads(verbs)
                    ? new Assessment(PrivilegeTier.READ, "read-only")
                    : new Assessment(PrivilegeTier.WRITE, "changes non-resource URLs");
        }
        if (allVerbs && resources.contains("*") && groups.contains("*")) {
            return new Assessment(PrivilegeTier.ADMIN, "all verbs on all resources");
        }
        if (allVerbs || verbs.stream().anyMatch(ESCALATION_VERBS::contains)) {
            if (!allVerbs) {
                return new Assessment(PrivilegeTier.HIGH, "can escalate, bind or impersonate");
            }
            return new Assessment(
                    PrivilegeTier.HIGH, "all verbs on " + first(resources, "resources"));
        }
        boolean anyResource = resources.contains("*");
        if ((anyResource || resources.contains("secrets"))
                && verbs.stream().anyMatch(READ_VERBS::contains)) {
            return new Assessment(PrivilegeTier.HIGH, "reads secrets");
        }
        if (verbs.contains("create")) {
            if (anyResource) {
                return new Assessment(PrivilegeTier.HIGH, "can create any resource");
            }
            for (String resource : resources) {
                if (POWERFUL_CREATES.contains(resource)) {
                    return new Assessment(PrivilegeTier.HIGH, "can create " + resource);
                }
            }
        }
        if (!onlyReads(verbs)) {
            return new Assessment(
                    PrivilegeTier.WRITE, "can change " + first(resources, "resources"));
        }
        return new Assessment(PrivilegeTier.READ, "read-only");
    }

    private static boolean onlyReads(Set<String> verbs) {
        return READ_VERBS.containsAll(verbs);
    }

    private static String first(Set<String> values, String fallback) {
        for (String value : values) {
            return value.length() > MAX_NAME_IN_REASON
                    ? value.substring(0, MAX_NAME_IN_REASON)
                    : value;
        }
        return fallback;
    }

    /** The lower-case strings of an array field; none when it is missing or not an array. */
    private static Set<String> strings(JsonNode rule, String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode values = rule == null ? null : rule.get(field);
        if (values != null && values.isArray()) {
            for (JsonNode value : values) {
                if (value.isTextual()) {
                    out.add(value.asText().trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
