package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import java.util.Set;

/**
 * Acting as a service account, as Cloud Audit Logs show it.
 *
 * <ul>
 *   <li>Impersonation and workload identity federation: {@code GenerateAccessToken}, {@code
 *       GenerateIdToken}, {@code SignJwt} and {@code SignBlob} (IAM Service Account Credentials, or
 *       the older IAM methods) use the target service account, which trusts the caller: a service
 *       account, or the federated principal of the {@code principalSubject}. People are not
 *       inventoried, so a person's impersonation yields the use but no trust. The target is read
 *       from the resource name ({@code projects/-/serviceAccounts/<email>}), the request, the last
 *       element of {@code metadata.identityDelegationChain}, or the entry's resource labels; a
 *       target known only by its unique id yields nothing.
 *   <li>Delegation: every service account or federated principal in {@code
 *       authenticationInfo.serviceAccountDelegationInfo} is one the caller's service account
 *       trusts, because it acted as that service account for this call.
 * </ul>
 */
final class AuditImpersonation {

    private static final Set<String> METHODS =
            Set.of("GenerateAccessToken", "GenerateIdToken", "SignJwt", "SignBlob");

    private static final Set<String> SERVICES =
            Set.of("iamcredentials.googleapis.com", "iam.googleapis.com");

    private AuditImpersonation() {}

    /** The use of the target of an impersonation call, and its trust in the caller. */
    static void emit(AuditEntry e) {
        if (!METHODS.contains(e.shortMethod)
                || e.service == null
                || !SERVICES.contains(e.service)) {
            return;
        }
        String target = target(e);
        if (target == null || target.equalsIgnoreCase(e.caller.serviceAccount())) {
            return;
        }
        String targetId = CanonicalIds.gcpServiceAccount(target);
        String caller = e.caller.trustable();
        e.emit(e.use(targetId, caller));
        if (caller != null) {
            e.emit(
                    e.next(EventKind.TRUSTS)
                            .identity(targetId)
                            .resource(caller)
                            .attribute(Attributes.TRUST_SOURCE, "observed"));
        }
    }

    /** The trust of the caller's service account in those it acted for in this call. */
    static void delegations(AuditEntry e) {
        String self = e.caller.identityId();
        JsonNode authentication = Json.object(e.payload, "authenticationInfo");
        JsonNode chain =
                authentication == null ? null : authentication.get("serviceAccountDelegationInfo");
        if (self == null || chain == null || !chain.isArray()) {
            return;
        }
        for (JsonNode link : chain) {
            String delegate = delegate(link);
            if (delegate != null && !delegate.equals(self)) {
                e.emit(
                        e.next(EventKind.TRUSTS)
                                .identity(self)
                                .resource(delegate)
                                .attribute(Attributes.TRUST_SOURCE, "observed"));
            }
        }
    }

    /** The service account or federated principal of one delegation, or null. */
    private static String delegate(JsonNode link) {
        for (String party : new String[] {"firstPartyPrincipal", "thirdPartyPrincipal"}) {
            String email = Json.text(Json.object(link, party), "principalEmail");
            if (GcpNames.isServiceAccount(email)) {
                return CanonicalIds.gcpServiceAccount(email.trim());
            }
        }
        return GcpPrincipals.federated(Json.text(link, "principalSubject"));
    }

    private static String target(AuditEntry e) {
        String target = GcpNames.serviceAccountIn(e.resourceName);
        if (target == null) {
            target = e.serviceAccountIn(e.request, "name");
        }
        if (target == null) {
            JsonNode chain = e.metadata == null ? null : e.metadata.get("identityDelegationChain");
            if (chain != null && chain.isArray() && !chain.isEmpty()) {
                JsonNode last = chain.get(chain.size() - 1);
                target = last.isTextual() ? GcpNames.serviceAccountIn(last.asText()) : null;
            }
        }
        if (target == null && "service_account".equals(e.resourceType)) {
            target = e.labelledServiceAccount();
        }
        return target;
    }
}
