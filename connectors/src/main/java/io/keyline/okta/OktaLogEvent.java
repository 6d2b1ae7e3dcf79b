package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.Consumer;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import java.util.Locale;

/**
 * One Okta System Log event being mapped: the parts the facts are read from, and the numbering of
 * the identity events it yields. The first yielded event takes the event's id, each later one a
 * suffix {@code /n} in a fixed order, so that a replay yields the same ids.
 */
final class OktaLogEvent {

    private static final int MAX_USER_AGENT = 512;

    final String baseId;
    final long time;
    final String org;
    final String eventType;
    final JsonNode actor;
    final List<JsonNode> targets;
    final JsonNode debugData;
    final JsonNode transactionDetail;
    final String outcome;
    final String outcomeReason;
    final Consumer consumer;
    final String session;
    private final byte[] payload;
    private final ParseOutput out;
    private int yielded;

    OktaLogEvent(
            String baseId,
            long time,
            String org,
            String eventType,
            JsonNode event,
            byte[] payload,
            ParseOutput out) {
        this.baseId = baseId;
        this.time = time;
        this.org = org;
        this.eventType = eventType;
        this.actor = OktaFields.object(event, "actor");
        this.targets = OktaFields.elements(event, "target");
        this.debugData = OktaFields.object(event, "debugContext", "debugData");
        this.transactionDetail = OktaFields.object(event, "transaction", "detail");
        this.outcome = OktaFields.text(event, "outcome", "result");
        this.outcomeReason = OktaFields.text(event, "outcome", "reason");
        this.consumer = consumer(event);
        String session = OktaFields.text(event, "authenticationContext", "externalSessionId");
        this.session = "unknown".equalsIgnoreCase(session) ? null : Json.clip(session, 128);
        this.payload = payload;
        this.out = out;
    }

    /** A new identity event of this log event, with its id, time and org set. */
    IdentityEvent next(EventKind kind) {
        String id = yielded == 0 ? baseId : baseId + "/" + yielded;
        yielded++;
        return IdentityEvent.of(id, time, SystemLogParser.SOURCE, kind)
                .attribute(Attributes.ACCOUNT, org);
    }

    void emit(IdentityEvent event) {
        out.emit(event);
    }

    /** Rejects a part of this event that cannot be mapped; the rest of it still counts. */
    void reject(String reason) {
        out.reject(reason, payload);
    }

    /** True when Okta reports that the action failed or was denied. */
    boolean failed() {
        return outcome != null
                && (outcome.equalsIgnoreCase("FAILURE") || outcome.equalsIgnoreCase("DENY"));
    }

    /** The error code of a failed action: Okta's reason, else the result; null on success. */
    String errorCode() {
        if (!failed()) {
            return null;
        }
        return outcomeReason != null
                ? Json.clip(outcomeReason, 256)
                : outcome.toUpperCase(Locale.ROOT);
    }

    String actorType() {
        return OktaFields.text(actor, "type");
    }

    String actorId() {
        return OktaFields.text(actor, "id");
    }

    /** The actor's login ({@code alternateId}), in lower case, or null. */
    String actorLogin() {
        return OktaFields.lower(OktaFields.text(actor, "alternateId"));
    }

    /** Who acted, for the facts of a change: the actor's login, else its id. */
    String actorName() {
        String login = actorLogin();
        return login != null ? login : actorId();
    }

    /** True when the actor is an Okta user (a person or a service user). */
    boolean actorIsUser() {
        return "User".equalsIgnoreCase(actorType());
    }

    /** The first target of one of these types, compared without case, or null. */
    JsonNode target(String... types) {
        for (JsonNode target : targets) {
            String type = OktaFields.text(target, "type");
            for (String wanted : types) {
                if (wanted.equalsIgnoreCase(type)) {
                    return target;
                }
            }
        }
        return null;
    }

    /** A value of the debug data; Okta writes them all as strings. */
    String debug(String field) {
        return OktaFields.text(debugData, field);
    }

    /** The path of the request behind the event, without its query, or null. */
    String requestPath() {
        String uri = debug("requestUri");
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.isEmpty() ? null : Json.clip(path, 512);
    }

    private static Consumer consumer(JsonNode event) {
        JsonNode client = OktaFields.object(event, "client");
        String ip = OktaFields.text(client, "ipAddress");
        String agent =
                Json.clip(OktaFields.text(client, "userAgent", "rawUserAgent"), MAX_USER_AGENT);
        if (ip == null && agent == null) {
            return null;
        }
        return new Consumer(ip, agent, null);
    }
}
