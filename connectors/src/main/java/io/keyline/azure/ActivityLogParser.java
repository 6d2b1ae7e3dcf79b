package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Consumer;
import io.keyline.model.EventKind;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * The Azure activity log (control-plane operations on subscriptions and resources), as Azure
 * Monitor diagnostic settings export it ({@code {"records":[...]}} envelopes, a JSON array, or one
 * record per line; the caller in {@code identity.claims} and {@code identity.authorization}), and
 * as {@code az monitor activity-log list} prints it ({@code claims}, {@code authorization}, {@code
 * caller}, {@code eventTimestamp} and {@code operationName.value} at the top).
 *
 * <p>Every operation of a service principal or managed identity is a {@code USED} fact of {@code
 * azure:sp:<tenant>/<appid>} from its token's {@code appid} claim, with the caller's address, the
 * resource (its id, lower-cased as Azure compares them) and the operation (lower-cased). Azure
 * writes one record per phase of an operation ({@code Start}, {@code Success}...), and each counts
 * as a use: a call is counted once per phase. Role assignments made or removed for service
 * principals are {@code GRANTED} facts ({@link ActivityRoleAssignments}). Operations of users and
 * records without a caller (service health, autoscale) yield nothing.
 */
@Internal
public final class ActivityLogParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "azure-activity";

    static final String WHAT = "an activity log record";

    private static final String CLAIM_TENANT =
            "http://schemas.microsoft.com/identity/claims/tenantid";
    private static final String CLAIM_OBJECT =
            "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static final String CLAIM_UPN =
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";

    /** Who called: a service principal (its app id) or a person (its login); either may be null. */
    record Caller(String appId, String login) {}

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = AzureJson.readOrReject(record, out);
        if (root == null) {
            return;
        }
        try {
            for (JsonNode element : AzureJson.elements(root, "an activity log file")) {
                record(element, record.getOrigin(), out);
            }
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(root));
        }
    }

    /** One activity log record, of an envelope or on its own; also of a mixed stream's. */
    static void record(JsonNode element, String origin, ParseOutput out) {
        String misplaced = MonitorCategories.misplaced(element, MonitorCategories.Kind.ACTIVITY);
        if (misplaced != null) {
            out.reject(misplaced, AzureJson.redacted(element));
            return;
        }
        try {
            operation(element, origin, out);
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(element));
        }
    }

    private static void operation(JsonNode record, String origin, ParseOutput out)
            throws MalformedRecordException {
        if (!record.isObject()) {
            throw new MalformedRecordException(WHAT + " is not a JSON object");
        }
        String operation = AzureJson.text(record, "operationName");
        if (operation == null) {
            operation = AzureJson.text(record, "operationName", "value");
        }
        if (operation == null) {
            throw new MalformedRecordException(WHAT + " has no operationName");
        }
        String timeText = AzureJson.text(record, "time");
        if (timeText == null) {
            timeText = AzureJson.text(record, "eventTimestamp");
        }
        if (timeText == null) {
            throw new MalformedRecordException(WHAT + " has no time");
        }
        Long time = Timestamps.parseOrNull(timeText);
        if (time == null) {
            throw new MalformedRecordException("the time of " + WHAT + " is not a time stamp");
        }

        JsonNode identity = AzureJson.object(record, "identity");
        JsonNode claims = AzureJson.object(identity, "claims");
        if (claims == null) {
            claims = AzureJson.object(record, "claims");
        }
        JsonNode authorization = AzureJson.object(identity, "authorization");
        if (authorization == null) {
            authorization = AzureJson.object(record, "authorization");
        }
        Caller caller = caller(record, claims, authorization);
        String action = operation.toLowerCase(Locale.ROOT);
        boolean roleAssignment = ActivityRoleAssignments.isRoleAssignment(action);
        if (caller.appId() == null && !roleAssignment) {
            return;
        }

        String tenant = AzureTenant.of(record, origin, SOURCE, claim(claims, CLAIM_TENANT, "tid"));
        if (tenant == null || !AzureTenant.isId(tenant)) {
            throw new MalformedRecordException(
                    tenant == null
                            ? AzureTenant.unknown(WHAT)
                            : "the tenant of " + WHAT + " cannot be part of an id");
        }
        String resultType = AzureJson.text(record, "resultType");
        if (resultType == null) {
            resultType = AzureJson.text(record, "status", "value");
        }
        String resourceId = AzureJson.text(record, "resourceId");
        String correlationId = AzureJson.text(record, "correlationId");
        RecordEvents events =
                RecordEvents.of(
                        SOURCE,
                        AzureJson.text(record, "eventDataId"),
                        time,
                        tenant,
                        out,
                        correlationId == null ? record.toString() : correlationId,
                        action,
                        resultType,
                        resourceId,
                        Timestamps.iso(time));
        boolean failed =
                resultType != null
                        && (resultType.equalsIgnoreCase("Failure")
                                || resultType.equalsIgnoreCase("Failed"));
        String actor =
                caller.appId() != null
                        ? CanonicalIds.azureServicePrincipal(tenant, caller.appId())
                        : caller.login();

        // The call itself, by a service principal.
        if (caller.appId() != null) {
            events.emit(
                    events.next(EventKind.USED)
                            .identity(actor)
                            .consumer(consumer(record))
                            .resource(
                                    resourceId == null ? null : resourceId.toLowerCase(Locale.ROOT))
                            .action(action)
                            .attribute(Attributes.ERROR_CODE, failed ? errorCode(record) : null));
        }

        // What it changed.
        if (roleAssignment && !failed) {
            ActivityRoleAssignments.emit(record, action, tenant, actor, resourceId, events);
        }
    }

    /**
     * The caller: a service principal when the authorization evidence says so or the token is an
     * app's ({@code idtyp} {@code app}); its app id from the {@code appid} or {@code azp} claim,
     * else its object id, which then stands in for the app id. Otherwise the person's login.
     */
    private static Caller caller(JsonNode record, JsonNode claims, JsonNode authorization) {
        String principalType = AzureJson.text(authorization, "evidence", "principalType");
        boolean app =
                "ServicePrincipal".equalsIgnoreCase(principalType)
                        || "app".equalsIgnoreCase(AzureJson.text(claims, "idtyp"));
        if (app) {
            String appId = claim(claims, "appid", "azp");
            if (appId == null) {
                appId = AzureJson.text(authorization, "evidence", "principalId");
            }
            if (appId == null) {
                appId = claim(claims, CLAIM_OBJECT, "oid");
            }
            if (appId != null && AzureTenant.isId(appId)) {
                return new Caller(appId, null);
            }
            return new Caller(null, null);
        }
        String login = claim(claims, CLAIM_UPN, "upn");
        if (login == null) {
            String named = AzureJson.text(record, "caller");
            login = named != null && named.contains("@") ? named : null;
        }
        return new Caller(null, login == null ? null : login.toLowerCase(Locale.ROOT));
    }

    private static String claim(JsonNode claims, String... names) {
        for (String name : names) {
            String value = AzureJson.text(claims, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Consumer consumer(JsonNode record) {
        String ip = AzureJson.text(record, "callerIpAddress");
        if (ip == null) {
            ip = AzureJson.text(record, "httpRequest", "clientIpAddress");
        }
        return ip == null ? null : new Consumer(ip, null, null);
    }

    /** The error of a failed operation: its HTTP status, else its result signature. */
    private static String errorCode(JsonNode record) {
        JsonNode properties = AzureJson.object(record, "properties");
        String code = AzureJson.text(properties, "statusCode");
        if (code == null) {
            code = AzureJson.text(record, "resultSignature");
        }
        return code == null ? "Failure" : code;
    }
}
