package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.Timestamps;

/**
 * Reads a GKE Kubernetes audit entry, a Cloud Logging LogEntry whose {@code protoPayload} is a
 * Cloud Audit Log of service {@code k8s.io}, into an {@link AuditRequest}.
 *
 * <p>The Kubernetes user name is {@code authenticationInfo.principalEmail}; the verb is the last
 * part of {@code methodName} ({@code io.k8s.core.v1.secrets.get}); the object is {@code
 * resourceName} ({@code core/v1/namespaces/NS/secrets/NAME}, or {@code <group>/<version>/<resource>
 * /<name>} for cluster objects, or a bare path such as {@code readyz}); the gRPC {@code
 * status.code} becomes the HTTP status the API server answered. The id is {@code insertId}, else
 * {@code operation.id}.
 */
final class GkeAuditEntries {

    static final String WHAT = "a GKE audit log entry";

    static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";

    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_ID = 128;

    /** HTTP statuses of the gRPC codes 0 to 16, as Google APIs map them. */
    private static final int[] HTTP_OF_GRPC = {
        200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401
    };

    private GkeAuditEntries() {}

    /** The cluster an entry names, or null. */
    static String cluster(JsonNode entry) {
        return Json.text(entry, "resource", "labels", "cluster_name");
    }

    /** The request of an entry; throws when it is broken or not a Kubernetes audit entry. */
    static AuditRequest read(JsonNode entry, String cluster, ParseOutput out)
            throws MalformedRecordException {
        JsonNode proto = entry.get("protoPayload");
        if (proto == null || !proto.isObject()) {
            throw new MalformedRecordException("the protoPayload of " + WHAT + " is not an object");
        }
        if (!AUDIT_LOG_TYPE.equals(Json.text(proto, "@type"))) {
            throw new MalformedRecordException(
                    "the protoPayload of a LogEntry is not a Cloud Audit Log");
        }
        String service = Json.text(proto, "serviceName");
        if (service != null && !service.equals("k8s.io")) {
            throw new MalformedRecordException(
                    "a Cloud Audit Log entry of another service than k8s.io; read it as gcp-audit");
        }
        JsonNode timeNode = entry.get("timestamp");
        if (timeNode == null || timeNode.isNull()) {
            throw new MalformedRecordException(WHAT + " has no timestamp");
        }
        Long time = timeNode.isTextual() ? Timestamps.parseOrNull(timeNode.asText()) : null;
        if (time == null) {
            throw new MalformedRecordException("the timestamp of " + WHAT + " is not a time stamp");
        }
        String username = Json.text(proto, "authenticationInfo", "principalEmail");
        if (username == null) {
            throw new MalformedRecordException(
                    WHAT + " has no protoPayload.authenticationInfo.principalEmail");
        }
        String method = Json.text(proto, "methodName");
        if (method == null || method.endsWith(".")) {
            throw new MalformedRecordException(WHAT + " has no protoPayload.methodName");
        }
        String verb = method.substring(method.lastIndexOf('.') + 1);
        JsonNode metadata = Json.object(proto, "requestMetadata");
        AuditRequest.Caller caller =
                new AuditRequest.Caller(
                        username,
                        null,
                        Json.text(metadata, "callerIp"),
                        Json.clip(Json.text(metadata, "callerSuppliedUserAgent"), MAX_USER_AGENT),
                        null,
                        null,
                        null);
        return new AuditRequest(
                id(entry, username, method, time),
                time,
                cluster,
                caller,
                verb,
                target(Json.text(proto, "resourceName")),
                code(Json.object(proto, "status")),
                Json.object(proto, "request"),
                Json.object(proto, "response"),
                entry,
                out);
    }

    private static String id(JsonNode entry, String username, String method, long time) {
        String id = Json.text(entry, "insertId");
        if (id == null) {
            id = Json.text(entry, "operation", "id");
        }
        if (id == null) {
            return EventIds.hashed(
                    K8sAuditParser.SOURCE,
                    username,
                    method,
                    Json.text(entry, "protoPayload", "resourceName"),
                    Long.toString(time));
        }
        return EventIds.of(K8sAuditParser.SOURCE, Json.clip(id, MAX_ID), 0);
    }

    /**
     * The object of a resource name: {@code <group>/<version>/namespaces/<ns>/<resource>[/<name>[
     * /<subresource>]]}, {@code <group>/<version>/<resource>[/<name>[/<subresource>]]}, or a path.
     */
    static AuditRequest.Target target(String resourceName) {
        if (resourceName == null) {
            return new AuditRequest.Target(null, null, null, null, null);
        }
        String[] parts = resourceName.split("/");
        if (parts.length < 3) {
            return new AuditRequest.Target(
                    null, null, null, null, NativeAuditEvents.path("/" + resourceName));
        }
        int at = 2;
        String namespace = null;
        if (parts[at].equals("namespaces") && parts.length >= at + 3) {
            namespace = parts[at + 1];
            at += 2;
        }
        return new AuditRequest.Target(
                namespace,
                parts[at],
                parts.length > at + 2 ? parts[at + 2] : null,
                parts.length > at + 1 ? parts[at + 1] : null,
                null);
    }

    private static Integer code(JsonNode status) {
        JsonNode code = status == null ? null : status.get("code");
        if (code == null || !code.canConvertToInt()) {
            return null;
        }
        int grpc = code.asInt();
        return grpc >= 0 && grpc < HTTP_OF_GRPC.length ? HTTP_OF_GRPC[grpc] : 500;
    }
}
