package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import org.apache.flink.annotation.Internal;

/**
 * Okta System Log events ({@code LogEvent} objects), as the System Log API returns them ({@code GET
 * /api/v1/logs}: a JSON array), one per line as exporters and SIEM forwarders write them, or inside
 * an event hook delivery ({@code {"data":{"events":[...]}}}). Field names are matched without case
 * or underscores, so normalized ({@code debugcontext}) and older ({@code authentication_context})
 * variants read the same.
 *
 * <p>The events map to the uses, creations and grants of API tokens, OAuth service apps and service
 * users that {@link SystemLogFacts} lists; every other event yields nothing. The org that scopes
 * token and app ids comes from {@link OktaOrgs}: the file's folder, else the host of the event's
 * request URL, else an {@code org} field. Okta logs carry no secret values; debug data, the one
 * free-form part, is read only by named fields and removed from anything rejected.
 */
@Internal
public final class SystemLogParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "okta-system-log";

    private static final String EVENT = "an Okta System Log event";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        JsonNode hookEvents = OktaFields.get(OktaFields.object(root, "data"), "events");
        if (root.isArray()) {
            root.forEach(event -> parseEvent(event, record.getOrigin(), out));
        } else if (hookEvents != null && hookEvents.isArray()) {
            hookEvents.forEach(event -> parseEvent(event, record.getOrigin(), out));
        } else if (root.isObject()) {
            parseEvent(root, record.getOrigin(), out);
        } else {
            out.reject(
                    "the record is neither " + EVENT + " nor an array of them",
                    record.getPayload());
        }
    }

    private static void parseEvent(JsonNode event, String origin, ParseOutput out) {
        byte[] payload = OktaFields.redacted(event);
        if (!event.isObject()) {
            out.reject(EVENT + " is not a JSON object", payload);
            return;
        }
        String problem = shapeProblem(event);
        if (problem != null) {
            out.reject(problem, payload);
            return;
        }
        long time;
        try {
            time = Timestamps.parse(OktaFields.get(event, "published").asText());
        } catch (IllegalArgumentException e) {
            out.reject("the published time of " + EVENT + " is not a time stamp", payload);
            return;
        }
        String eventType = OktaFields.text(event, "eventType");
        String uuid = OktaFields.text(event, "uuid");
        String baseId =
                uuid != null
                        ? EventIds.of(SOURCE, uuid, 0)
                        : EventIds.hashed(SOURCE, event.toString());
        String org =
                OktaOrgs.of(
                        origin,
                        SOURCE,
                        OktaFields.text(event, "org"),
                        OktaFields.text(event, "debugContext", "debugData", "requestUri"),
                        OktaFields.text(event, "debugContext", "debugData", "url"));
        SystemLogFacts.emit(new OktaLogEvent(baseId, time, org, eventType, event, payload, out));
    }

    /** What makes an event unreadable, or null when its shape is one Keyline reads. */
    private static String shapeProblem(JsonNode event) {
        JsonNode type = OktaFields.get(event, "eventType");
        if (type == null || type.isNull() || (type.isTextual() && type.asText().isBlank())) {
            return EVENT + " has no eventType";
        }
        if (!type.isTextual()) {
            return "the eventType of " + EVENT + " is not a string";
        }
        JsonNode published = OktaFields.get(event, "published");
        if (published == null || published.isNull()) {
            return EVENT + " has no published time";
        }
        if (!published.isTextual()) {
            return "the published time of " + EVENT + " is not a string";
        }
        for (String field : new String[] {"actor", "client", "outcome", "debugContext"}) {
            JsonNode part = OktaFields.get(event, field);
            if (part != null && !part.isNull() && !part.isObject()) {
                return "the " + field + " of " + EVENT + " is not an object";
            }
        }
        JsonNode debugData = OktaFields.get(OktaFields.get(event, "debugContext"), "debugData");
        if (debugData != null && !debugData.isNull() && !debugData.isObject()) {
            return "the debugData of " + EVENT + " is not an object";
        }
        JsonNode target = OktaFields.get(event, "target");
        if (target != null && !target.isNull() && !target.isArray()) {
            return "the target of " + EVENT + " is neither an array nor null";
        }
        return null;
    }
}
