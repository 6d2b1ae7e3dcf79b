package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.OriginPaths;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.Federation;
import io.keyline.model.OwnerSources;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * Microsoft Graph listings of workload identities: {@code GET /servicePrincipals} and {@code GET
 * /applications} responses ({@code {"value":[...]}}, one object, or one object per line), and the
 * credentials of one app on their own (the {@code passwordCredential} that {@code addPassword}
 * returns, or a body with {@code passwordCredentials} and {@code keyCredentials}).
 *
 * <p>Each service principal or application is {@code OBSERVED} as {@code
 * azure:sp:<tenant>/<appId>}, with its secrets and certificates ({@link GraphCredentials}), the
 * federated credentials it trusts ({@code TRUSTS} of {@link Federation#upstream}) and the owners it
 * names ({@link GraphOwners}), all at the file's time. App roles and permission scopes an app
 * defines are not grants to it and are skipped.
 *
 * <p>The tenant is the folder right below the format folder, the tenant the listing was taken from;
 * a service principal without one falls back to its {@code appOwnerOrganizationId}, the tenant that
 * registered its app (the same tenant for the estate's own apps, not for apps of other publishers).
 * Credentials on their own name no app: the app id comes from the file's name, or from its folder
 * when that is below the tenant folder ({@code <tenant>/<appId>/addPassword.json}).
 */
@Internal
public final class GraphObjectsParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "azure-graph";

    private static final String OBJECT = "a Graph application or service principal";

    private static final Pattern GUID =
            Pattern.compile(
                    "(?<![0-9a-fA-F])[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}(?![0-9a-fA-F])");

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = AzureJson.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        String folderTenant = OriginPaths.folderBelow(record.getOrigin(), SOURCE);
        try {
            for (JsonNode element : AzureJson.elements(root, "a Graph response")) {
                try {
                    element(element, record, folderTenant, events);
                } catch (MalformedRecordException e) {
                    events.reject(e.getMessage(), AzureJson.redacted(element));
                }
            }
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), AzureJson.redacted(root));
        }
    }

    private static void element(
            JsonNode element, RawRecord record, String folderTenant, ListingEvents events)
            throws MalformedRecordException {
        if (!element.isObject()) {
            throw new MalformedRecordException("an element of a Graph response is not an object");
        }
        JsonNode wrapped = AzureJson.object(element, "passwordCredential");
        JsonNode object = wrapped != null ? wrapped : element;
        String appId = AzureJson.text(object, "appId");
        if (appId != null) {
            principal(object, appId, folderTenant, record.getObservedAt(), events);
            return;
        }
        boolean credentialLists =
                AzureJson.field(object, "passwordCredentials") != null
                        || AzureJson.field(object, "keyCredentials") != null;
        if (!credentialLists && AzureJson.field(object, "keyId") == null) {
            throw new MalformedRecordException(
                    "a Graph object has no appId and is no credential of an app");
        }
        String fromPath = appIdOfPath(record.getOrigin());
        if (fromPath == null) {
            throw new MalformedRecordException(
                    "credentials of an unknown app: the record names no appId; name the app id in"
                            + " the file name or put the file in a folder named after it, below"
                            + " the tenant folder");
        }
        String identity =
                AzureTenant.isId(folderTenant)
                        ? CanonicalIds.azureServicePrincipal(folderTenant, fromPath)
                        : null;
        GraphCredentials.Owner owner =
                new GraphCredentials.Owner(
                        fromPath, identity, folderTenant, record.getObservedAt());
        if (credentialLists) {
            credentials(object, owner, events);
        } else {
            boolean secret = wrapped != null || !GraphCredentials.looksLikeKey(object);
            events.emit(GraphCredentials.observed(object, secret, owner, events));
        }
    }

    /** An application or service principal with its credentials, trusts and owners. */
    private static void principal(
            JsonNode object,
            String appId,
            String folderTenant,
            long observedAt,
            ListingEvents events)
            throws MalformedRecordException {
        if (!AzureTenant.isId(appId)) {
            throw new MalformedRecordException(
                    "the appId of " + OBJECT + " cannot be part of an id");
        }
        boolean servicePrincipal = isServicePrincipal(object);
        String tenant = folderTenant;
        if (tenant == null && servicePrincipal) {
            tenant = AzureJson.text(object, "appOwnerOrganizationId");
        }
        if (tenant != null && !AzureTenant.isId(tenant)) {
            throw new MalformedRecordException(
                    "the tenant of " + OBJECT + " cannot be part of an id");
        }
        String createdAt = GraphCredentials.time(object, "createdDateTime", OBJECT);
        String identity = tenant == null ? null : CanonicalIds.azureServicePrincipal(tenant, appId);

        // The principal itself.
        if (identity != null) {
            String type =
                    servicePrincipal
                            ? AzureJson.text(object, "servicePrincipalType")
                            : "application";
            events.emit(
                    events.next(EventKind.OBSERVED, identity, "identity")
                            .identity(identity)
                            .attribute(Attributes.ACCOUNT, tenant)
                            .attribute(
                                    Attributes.IDENTITY_TYPE,
                                    type == null ? "servicePrincipal" : type)
                            .attribute(Attributes.NAME, AzureJson.text(object, "displayName"))
                            .attribute(Attributes.CREATED_AT, createdAt));
        }

        // Its secrets and certificates.
        credentials(
                object, new GraphCredentials.Owner(appId, identity, tenant, observedAt), events);
        if (identity == null) {
            events.reject(
                    (servicePrincipal ? "a service principal" : "an application")
                            + " names no tenant, so its credentials count but its identity,"
                            + " trusts and owners do not; put the file under a folder named after"
                            + " the tenant",
                    AzureJson.redacted(object));
            return;
        }

        // The federated identities it trusts.
        JsonNode federated = AzureJson.array(object, "federatedIdentityCredentials");
        if (federated != null) {
            for (JsonNode credential : federated) {
                String upstream =
                        Federation.upstream(
                                AzureJson.text(credential, "issuer"),
                                AzureJson.text(credential, "subject"));
                if (upstream == null) {
                    events.reject(
                            "a federatedIdentityCredential has no subject",
                            AzureJson.redacted(credential));
                    continue;
                }
                events.emit(
                        events.next(EventKind.TRUSTS, identity, upstream)
                                .identity(identity)
                                .resource(upstream)
                                .attribute(Attributes.ACCOUNT, tenant)
                                .attribute(Attributes.TRUST_SOURCE, "policy"));
            }
        }

        // The owners it names.
        for (String owner : GraphOwners.of(object)) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, identity, owner)
                            .identity(identity)
                            .actor(owner)
                            .attribute(Attributes.ACCOUNT, tenant)
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
        }
    }

    /** The secrets and certificates an object lists; a bad entry costs only itself. */
    private static void credentials(
            JsonNode object, GraphCredentials.Owner owner, ListingEvents events) {
        list(object, "passwordCredentials", true, owner, events);
        list(object, "keyCredentials", false, owner, events);
    }

    private static void list(
            JsonNode object,
            String field,
            boolean secret,
            GraphCredentials.Owner owner,
            ListingEvents events) {
        JsonNode entries = AzureJson.field(object, field);
        if (entries == null || entries.isNull()) {
            return;
        }
        if (!entries.isArray()) {
            events.reject(
                    "the " + field + " of " + OBJECT + " is not an array",
                    AzureJson.redacted(object));
            return;
        }
        for (JsonNode credential : entries) {
            try {
                events.emit(GraphCredentials.observed(credential, secret, owner, events));
            } catch (MalformedRecordException e) {
                events.reject(e.getMessage(), AzureJson.redacted(credential));
            }
        }
    }

    /** A service principal rather than an application, by its type or its own fields. */
    private static boolean isServicePrincipal(JsonNode object) {
        String type = AzureJson.text(object, "@odata.type");
        if (type != null) {
            return type.toLowerCase(Locale.ROOT).endsWith("serviceprincipal");
        }
        return AzureJson.field(object, "servicePrincipalType") != null
                || AzureJson.field(object, "servicePrincipalNames") != null
                || AzureJson.field(object, "appOwnerOrganizationId") != null;
    }

    /**
     * The app id a file's path names: a GUID in the file name, else the file's folder when it is a
     * GUID below the tenant folder; null when there is none.
     */
    static String appIdOfPath(String origin) {
        Matcher m = GUID.matcher(OriginPaths.fileName(origin));
        if (m.find()) {
            return m.group();
        }
        String tenant = OriginPaths.folderBelow(origin, SOURCE);
        String[] parts = origin == null ? new String[0] : origin.replace('\\', '/').split("/+");
        if (parts.length < 2) {
            return null;
        }
        String folder = parts[parts.length - 2];
        boolean belowTenant =
                tenant != null
                        && parts.length >= 3
                        && !parts[parts.length - 3].equals(SOURCE)
                        && !folder.equals(SOURCE);
        return belowTenant && GUID.matcher(folder).matches() ? folder : null;
    }
}
