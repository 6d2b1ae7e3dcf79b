package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * Reads a RoleBinding or ClusterRoleBinding, as listings and audit request bodies carry it: the
 * role it grants and the service accounts it grants it to.
 *
 * <p>Service accounts are subjects of kind {@code ServiceAccount} (whose namespace defaults to the
 * binding's), and subjects of kind {@code User} named by a service account's user name, which RBAC
 * matches the same way. Groups, including every service account of a namespace ({@code
 * system:serviceaccounts:<ns>}), and users are not read.
 */
@Internal
public final class RbacBindings {

    public static final String ROLE_BINDING = "RoleBinding";
    public static final String CLUSTER_ROLE_BINDING = "ClusterRoleBinding";

    /**
     * A binding: its kind, namespace (null for a ClusterRoleBinding) and name, its role, the
     * service accounts it names, and the reasons of the subjects it could not read.
     */
    public record Binding(
            String kind,
            String namespace,
            String name,
            String roleKind,
            String roleName,
            List<K8sNames.ServiceAccount> grantees,
            List<String> problems) {

        /** What is granted: {@code clusterrole:<name>}, or {@code role:<ns>/<name>}. */
        public String roleResource() {
            return "ClusterRole".equals(roleKind)
                    ? "clusterrole:" + roleName
                    : "role:" + namespace + "/" + roleName;
        }

        /** Where the grant applies: the binding's namespace, or {@code *} for the cluster. */
        public String scope() {
            return namespace == null ? "*" : namespace;
        }
    }

    private RbacBindings() {}

    /**
     * Reads a binding of {@code kind}; {@code namespace} is the one its request or listing names
     * when the object itself does not. Throws when it has no name, no namespace (for a RoleBinding)
     * or no readable roleRef.
     */
    public static Binding read(JsonNode binding, String kind, String namespace)
            throws MalformedRecordException {
        String what = "a " + kind;
        JsonNode metadata = Json.object(binding, "metadata");
        String name = Json.text(metadata, "name");
        if (!K8sNames.isRbacName(name)) {
            throw new MalformedRecordException(what + " has no metadata.name that is a name");
        }
        String ns = null;
        if (ROLE_BINDING.equals(kind)) {
            ns = Json.text(metadata, "namespace");
            if (ns == null) {
                ns = namespace;
            }
            if (!K8sNames.isName(ns)) {
                throw new MalformedRecordException(what + " has no namespace that is a name");
            }
        }
        JsonNode roleRef = Json.object(binding, "roleRef");
        String roleKind = Json.text(roleRef, "kind");
        String roleName = Json.text(roleRef, "name");
        if (!K8sNames.isRbacName(roleName)) {
            throw new MalformedRecordException(what + " has no roleRef with a name");
        }
        if (!"ClusterRole".equals(roleKind)
                && !("Role".equals(roleKind) && ROLE_BINDING.equals(kind))) {
            throw new MalformedRecordException(
                    what + " has a roleRef whose kind is neither ClusterRole nor Role");
        }
        List<K8sNames.ServiceAccount> grantees = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode subjects = binding.get("subjects");
        if (subjects != null && !subjects.isNull() && !subjects.isArray()) {
            problems.add("the subjects of " + what + " are not an array");
        } else if (subjects != null) {
            for (JsonNode subject : subjects) {
                grantee(subject, ns, what, grantees, problems);
            }
        }
        return new Binding(kind, ns, name, roleKind, roleName, grantees, problems);
    }

    private static void grantee(
            JsonNode subject,
            String bindingNamespace,
            String what,
            List<K8sNames.ServiceAccount> grantees,
            List<String> problems) {
        String kind = Json.text(subject, "kind");
        String name = Json.text(subject, "name");
        if ("User".equals(kind)) {
            K8sNames.ServiceAccount account = K8sNames.serviceAccount(name);
            if (account != null) {
                grantees.add(account);
            }
            return;
        }
        if (!"ServiceAccount".equals(kind)) {
            return;
        }
        String ns = Json.text(subject, "namespace");
        if (ns == null) {
            ns = bindingNamespace;
        }
        if (!K8sNames.isName(name) || !K8sNames.isName(ns)) {
            problems.add(
                    "a ServiceAccount subject of "
                            + what
                            + " has no name or namespace that is a"
                            + " name");
            return;
        }
        grantees.add(new K8sNames.ServiceAccount(ns, name));
    }
}
