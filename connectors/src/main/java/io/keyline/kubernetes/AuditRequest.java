package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.ParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;

/**
 * One request to a Kubernetes API server, as a native audit event or a GKE log entry gives it, and
 * the numbering of the identity events it yields: the first takes the request's id, each later one
 * a suffix {@code /n} in a fixed order, so that a replay yields the same ids.
 */
final class AuditRequest {

    /** Who made the request, where from and with what. */
    record Caller(
            String username,
            String impersonator,
            String sourceIp,
            String userAgent,
            String podName,
            String tokenId,
            String legacyTokenSecret) {}

    /** What the request touched: an API object, or a non-resource path such as {@code /readyz}. */
    record Target(String namespace, String resource, String subresource, String name, String path) {

        /** {@code <ns>/<resource>/<name>/<subresource>} without the parts it lacks, or the path. */
        String describe() {
            if (resource == null) {
                return path;
            }
            StringBuilder s = new StringBuilder();
            if (namespace != null) {
                s.append(namespace).append('/');
            }
            s.append(resource);
            if (name != null) {
                s.append('/').append(name);
            }
            if (subresource != null) {
                s.append('/').append(subresource);
            }
            return s.toString();
        }
    }

    final String baseId;
    final long time;
    final String cluster;
    final Caller caller;
    final String verb;
    final Target target;

    /** The HTTP status of the response, or null when the record has none. */
    final Integer code;

    final JsonNode requestObject;
    final JsonNode responseObject;

    /** The record as read, made safe only when a part of it is rejected. */
    private final JsonNode record;

    private final ParseOutput out;
    private int yielded;

    AuditRequest(
            String baseId,
            long time,
            String cluster,
            Caller caller,
            String verb,
            Target target,
            Integer code,
            JsonNode requestObject,
            JsonNode responseObject,
            JsonNode record,
            ParseOutput out) {
        this.baseId = baseId;
        this.time = time;
        this.cluster = cluster;
        this.caller = caller;
        this.verb = verb;
        this.target = target;
        this.code = code;
        this.requestObject = requestObject;
        this.responseObject = responseObject;
        this.record = record;
        this.out = out;
    }

    /** True when the API server refused or failed the request. */
    boolean failed() {
        return code != null && code >= 400;
    }

    /** A new identity event of this request, with its id, time and cluster set. */
    IdentityEvent next(EventKind kind) {
        String id = yielded == 0 ? baseId : baseId + "/" + yielded;
        yielded++;
        return IdentityEvent.of(id, time, K8sAuditParser.SOURCE, kind)
                .attribute(Attributes.ACCOUNT, cluster);
    }

    void emit(IdentityEvent event) {
        out.emit(event);
    }

    /** Rejects a part of this request that cannot be mapped; the rest of it still counts. */
    void reject(String reason) {
        out.reject(reason, K8sPayloads.redacted(record));
    }
}
