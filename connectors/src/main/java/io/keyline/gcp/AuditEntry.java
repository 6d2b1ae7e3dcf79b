package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.Consumer;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;

/**
 * One Cloud Audit Logs entry being mapped: the parts of its {@code protoPayload} the facts need,
 * and the numbering of the identity events it yields. The first event takes the entry's id, each
 * later one a suffix {@code /n} in a fixed order, so that a replay yields the same ids.
 */
final class AuditEntry {

    final String baseId;
    final long time;
    final String service;
    final String method;

    /** The method name without its package: {@code CreateServiceAccountKey}. */
    final String shortMethod;

    final String resourceName;

    /** The type of the entry's monitored resource: {@code service_account}, {@code project}... */
    final String resourceType;

    final String project;
    final String region;
    final String errorCode;
    final AuditCaller caller;
    final JsonNode payload;
    final JsonNode request;
    final JsonNode response;
    final JsonNode metadata;
    final JsonNode resourceLabels;
    final String sourceIp;
    final String userAgent;
    private final JsonNode entry;
    private final ParseOutput out;
    private int yielded;

    AuditEntry(
            String baseId,
            long time,
            JsonNode entry,
            JsonNode payload,
            String project,
            String errorCode,
            AuditCaller caller,
            String sourceIp,
            String userAgent,
            ParseOutput out) {
        this.baseId = baseId;
        this.time = time;
        this.entry = entry;
        this.payload = payload;
        this.service = Json.text(payload, "serviceName");
        this.method = Json.text(payload, "methodName");
        this.shortMethod = method.substring(method.lastIndexOf('.') + 1);
        this.resourceName = Json.text(payload, "resourceName");
        this.project = project;
        this.resourceType = Json.text(Json.object(entry, "resource"), "type");
        this.resourceLabels = Json.object(Json.object(entry, "resource"), "labels");
        this.region = region(resourceLabels);
        this.errorCode = errorCode;
        this.caller = caller;
        this.request = Json.object(payload, "request");
        this.response = Json.object(payload, "response");
        this.metadata = Json.object(payload, "metadata");
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.out = out;
    }

    /** A new identity event of this entry, with its id, time and project set. */
    IdentityEvent next(EventKind kind) {
        String id = yielded == 0 ? baseId : baseId + "/" + yielded;
        yielded++;
        return IdentityEvent.of(id, time, AuditLogParser.SOURCE, kind)
                .attribute(Attributes.ACCOUNT, project);
    }

    /** A new event for a change the caller made, with the caller as its actor. */
    IdentityEvent change(EventKind kind) {
        return next(kind).actor(caller.actor());
    }

    /**
     * A use of {@code identityId} by this call: what was called, on what, from where, and its error
     * when it failed.
     */
    IdentityEvent use(String identityId, String workload) {
        return next(EventKind.USED)
                .identity(identityId)
                .action(service == null ? method : service + ":" + method)
                .resource(resourceName)
                .consumer(consumer(workload))
                .attribute(Attributes.REGION, region)
                .attribute(Attributes.ERROR_CODE, errorCode);
    }

    void emit(IdentityEvent event) {
        out.emit(event);
    }

    /** Rejects a part of this entry that cannot be mapped; the rest of it still counts. */
    void reject(String reason) {
        out.reject(reason, SecretFields.redacted(entry));
    }

    /** Rejects one element of a list in this entry; the rest of it still counts. */
    void reject(String reason, JsonNode part) {
        out.reject(reason, SecretFields.redacted(part));
    }

    boolean failed() {
        return errorCode != null;
    }

    /** The service account a field of the request or response names by address, or null. */
    String serviceAccountIn(JsonNode node, String field) {
        return GcpNames.serviceAccountIn(Json.text(node, field));
    }

    /** The address in the entry's resource labels, for entries about one service account. */
    String labelledServiceAccount() {
        String email = Json.text(resourceLabels, "email_id");
        return GcpNames.isServiceAccount(email) ? email : null;
    }

    private Consumer consumer(String workload) {
        if (sourceIp == null && userAgent == null && workload == null) {
            return null;
        }
        return new Consumer(sourceIp, userAgent, workload);
    }

    private static String region(JsonNode labels) {
        for (String field : new String[] {"location", "region", "zone"}) {
            String value = Json.text(labels, field);
            if (value != null) {
                return Json.clip(value, 64);
            }
        }
        return null;
    }
}
