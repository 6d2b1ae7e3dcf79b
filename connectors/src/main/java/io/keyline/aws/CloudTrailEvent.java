package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.ParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;

/**
 * One CloudTrail event being mapped: its parts, and the numbering of the identity events it yields.
 * The first yielded event takes the event's id, each later one a suffix {@code /n} in a fixed
 * order, so that a replay yields the same ids.
 */
final class CloudTrailEvent {

    final String baseId;
    final long time;
    final String name;
    final String account;
    final String region;
    final String errorCode;
    final CloudTrailCaller caller;
    final JsonNode request;
    final JsonNode response;
    final String sourceIp;
    final String userAgent;
    final byte[] payload;
    private final ParseOutput out;
    private int yielded;

    CloudTrailEvent(
            String baseId,
            long time,
            String name,
            String account,
            String region,
            String errorCode,
            CloudTrailCaller caller,
            JsonNode request,
            JsonNode response,
            String sourceIp,
            String userAgent,
            byte[] payload,
            ParseOutput out) {
        this.baseId = baseId;
        this.time = time;
        this.name = name;
        this.account = account;
        this.region = region;
        this.errorCode = errorCode;
        this.caller = caller;
        this.request = request;
        this.response = response;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.payload = payload;
        this.out = out;
    }

    /** A new identity event of this CloudTrail event, with its id, time and account set. */
    IdentityEvent next(EventKind kind) {
        String id = yielded == 0 ? baseId : baseId + "/" + yielded;
        yielded++;
        return IdentityEvent.of(id, time, CloudTrailParser.SOURCE, kind)
                .attribute(Attributes.ACCOUNT, account);
    }

    /** A new event for a change the caller made: its actor and raw principal set. */
    IdentityEvent change(EventKind kind) {
        IdentityEvent event = next(kind).actor(caller.actor());
        if (caller.principal() != null && !caller.principal().equals(caller.actor())) {
            event.attribute(Attributes.ACTOR_PRINCIPAL, caller.principal());
        }
        return event;
    }

    /**
     * Emits an event; its account is that of the principal it is about when the principal's ARN
     * names one (a cross-account role lives in its own account, not in the recipient's).
     */
    void emit(IdentityEvent event) {
        String own = CanonicalIds.awsAccountOf(event.getIdentityId());
        if (own != null) {
            event.attribute(Attributes.ACCOUNT, own);
        }
        out.emit(event);
    }

    /** Rejects a part of this event that cannot be mapped; the rest of it still counts. */
    void reject(String reason) {
        out.reject(reason, payload);
    }

    boolean failed() {
        return errorCode != null;
    }
}
