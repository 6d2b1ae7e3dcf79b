package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.CredentialTypes;
import org.apache.flink.annotation.Internal;

/**
 * Google Cloud Audit Logs: {@code LogEntry} records whose {@code protoPayload} is an {@code
 * AuditLog}, one per line (a log sink, Pub/Sub), as the array {@code gcloud logging read
 * --format=json} prints, or as the {@code {"entries":[...]}} response of the Logging API's {@code
 * entries.list}. Panther's normalized form (the {@code @type} renamed {@code at_sign_type}, {@code
 * callerIP}, space-separated times) is read too. Entries whose payload is no audit log are skipped.
 *
 * <p>Every call by a service account is a {@code USED} fact: of the key it signed in with when the
 * entry names one, else of the service account, with the caller's address and user agent, the
 * method ({@code <serviceName>:<methodName>}) and resource, and the error when it failed. People
 * are not inventoried: their calls yield no use, but they are the actors of what they change.
 * Service-account and key changes ({@link AuditIamFacts}), policy changes ({@link
 * AuditPolicyFacts}) and impersonation and delegation ({@link AuditImpersonation}) add what they
 * say. A call that failed changed nothing and yields only its use.
 *
 * <p>Event ids are the entry's {@code insertId}; the project comes from the monitored resource's
 * {@code project_id}, else from the log name.
 */
@Internal
public final class AuditLogParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "gcp-audit";

    private static final String AUDIT_LOG_TYPE = "google.cloud.audit.AuditLog";

    private static final int MAX_USER_AGENT = 512;

    private static final String[] OBJECT_FIELDS = {
        "authenticationInfo", "requestMetadata", "request", "response", "metadata", "status"
    };

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        if (root.isArray()) {
            root.forEach(entry -> entry(entry, out));
        } else if (root.isObject() && root.has("entries")) {
            JsonNode entries = root.get("entries");
            if (entries.isArray()) {
                entries.forEach(entry -> entry(entry, out));
            } else if (!entries.isNull()) {
                out.reject(
                        "the entries field of a Logging API response is not an array",
                        SecretFields.redacted(root));
            }
        } else if (root.isObject() && isEmptyResponse(root)) {
            // An entries.list response without entries.
            return;
        } else {
            entry(root, out);
        }
    }

    private static void entry(JsonNode entry, ParseOutput out) {
        if (!entry.isObject()) {
            out.reject("a log entry is not a JSON object", SecretFields.redacted(entry));
            return;
        }
        JsonNode payload = entry.get("protoPayload");
        if (payload == null || payload.isNull()) {
            out.reject(
                    "a log entry has no protoPayload, so it is no Cloud Audit Logs entry",
                    SecretFields.redacted(entry));
            return;
        }
        if (!payload.isObject()) {
            out.reject(
                    "the protoPayload of a log entry is not an object",
                    SecretFields.redacted(entry));
            return;
        }
        String type = Json.text(payload, "@type");
        if (type == null) {
            type = Json.text(payload, "at_sign_type");
        }
        if (type != null && !type.endsWith(AUDIT_LOG_TYPE)) {
            // Another service's own request log: it says nothing about identities.
            return;
        }
        String problem = problem(entry, payload);
        if (problem != null) {
            out.reject(problem, SecretFields.redacted(entry));
            return;
        }
        long time = GcpTimes.millis(entry.get("timestamp"));
        String insertId = Json.text(entry, "insertId");
        String baseId =
                insertId != null
                        ? EventIds.of(SOURCE, Json.clip(insertId, 256), 0)
                        : EventIds.hashed(SOURCE, entry.toString());
        JsonNode requestMetadata = Json.object(payload, "requestMetadata");
        String sourceIp = Json.text(requestMetadata, "callerIp");
        if (sourceIp == null) {
            sourceIp = Json.text(requestMetadata, "callerIP");
        }
        AuditEntry e =
                new AuditEntry(
                        baseId,
                        time,
                        entry,
                        payload,
                        project(entry),
                        AuditStatus.errorCode(Json.object(payload, "status")),
                        AuditCaller.of(Json.object(payload, "authenticationInfo")),
                        Json.clip(sourceIp, 64),
                        Json.clip(
                                Json.text(requestMetadata, "callerSuppliedUserAgent"),
                                MAX_USER_AGENT),
                        out);

        // The call itself: a use of the caller's key, or of its service account.
        if (e.caller.serviceAccount() != null) {
            e.emit(
                    e.use(e.caller.identityId(), null)
                            .credential(e.caller.credentialId(), keyType(e.caller)));
        }

        // How the caller came to act as its service account.
        AuditImpersonation.delegations(e);

        // What the call changed.
        if (!e.failed()) {
            AuditIamFacts.emit(e);
            AuditPolicyFacts.emit(e);
            AuditImpersonation.emit(e);
        }
    }

    /** What makes an entry unreadable, or null when it can be mapped. */
    private static String problem(JsonNode entry, JsonNode payload) {
        JsonNode timestamp = entry.get("timestamp");
        if (timestamp == null || timestamp.isNull()) {
            return "a log entry has no timestamp";
        }
        try {
            if (GcpTimes.millis(timestamp) == null) {
                return "a log entry has no timestamp";
            }
        } catch (IllegalArgumentException e) {
            return "the timestamp of a log entry is not a time stamp";
        }
        if (Json.text(payload, "methodName") == null) {
            return "an audit log entry has no methodName";
        }
        for (String field : OBJECT_FIELDS) {
            JsonNode part = payload.get(field);
            if (part != null && !part.isNull() && !part.isObject()) {
                return "the " + field + " of an audit log entry is not an object";
            }
        }
        JsonNode resource = entry.get("resource");
        if (resource != null && !resource.isNull() && !resource.isObject()) {
            return "the resource of a log entry is not an object";
        }
        return null;
    }

    /** The project of an entry: the monitored resource's, else the one its log name names. */
    private static String project(JsonNode entry) {
        String project = Json.text(Json.object(entry, "resource"), "labels", "project_id");
        if (project == null) {
            project = GcpNames.ownerOfLogName(Json.text(entry, "logName"));
        }
        return Json.clip(project, 256);
    }

    private static String keyType(AuditCaller caller) {
        return caller.keyId() == null ? null : CredentialTypes.GCP_SA_KEY;
    }

    private static boolean isEmptyResponse(JsonNode root) {
        return !root.has("protoPayload")
                && !root.has("timestamp")
                && !root.has("insertId")
                && (root.isEmpty() || (root.size() == 1 && root.has("nextPageToken")));
    }
}
