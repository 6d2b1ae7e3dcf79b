package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Kubernetes listing says about RBAC as a whole: the rules of the Roles and ClusterRoles it
 * holds, by the resource a binding grants ({@code clusterrole:<name>}, {@code role:<ns>/<name>}),
 * and whether it states every binding of the cluster (see {@link K8sServiceAccountsParser}).
 */
final class RbacListing {

    private final Map<String, JsonNode> rules;
    private final boolean full;

    private RbacListing(Map<String, JsonNode> rules, boolean full) {
        this.rules = rules;
        this.full = full;
    }

    static RbacListing of(List<K8sObject> objects, JsonNode root) {
        Map<String, JsonNode> rules = new HashMap<>();
        Set<String> namespaces = new HashSet<>();
        boolean roleBinding = false;
        boolean clusterRoleBinding = false;
        for (K8sObject object : objects) {
            JsonNode metadata = Json.object(object.node(), "metadata");
            String name = Json.text(metadata, "name");
            String namespace = Json.text(metadata, "namespace");
            if (namespace != null) {
                namespaces.add(namespace);
            }
            switch (object.kind()) {
                case "ClusterRole" -> rules.put("clusterrole:" + name, rulesOf(object.node()));
                case "Role" -> rules.put("role:" + namespace + "/" + name, rulesOf(object.node()));
                case RbacBindings.ROLE_BINDING -> roleBinding = true;
                case RbacBindings.CLUSTER_ROLE_BINDING -> clusterRoleBinding = true;
                default -> {}
            }
        }
        boolean list = root.isObject() && root.has("items");
        boolean onePage = Json.text(root, "metadata", "continue") == null;
        return new RbacListing(
                rules,
                list && onePage && roleBinding && clusterRoleBinding && namespaces.size() >= 2);
    }

    /** A role's rules; an empty array for a role that has none (it allows nothing). */
    private static JsonNode rulesOf(JsonNode role) {
        JsonNode value = role.get("rules");
        return value != null && value.isArray() ? value : Json.MAPPER.createArrayNode();
    }

    /** The rules of the role a binding grants, or null when the listing does not hold it. */
    JsonNode rules(String roleResource) {
        return rules.get(roleResource);
    }

    /** True when the listing states every binding of the cluster. */
    boolean full() {
        return full;
    }
}
