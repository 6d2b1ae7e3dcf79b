package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Ids;
import io.keyline.demo.TimeFormats;
import java.io.IOException;
import java.util.Map;

/**
 * One Okta System Log event ({@code LogEvent}) as the System Log API returns it: actor, client,
 * authentication context, debug data (all strings), outcome, targets and transaction, in Okta's
 * field order.
 */
final class OktaEvents {

    /** Who or what acted, or is a target. */
    record Party(String id, String type, String alternateId, String displayName) {}

    /** The client of the request. */
    record Client(String ip, String userAgent, String os, String browser) {}

    private OktaEvents() {}

    /** Okta's {@code published}: ISO-8601 with milliseconds. */
    static String published(long second) {
        String iso = TimeFormats.iso(second);
        return iso.substring(0, iso.length() - 1) + ".000Z";
    }

    static String line(
            long hash,
            long time,
            String eventType,
            String message,
            Party actor,
            Client client,
            String session,
            Map<String, String> debug,
            Party[] targets,
            String apiTokenId) {
        return Output.compact(
                g -> {
                    g.writeStartObject();
                    party(g, "actor", actor);
                    g.writeObjectFieldStart("client");
                    g.writeObjectFieldStart("userAgent");
                    g.writeStringField("rawUserAgent", client.userAgent());
                    g.writeStringField("os", client.os());
                    g.writeStringField("browser", client.browser());
                    g.writeEndObject();
                    g.writeStringField("zone", "null");
                    g.writeStringField(
                            "device", client.browser().equals("UNKNOWN") ? "Unknown" : "Computer");
                    g.writeNullField("id");
                    g.writeStringField("ipAddress", client.ip());
                    g.writeNullField("geographicalContext");
                    g.writeEndObject();
                    g.writeNullField("device");
                    g.writeObjectFieldStart("authenticationContext");
                    g.writeNullField("authenticationProvider");
                    g.writeNullField("credentialProvider");
                    g.writeNullField("credentialType");
                    g.writeNullField("issuer");
                    g.writeNullField("interface");
                    g.writeNumberField("authenticationStep", 0);
                    g.writeStringField("externalSessionId", session == null ? "unknown" : session);
                    g.writeEndObject();
                    g.writeStringField("displayMessage", message);
                    g.writeStringField("eventType", eventType);
                    g.writeObjectFieldStart("outcome");
                    g.writeStringField("result", "SUCCESS");
                    g.writeNullField("reason");
                    g.writeEndObject();
                    g.writeStringField("published", published(time));
                    g.writeStringField("severity", "INFO");
                    g.writeObjectFieldStart("debugContext");
                    g.writeObjectFieldStart("debugData");
                    g.writeStringField("requestId", Ids.alphanumeric(rng(hash, 1), 27));
                    for (Map.Entry<String, String> e : debug.entrySet()) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeNullField("legacyEventType");
                    g.writeObjectFieldStart("transaction");
                    g.writeStringField("type", "WEB");
                    g.writeStringField("id", Ids.alphanumeric(rng(hash, 2), 27));
                    g.writeObjectFieldStart("detail");
                    if (apiTokenId != null) {
                        g.writeStringField("requestApiTokenId", apiTokenId);
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeStringField("uuid", Ids.uuid(hash));
                    g.writeStringField("version", "0");
                    g.writeObjectFieldStart("request");
                    g.writeArrayFieldStart("ipChain");
                    g.writeStartObject();
                    g.writeStringField("ip", client.ip());
                    g.writeNullField("geographicalContext");
                    g.writeStringField("version", "V4");
                    g.writeNullField("source");
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    if (targets == null) {
                        g.writeNullField("target");
                    } else {
                        g.writeArrayFieldStart("target");
                        for (Party t : targets) {
                            writeParty(g, t);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                });
    }

    private static void party(JsonGenerator g, String field, Party p) throws IOException {
        g.writeFieldName(field);
        writeParty(g, p);
    }

    private static void writeParty(JsonGenerator g, Party p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("type", p.type());
        g.writeStringField("alternateId", p.alternateId());
        g.writeStringField("displayName", p.displayName());
        g.writeNullField("detailEntry");
        g.writeEndObject();
    }

    private static java.util.SplittableRandom rng(long hash, int part) {
        return new java.util.SplittableRandom(io.keyline.demo.Seeds.mix(hash + part));
    }
}
