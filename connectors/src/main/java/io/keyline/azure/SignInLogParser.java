package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Consumer;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * Entra ID sign-in logs of workload identities, as Azure Monitor diagnostic settings export them
 * (categories {@code ServicePrincipalSignInLogs} and {@code ManagedIdentitySignInLogs}): in {@code
 * {"records":[...]}} envelopes, as a JSON array, or one record per line.
 *
 * <p>Every sign-in is a {@code USED} fact of the service principal or managed identity, {@code
 * azure:sp:<tenant>/<appId>} (a managed identity's app id is its client id): on the client secret
 * or certificate it signed in with when the record names the key ({@code
 * servicePrincipalCredentialKeyId}), else on the identity. The consumer is the client's address and
 * agent and, for a managed identity, the Azure resource it belongs to. A failed sign-in keeps its
 * numeric error code. Interactive and non-interactive sign-ins of users are people, not workload
 * identities: they yield nothing.
 *
 * <p>A sign-in whose credential type is not stated but which names a certificate thumbprint counts
 * on the certificate; one that states neither is counted on the identity, since a key id alone does
 * not tell a secret from a certificate. Federated sign-ins hold no secret and count on the
 * identity.
 */
@Internal
public final class SignInLogParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "azure-signin";

    private static final Set<String> WORKLOAD_CATEGORIES =
            Set.of("serviceprincipalsigninlogs", "managedidentitysigninlogs");

    private static final Set<String> PEOPLE_CATEGORIES =
            Set.of("signinlogs", "noninteractiveusersigninlogs", "adfssigninlogs");

    private static final String WHAT = "a service principal sign-in record";

    private static final int MAX_USER_AGENT = 512;

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = AzureJson.readOrReject(record, out);
        if (root == null) {
            return;
        }
        try {
            for (JsonNode element : AzureJson.elements(root, "a sign-in log file")) {
                record(element, record.getOrigin(), out);
            }
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(root));
        }
    }

    /** One sign-in record, of an envelope or on its own; also of a mixed stream's. */
    static void record(JsonNode record, String origin, ParseOutput out) {
        if (!record.isObject()) {
            out.reject("a sign-in record is not a JSON object", AzureJson.redacted(record));
            return;
        }
        String category = AzureJson.text(record, "category");
        if (category == null) {
            out.reject("a sign-in record has no category", AzureJson.redacted(record));
            return;
        }
        String c = category.toLowerCase(Locale.ROOT);
        if (PEOPLE_CATEGORIES.contains(c)) {
            return;
        }
        String misplaced = MonitorCategories.misplaced(record, MonitorCategories.Kind.SIGN_IN);
        if (misplaced != null) {
            out.reject(misplaced, AzureJson.redacted(record));
            return;
        }
        if (!WORKLOAD_CATEGORIES.contains(c)) {
            out.reject(
                    "a sign-in record has a category that is not a sign-in log of service"
                            + " principals or managed identities",
                    AzureJson.redacted(record));
            return;
        }
        try {
            // A record that states a managedIdentityType is a managed identity's, whatever its
            // category says.
            boolean managed =
                    c.startsWith("managed")
                            || AzureJson.text(
                                            AzureJson.object(record, "properties"),
                                            "managedIdentityType")
                                    != null;
            out.emit(used(record, managed, origin, out));
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(record));
        }
    }

    private static IdentityEvent used(
            JsonNode record, boolean managedIdentity, String origin, ParseOutput out)
            throws MalformedRecordException {
        JsonNode properties = AzureJson.field(record, "properties");
        if (properties == null || !properties.isObject()) {
            throw new MalformedRecordException(WHAT + " has no properties object");
        }
        String tenant = AzureTenant.of(record, origin, SOURCE);
        if (tenant == null) {
            throw new MalformedRecordException(AzureTenant.unknown(WHAT));
        }
        String appId = AzureJson.text(properties, "appId");
        if (appId == null) {
            throw new MalformedRecordException(WHAT + " has no appId");
        }
        if (!AzureTenant.isId(tenant) || !AzureTenant.isId(appId)) {
            throw new MalformedRecordException(
                    WHAT + " has a tenant or appId that cannot be part of an id");
        }
        long time = time(record, properties);
        String correlationId = AzureJson.text(record, "correlationId");
        if (correlationId == null) {
            correlationId = AzureJson.text(properties, "correlationId");
        }
        RecordEvents events =
                RecordEvents.of(
                        SOURCE,
                        AzureJson.text(properties, "id"),
                        time,
                        tenant,
                        out,
                        correlationId == null ? record.toString() : correlationId,
                        Timestamps.iso(time));

        IdentityEvent used =
                events.next(EventKind.USED)
                        .identity(CanonicalIds.azureServicePrincipal(tenant, appId))
                        .consumer(consumer(record, properties, managedIdentity))
                        .resource(resource(properties))
                        .action("signin")
                        .attribute(Attributes.ERROR_CODE, errorCode(properties));
        credential(properties, appId, used);
        return used;
    }

    /** The client secret or certificate the sign-in used, when the record names its key. */
    private static void credential(JsonNode properties, String appId, IdentityEvent used) {
        String keyId = AzureJson.text(properties, "servicePrincipalCredentialKeyId");
        if (keyId == null || !AzureTenant.isId(keyId)) {
            return;
        }
        String type = AzureJson.text(properties, "clientCredentialType");
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (kind.isEmpty()
                && AzureJson.text(properties, "servicePrincipalCredentialThumbprint") != null) {
            kind = "certificate";
        }
        switch (kind) {
            case "clientsecret" ->
                    used.credential(
                            CanonicalIds.azureServicePrincipalSecret(appId, keyId),
                            CredentialTypes.AZURE_CLIENT_SECRET);
            case "certificate", "clientassertion" ->
                    used.credential(
                            CanonicalIds.azureServicePrincipalCertificate(appId, keyId),
                            CredentialTypes.AZURE_CERTIFICATE);
            default -> {
                // Federated and managed identity credentials hold no secret of the app.
            }
        }
    }

    private static long time(JsonNode record, JsonNode properties) throws MalformedRecordException {
        String text = AzureJson.text(record, "time");
        if (text == null) {
            text = AzureJson.text(properties, "createdDateTime");
        }
        if (text == null) {
            throw new MalformedRecordException(WHAT + " has no time");
        }
        Long time = Timestamps.parseOrNull(text);
        if (time == null) {
            throw new MalformedRecordException("the time of " + WHAT + " is not a time stamp");
        }
        return time;
    }

    private static Consumer consumer(JsonNode record, JsonNode properties, boolean managed) {
        String ip = AzureJson.text(properties, "ipAddress");
        if (ip == null) {
            ip = AzureJson.text(record, "callerIpAddress");
        }
        String agent = Json.clip(AzureJson.text(properties, "userAgent"), MAX_USER_AGENT);
        String workload = managed ? managedResource(record, properties) : null;
        if (ip == null && agent == null && workload == null) {
            return null;
        }
        return new Consumer(ip, agent, workload);
    }

    /**
     * The Azure resource a managed identity belongs to ({@code /subscriptions/.../virtualMachines/
     * vm1}), lower-cased as Azure resource ids compare: the Graph-style {@code
     * managedServiceIdentity.associatedResourceId}, else the first resource path among the
     * properties and the record's own {@code resourceId}.
     */
    private static String managedResource(JsonNode record, JsonNode properties) {
        String[] candidates = {
            AzureJson.text(properties, "managedServiceIdentity", "associatedResourceId"),
            AzureJson.text(properties, "associatedResourceId"),
            AzureJson.text(properties, "resourceId"),
            AzureJson.text(properties, "servicePrincipalName"),
            AzureJson.text(record, "resourceId")
        };
        for (String candidate : candidates) {
            if (candidate != null) {
                String id = candidate.toLowerCase(Locale.ROOT);
                if (id.startsWith("/subscriptions/")) {
                    return id;
                }
            }
        }
        return null;
    }

    /** What the sign-in asked a token for. */
    private static String resource(JsonNode properties) {
        String name = AzureJson.text(properties, "resourceDisplayName");
        return name != null ? name : AzureJson.text(properties, "resourceId");
    }

    /** The error code of a failed sign-in, or null for a success ({@code 0}). */
    private static String errorCode(JsonNode properties) {
        String code = AzureJson.text(properties, "status", "errorCode");
        return code == null || code.equals("0") ? null : code;
    }
}
