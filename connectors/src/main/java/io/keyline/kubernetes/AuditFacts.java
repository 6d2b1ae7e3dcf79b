package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Consumer;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;

/**
 * What one Kubernetes API request says about the estate: a service account's request is a {@code
 * USED} fact of that account; a successful request that creates or deletes a service account, a
 * service account token Secret, or a binding that names service accounts is a {@code CREATED},
 * {@code DELETED} or {@code GRANTED} fact with the caller as its actor. Requests of control-plane
 * components ({@code system:...}) change nothing here: the controllers only carry out what someone
 * else asked for.
 *
 * <p>The objects a change creates or deletes are known only from the request and response bodies,
 * which the API server logs at the {@code Request} and {@code RequestResponse} audit levels; at the
 * {@code Metadata} level a binding's subjects and a Secret's type are unknown, and such a change
 * yields no fact beyond the use.
 */
final class AuditFacts {

    /** The id of a bound token ({@code JTI=...}); tokens are minted for minutes, so not an id. */
    static final String TOKEN_ID = "tokenId";

    private static final String TOKEN_SECRET_TYPE = "kubernetes.io/service-account-token";
    private static final String TOKEN_SA_ANNOTATION = "kubernetes.io/service-account.name";

    private AuditFacts() {}

    static void emit(AuditRequest r) {
        K8sNames.ServiceAccount account = K8sNames.serviceAccount(r.caller.username());
        if (account != null) {
            r.emit(use(r, account));
        }
        if (r.failed()
                || K8sNames.isComponent(r.caller.username())
                || r.target.resource() == null
                || r.target.subresource() != null) {
            return;
        }
        switch (r.target.resource() + " " + r.verb) {
            case "serviceaccounts create" -> serviceAccount(r, EventKind.CREATED);
            case "serviceaccounts delete" -> serviceAccount(r, EventKind.DELETED);
            case "secrets create" -> tokenSecret(r, EventKind.CREATED, r.requestObject);
            case "secrets delete" -> tokenSecret(r, EventKind.DELETED, r.responseObject);
            case "rolebindings create" -> binding(r, RbacBindings.ROLE_BINDING, false);
            case "rolebindings delete" -> binding(r, RbacBindings.ROLE_BINDING, true);
            case "clusterrolebindings create" ->
                    binding(r, RbacBindings.CLUSTER_ROLE_BINDING, false);
            case "clusterrolebindings delete" ->
                    binding(r, RbacBindings.CLUSTER_ROLE_BINDING, true);
            default -> {}
        }
    }

    private static IdentityEvent use(AuditRequest r, K8sNames.ServiceAccount account) {
        AuditRequest.Caller c = r.caller;
        String workload =
                K8sNames.isName(c.podName())
                        ? "pod:" + account.namespace() + "/" + c.podName()
                        : null;
        IdentityEvent used =
                r.next(EventKind.USED)
                        .identity(account.id(r.cluster))
                        .resource(r.target.describe())
                        .action(r.verb)
                        .attribute(
                                Attributes.ERROR_CODE, r.failed() ? String.valueOf(r.code) : null)
                        .attribute(TOKEN_ID, c.tokenId());
        if (c.sourceIp() != null || c.userAgent() != null || workload != null) {
            used.consumer(new Consumer(c.sourceIp(), c.userAgent(), workload));
        }
        if (c.legacyTokenSecret() != null) {
            used.credential(
                    CanonicalIds.k8sServiceAccountToken(
                            r.cluster, account.namespace(), c.legacyTokenSecret()),
                    CredentialTypes.K8S_SA_TOKEN);
        }
        if (c.impersonator() != null) {
            used.attribute(Attributes.ACTOR_PRINCIPAL, K8sNames.actor(c.impersonator(), r.cluster));
        }
        return used;
    }

    private static void serviceAccount(AuditRequest r, EventKind kind) {
        String name = objectName(r);
        String namespace = objectNamespace(r);
        if (!K8sNames.isName(name) || !K8sNames.isName(namespace)) {
            r.reject("a " + r.verb + " of serviceaccounts names no service account and namespace");
            return;
        }
        IdentityEvent event =
                change(r, kind)
                        .identity(new K8sNames.ServiceAccount(namespace, name).id(r.cluster));
        if (kind == EventKind.CREATED) {
            event.attribute(Attributes.IDENTITY_TYPE, ServiceAccountFacts.IDENTITY_TYPE)
                    .attribute(Attributes.NAME, name);
        }
        r.emit(event);
    }

    /** A service account token Secret, when the body that shows its type is logged. */
    private static void tokenSecret(AuditRequest r, EventKind kind, JsonNode secret) {
        if (secret == null || !TOKEN_SECRET_TYPE.equals(Json.text(secret, "type"))) {
            return;
        }
        String name = objectName(r);
        String namespace = objectNamespace(r);
        if (!K8sNames.isName(name) || !K8sNames.isName(namespace)) {
            r.reject("a " + r.verb + " of a service account token Secret names no Secret");
            return;
        }
        String owner = Json.text(secret, "metadata", "annotations", TOKEN_SA_ANNOTATION);
        r.emit(
                change(r, kind)
                        .credential(
                                CanonicalIds.k8sServiceAccountToken(r.cluster, namespace, name),
                                CredentialTypes.K8S_SA_TOKEN)
                        .identity(
                                K8sNames.isName(owner)
                                        ? new K8sNames.ServiceAccount(namespace, owner)
                                                .id(r.cluster)
                                        : null));
    }

    /** The grants a created or deleted binding gives or takes from service accounts. */
    private static void binding(AuditRequest r, String kind, boolean revoked) {
        JsonNode body = bindingBody(r.requestObject);
        if (body == null) {
            body = bindingBody(r.responseObject);
        }
        if (body == null) {
            return;
        }
        RbacBindings.Binding binding;
        try {
            binding = RbacBindings.read(body, kind, r.target.namespace());
        } catch (MalformedRecordException e) {
            r.reject(e.getMessage());
            return;
        }
        binding.problems().forEach(r::reject);
        for (K8sNames.ServiceAccount grantee : binding.grantees()) {
            IdentityEvent event =
                    change(r, EventKind.GRANTED)
                            .identity(grantee.id(r.cluster))
                            .resource(binding.roleResource());
            if (revoked) {
                event.attribute(Attributes.REVOKED, "true");
            } else {
                RbacTiers.Assessment a = RbacTiers.ofName(binding.roleName());
                event.attribute(Attributes.PRIVILEGE, a.tier().label())
                        .attribute(Attributes.PRIVILEGE_REASON, a.reason())
                        .attribute(Attributes.RESOURCES, binding.scope());
            }
            r.emit(event);
        }
    }

    /** A body that is a binding, or null (a delete's options, a Status, nothing logged). */
    private static JsonNode bindingBody(JsonNode body) {
        return body != null && body.has("roleRef") ? body : null;
    }

    private static IdentityEvent change(AuditRequest r, EventKind kind) {
        IdentityEvent event = r.next(kind).actor(K8sNames.actor(r.caller.username(), r.cluster));
        if (r.caller.impersonator() != null) {
            event.attribute(
                    Attributes.ACTOR_PRINCIPAL, K8sNames.actor(r.caller.impersonator(), r.cluster));
        }
        return event;
    }

    private static String objectName(AuditRequest r) {
        if (r.target.name() != null) {
            return r.target.name();
        }
        String name = Json.text(r.requestObject, "metadata", "name");
        return name != null ? name : Json.text(r.responseObject, "metadata", "name");
    }

    private static String objectNamespace(AuditRequest r) {
        if (r.target.namespace() != null) {
            return r.target.namespace();
        }
        String namespace = Json.text(r.requestObject, "metadata", "namespace");
        return namespace != null ? namespace : Json.text(r.responseObject, "metadata", "namespace");
    }
}
