package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One CloudTrail record being rendered: the renderer fills the fields, a trail file writes it, and
 * the same instance is reset for the next record. Fields are written in CloudTrail's order.
 */
final class CloudTrailEvent {

    String eventVersion;
    JsonSection userIdentity;
    long time;
    Service service;
    String eventName;
    String region;
    String sourceIp;
    String userAgent;
    String errorCode;
    String errorMessage;

    /** Null writes JSON null, as CloudTrail does for calls without parameters. */
    JsonSection requestParameters;

    JsonSection responseElements;

    /** Null leaves the field out. */
    JsonSection resources;

    String requestId;
    String eventId;
    boolean readOnly;
    boolean data;
    String recipientAccountId;

    /** The host name of the TLS details; null leaves them out. */
    String tlsHost;

    void reset() {
        userIdentity = null;
        errorCode = null;
        errorMessage = null;
        requestParameters = null;
        responseElements = null;
        resources = null;
        tlsHost = null;
        data = false;
    }

    /** Marks the call denied: an error and no response. */
    void deny(String message) {
        errorCode = "AccessDenied";
        errorMessage = message;
        responseElements = null;
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventVersion", eventVersion);
        g.writeFieldName("userIdentity");
        userIdentity.write(g);
        g.writeStringField("eventTime", TimeFormats.iso(time));
        g.writeStringField("eventSource", service.eventSource());
        g.writeStringField("eventName", eventName);
        g.writeStringField("awsRegion", region);
        g.writeStringField("sourceIPAddress", sourceIp);
        g.writeStringField("userAgent", userAgent);
        if (errorCode != null) {
            g.writeStringField("errorCode", errorCode);
            g.writeStringField("errorMessage", errorMessage);
        }
        g.writeFieldName("requestParameters");
        writeOrNull(g, requestParameters);
        g.writeFieldName("responseElements");
        writeOrNull(g, responseElements);
        g.writeStringField("requestID", requestId);
        g.writeStringField("eventID", eventId);
        g.writeBooleanField("readOnly", readOnly);
        if (resources != null) {
            g.writeFieldName("resources");
            resources.write(g);
        }
        g.writeStringField("eventType", "AwsApiCall");
        g.writeBooleanField("managementEvent", !data);
        g.writeStringField("recipientAccountId", recipientAccountId);
        g.writeStringField("eventCategory", data ? "Data" : "Management");
        if (tlsHost != null) {
            g.writeObjectFieldStart("tlsDetails");
            g.writeStringField("tlsVersion", "TLSv1.3");
            g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
            g.writeStringField("clientProvidedHostHeader", tlsHost);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeOrNull(JsonGenerator g, JsonSection section) throws IOException {
        if (section == null) {
            g.writeNull();
        } else {
            section.write(g);
        }
    }
}
