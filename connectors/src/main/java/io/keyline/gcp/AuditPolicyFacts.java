package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import java.util.Locale;

/**
 * What a {@code SetIamPolicy} call of any service (Cloud Storage's {@code
 * storage.setIamPermissions} too) says: the binding deltas it logs ({@code
 * serviceData.policyDelta.bindingDeltas}, or under {@code metadata}, as BigQuery does in {@code
 * datasetChange}) each add or remove one member's role. A service account member is {@code GRANTED}
 * the role on the call's resource, or loses it ({@code revoked}); on a service account's own
 * policy, a member given a role to act as it is a principal it trusts. Where a service logs no
 * deltas, the bindings of the policy in the request are read as additions: removals are then not
 * seen.
 */
final class AuditPolicyFacts {

    /** Cloud Storage's name for setting a bucket's policy. */
    private static final String STORAGE_SET_IAM = "storage.setIamPermissions";

    /** How deep below {@code serviceData} or {@code metadata} binding deltas are looked for. */
    private static final int MAX_DEPTH = 3;

    private AuditPolicyFacts() {}

    static void emit(AuditEntry e) {
        if (!e.shortMethod.toLowerCase(Locale.ROOT).equals("setiampolicy")
                && !e.method.equals(STORAGE_SET_IAM)) {
            return;
        }
        String resource = e.resourceName;
        if (resource == null) {
            e.reject("a " + e.shortMethod + " entry has no resourceName");
            return;
        }
        JsonNode deltas = deltas(e.payload.get("serviceData"), 0);
        if (deltas == null) {
            deltas = deltas(e.metadata, 0);
        }
        if (deltas != null) {
            for (JsonNode delta : deltas) {
                delta(e, resource, delta);
            }
            return;
        }
        JsonNode bindings = Json.object(e.request, "policy");
        bindings = bindings == null ? null : bindings.get("bindings");
        if (bindings != null && bindings.isArray()) {
            for (JsonNode binding : bindings) {
                binding(e, resource, binding);
            }
        }
    }

    private static void delta(AuditEntry e, String resource, JsonNode delta) {
        String what = "a binding delta of a " + e.shortMethod + " entry";
        if (!delta.isObject()) {
            e.reject(what + " is not an object", delta);
            return;
        }
        String action = Json.text(delta, "action");
        String role = Json.text(delta, "role");
        String member = Json.text(delta, "member");
        if (role == null || member == null) {
            e.reject(what + " has no role or no member", delta);
            return;
        }
        if (!"ADD".equals(action) && !"REMOVE".equals(action)) {
            e.reject(what + " has an action that is neither ADD nor REMOVE", delta);
            return;
        }
        if (role.length() > GcpBindings.MAX_ROLE) {
            e.reject("the role of " + what + " is longer than " + GcpBindings.MAX_ROLE, delta);
            return;
        }
        member(e, resource, role, member.trim(), action.equals("REMOVE"));
    }

    private static void binding(AuditEntry e, String resource, JsonNode binding) {
        String what = "a binding of the policy of a " + e.shortMethod + " request";
        String role = Json.text(binding, "role");
        JsonNode members = binding.get("members");
        if (!binding.isObject() || role == null || members == null || !members.isArray()) {
            e.reject(what + " has no role or no list of members", binding);
            return;
        }
        if (role.length() > GcpBindings.MAX_ROLE) {
            e.reject("the role of " + what + " is longer than " + GcpBindings.MAX_ROLE, binding);
            return;
        }
        for (JsonNode member : members) {
            if (member.isTextual()) {
                member(e, resource, role, member.asText().trim(), false);
            }
        }
    }

    private static void member(
            AuditEntry e, String resource, String role, String member, boolean revoked) {
        String grantee = GcpBindings.grantee(member);
        if (grantee != null) {
            e.emit(
                    GcpBindings.grant(
                            e.change(EventKind.GRANTED).identity(grantee),
                            resource,
                            role,
                            revoked));
        }
        String actedAs = revoked ? null : GcpBindings.actedAs(resource, role);
        String trusted = actedAs == null ? null : GcpBindings.trusted(member);
        if (trusted != null && !trusted.equals(actedAs)) {
            e.emit(
                    e.next(EventKind.TRUSTS)
                            .identity(actedAs)
                            .resource(trusted)
                            .attribute(Attributes.TRUST_SOURCE, "policy"));
        }
    }

    /** The first {@code bindingDeltas} array at or below a node, or null. */
    private static JsonNode deltas(JsonNode node, int depth) {
        if (node == null || !node.isObject() || depth > MAX_DEPTH) {
            return null;
        }
        JsonNode here = node.get("bindingDeltas");
        if (here != null && here.isArray()) {
            return here;
        }
        for (JsonNode child : node) {
            JsonNode found = deltas(child, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
