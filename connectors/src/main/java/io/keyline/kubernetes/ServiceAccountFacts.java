package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import io.keyline.model.Actors;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.OwnerSources;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a listed ServiceAccount says: the account itself ({@code OBSERVED}), the cloud principals
 * its workload-identity annotations let it act as ({@code TRUSTS}, on the cloud principal), and the
 * owners its labels and annotations name ({@code OWNER_HINT}).
 *
 * <ul>
 *   <li>{@code eks.amazonaws.com/role-arn}: the IAM role trusts the account (EKS IRSA).
 *   <li>{@code iam.gke.io/gcp-service-account}: the GCP service account trusts it (GKE Workload
 *       Identity).
 *   <li>{@code azure.workload.identity/client-id} with {@code azure.workload.identity/tenant-id}:
 *       the Entra service principal trusts it; without a tenant the principal has no id, and no
 *       fact is made.
 *   <li>{@code owner}, {@code owner-email}, {@code owner_email}, {@code keyline.io/owner}: an owner
 *       tag when the value is an e-mail address; {@code team}: the owning team's address.
 * </ul>
 */
final class ServiceAccountFacts {

    static final String IDENTITY_TYPE = "service-account";

    static final String WHAT = "a ServiceAccount";

    private static final String AWS_ROLE = "eks.amazonaws.com/role-arn";
    private static final String GCP_ACCOUNT = "iam.gke.io/gcp-service-account";
    private static final String AZURE_CLIENT = "azure.workload.identity/client-id";
    private static final String AZURE_TENANT = "azure.workload.identity/tenant-id";

    private static final Set<String> OWNER_KEYS =
            Set.of("owner", "owner-email", "owner_email", "keyline.io/owner");
    private static final String TEAM_KEY = "team";

    private ServiceAccountFacts() {}

    static void emit(JsonNode item, String cluster, boolean full, ListingEvents events) {
        JsonNode metadata = Json.object(item, "metadata");
        String name = Json.text(metadata, "name");
        String namespace = Json.text(metadata, "namespace");
        if (!K8sNames.isName(name) || !K8sNames.isName(namespace)) {
            events.reject(
                    WHAT + " has no metadata.name and metadata.namespace",
                    K8sPayloads.redacted(item));
            return;
        }
        String createdAt;
        try {
            createdAt = creationTime(metadata, WHAT);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), K8sPayloads.redacted(item));
            return;
        }
        String id = new K8sNames.ServiceAccount(namespace, name).id(cluster);
        events.emit(
                events.next(EventKind.OBSERVED, id)
                        .identity(id)
                        .attribute(Attributes.IDENTITY_TYPE, IDENTITY_TYPE)
                        .attribute(Attributes.NAME, name)
                        .attribute(Attributes.ACCOUNT, cluster)
                        .attribute(Attributes.CREATED_AT, createdAt)
                        .attribute(Attributes.SNAPSHOT, full ? Attributes.FULL : null));

        JsonNode annotations = Json.object(metadata, "annotations");
        trusts(id, annotations, item, events);
        ownerHints(id, Json.object(metadata, "labels"), annotations, events);
    }

    /** The creation time of an object as ISO-8601, or null; throws when it is not a time. */
    static String creationTime(JsonNode metadata, String what) throws MalformedRecordException {
        JsonNode value = metadata == null ? null : metadata.get("creationTimestamp");
        if (value == null || value.isNull()) {
            return null;
        }
        Long time = value.isTextual() ? Timestamps.parseOrNull(value.asText()) : null;
        if (time == null) {
            throw new MalformedRecordException(
                    "the metadata.creationTimestamp of " + what + " is not a time stamp");
        }
        return Timestamps.iso(time);
    }

    private static void trusts(
            String account, JsonNode annotations, JsonNode item, ListingEvents events) {
        String roleArn = Json.text(annotations, AWS_ROLE);
        if (roleArn != null) {
            String role = CanonicalIds.awsPrincipal(roleArn.trim());
            if ("role".equals(CanonicalIds.principalTypeOf(role))) {
                trust(role, account, events);
            } else {
                events.reject(
                        "the " + AWS_ROLE + " annotation of " + WHAT + " is not a role ARN", item);
            }
        }
        String email = Json.text(annotations, GCP_ACCOUNT);
        if (email != null) {
            if (Actors.isEmail(email.trim())) {
                trust(CanonicalIds.gcpServiceAccount(email.trim()), account, events);
            } else {
                events.reject(
                        "the "
                                + GCP_ACCOUNT
                                + " annotation of "
                                + WHAT
                                + " is not an e-mail address",
                        item);
            }
        }
        String clientId = Json.text(annotations, AZURE_CLIENT);
        String tenant = Json.text(annotations, AZURE_TENANT);
        if (K8sNames.isName(clientId) && K8sNames.isName(tenant)) {
            trust(
                    CanonicalIds.azureServicePrincipal(tenant.trim(), clientId.trim()),
                    account,
                    events);
        }
    }

    private static void trust(String principal, String account, ListingEvents events) {
        events.emit(
                events.next(EventKind.TRUSTS, principal, account)
                        .identity(principal)
                        .resource(account)
                        .attribute(Attributes.TRUST_SOURCE, "policy"));
    }

    /** An owner an object's labels or annotations name, and how. */
    record Owner(String email, String source) {}

    /**
     * The owners named by labels and annotations, each once: e-mail addresses under an owner key (a
     * tag) or under {@code team}.
     */
    static Set<Owner> owners(JsonNode labels, JsonNode annotations) {
        Set<Owner> found = new LinkedHashSet<>();
        for (JsonNode map : new JsonNode[] {labels, annotations}) {
            if (map == null) {
                continue;
            }
            map.fields()
                    .forEachRemaining(
                            field -> {
                                String key = field.getKey().trim().toLowerCase(Locale.ROOT);
                                String value = field.getValue().asText("").trim();
                                String source =
                                        OWNER_KEYS.contains(key)
                                                ? OwnerSources.TAG
                                                : key.equals(TEAM_KEY) ? OwnerSources.TEAM : null;
                                if (source != null && Actors.isPerson(value)) {
                                    found.add(new Owner(value.toLowerCase(Locale.ROOT), source));
                                }
                            });
        }
        return found;
    }

    private static void ownerHints(
            String account, JsonNode labels, JsonNode annotations, ListingEvents events) {
        for (Owner owner : owners(labels, annotations)) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, account, owner.email(), owner.source())
                            .identity(account)
                            .actor(owner.email())
                            .attribute(Attributes.OWNER_SOURCE, owner.source()));
        }
    }
}
