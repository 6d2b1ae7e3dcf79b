package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.fingerprint.SecretIds;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The output of {@code kubectl get
 * serviceaccounts,secrets,roles,clusterroles,rolebindings,clusterrolebindings -A -o json}: a {@code
 * List} (or a typed list such as {@code ServiceAccountList}, whose items may omit their kind, or
 * one object per line) of mixed kinds, all at the time of the file.
 *
 * <ul>
 *   <li>ServiceAccounts: {@code OBSERVED}, with trust and owner facts ({@link
 *       ServiceAccountFacts}).
 *   <li>Secrets: legacy token Secrets {@code OBSERVED}, credentials in other Secrets {@code
 *       STORED_AT} ({@link SecretFacts}).
 *   <li>RoleBindings and ClusterRoleBindings: {@code GRANTED} to each service account they name, on
 *       {@code clusterrole:<name>} or {@code role:<ns>/<name>}, in the binding's namespace (or
 *       {@code *}), tiered by the role's rules when the role is in the same listing, else by its
 *       name ({@link RbacTiers}).
 *   <li>Roles and ClusterRoles only tier the bindings; other kinds are passed over.
 * </ul>
 *
 * <p>A listing states every grant of the cluster's service accounts, and its events carry {@code
 * snapshot=full}, when it holds at least one RoleBinding and one ClusterRoleBinding, its namespaced
 * objects come from two namespaces or more, and it is not one page of many ({@code
 * metadata.continue}). That is the shape of a cluster-wide {@code -A} listing, which every cluster
 * fills with its {@code kube-system} bindings; a listing of one namespace ({@code -n}) never
 * counts, nor does a file with one object per line. Grants through groups ({@code
 * system:serviceaccounts:<ns>}) are not read, so a full listing can understate an account's
 * privilege through them.
 *
 * <p>The cluster is the folder below the format folder, else a top-level {@code cluster} field,
 * else {@value K8sClusters#DEFAULT} ({@link K8sClusters}).
 */
@Internal
public final class K8sServiceAccountsParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "k8s-serviceaccounts";

    private final SecretIds secretIds;

    public K8sServiceAccountsParser(Fingerprinter fingerprinter) {
        this.secretIds = new SecretIds(fingerprinter);
    }

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        List<K8sObject> items = items(root, events);
        if (items == null) {
            return;
        }
        String cluster =
                K8sClusters.of(null, record.getOrigin(), SOURCE, Json.text(root, "cluster"));
        RbacListing rbac = RbacListing.of(items, root);
        for (K8sObject item : items) {
            switch (item.kind()) {
                case "ServiceAccount" ->
                        ServiceAccountFacts.emit(item.node(), cluster, rbac.full(), events);
                case "Secret" -> SecretFacts.emit(item.node(), cluster, secretIds, events);
                case RbacBindings.ROLE_BINDING, RbacBindings.CLUSTER_ROLE_BINDING ->
                        binding(item, cluster, rbac, events);
                default -> {}
            }
        }
    }

    /** The objects of the record with their kinds, or null when it holds none it can read. */
    private static List<K8sObject> items(JsonNode root, ListingEvents events) {
        List<K8sObject> items = new ArrayList<>();
        JsonNode elements;
        String defaultKind = null;
        if (root.isArray()) {
            elements = root;
        } else if (root.isObject() && root.has("items")) {
            elements = root.get("items");
            if (!elements.isArray()) {
                events.reject(
                        "the items of a Kubernetes list are not an array",
                        K8sPayloads.secret(root));
                return null;
            }
            String listKind = Json.text(root, "kind");
            if (listKind != null && listKind.endsWith("List") && !listKind.equals("List")) {
                defaultKind = listKind.substring(0, listKind.length() - "List".length());
            }
        } else if (root.isObject() && Json.text(root, "kind") != null) {
            return List.of(new K8sObject(root, Json.text(root, "kind")));
        } else {
            events.reject(
                    "the record is neither a Kubernetes object nor a list of them",
                    root.isObject() ? K8sPayloads.secret(root) : new byte[0]);
            return null;
        }
        for (JsonNode element : elements) {
            String kind = element.isObject() ? Json.text(element, "kind") : null;
            if (kind == null) {
                kind = defaultKind;
            }
            if (!element.isObject()) {
                events.reject(
                        "an item of a Kubernetes list is not an object",
                        element.isContainerNode() ? K8sPayloads.secret(element) : new byte[0]);
            } else if (kind == null) {
                events.reject(
                        "an item of a Kubernetes list has no kind", K8sPayloads.secret(element));
            } else {
                items.add(new K8sObject(element, kind));
            }
        }
        return items;
    }

    private static void binding(
            K8sObject item, String cluster, RbacListing rbac, ListingEvents events) {
        RbacBindings.Binding binding;
        try {
            binding = RbacBindings.read(item.node(), item.kind(), null);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), K8sPayloads.redacted(item.node()));
            return;
        }
        for (String problem : binding.problems()) {
            events.reject(problem, K8sPayloads.redacted(item.node()));
        }
        RbacTiers.Assessment a =
                RbacTiers.of(binding.roleName(), rbac.rules(binding.roleResource()));
        for (K8sNames.ServiceAccount grantee : binding.grantees()) {
            String id = grantee.id(cluster);
            events.emit(
                    events.next(
                                    EventKind.GRANTED,
                                    id,
                                    binding.kind(),
                                    binding.scope(),
                                    binding.name(),
                                    binding.roleResource())
                            .identity(id)
                            .resource(binding.roleResource())
                            .attribute(Attributes.PRIVILEGE, a.tier().label())
                            .attribute(Attributes.PRIVILEGE_REASON, a.reason())
                            .attribute(Attributes.RESOURCES, binding.scope())
                            .attribute(Attributes.ACCOUNT, cluster)
                            .attribute(Attributes.SNAPSHOT, rbac.full() ? Attributes.FULL : null));
        }
    }
}
