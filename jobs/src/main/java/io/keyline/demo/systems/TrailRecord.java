package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Ids;
import io.keyline.demo.TimeFormats;
import java.io.IOException;

/**
 * One CloudTrail record of the platform account, in CloudTrail's field order: who called (an IAM
 * user with its key, a role session, a SAML or web identity user), what, from where, with which
 * parameters and response.
 */
final class TrailRecord {

    /** Writes the {@code userIdentity} object. */
    interface Identity extends Output.JsonBody {}

    String eventSource;
    String eventName;
    long time;
    Identity identity;
    String sourceIp;
    String userAgent;
    Output.JsonBody request;
    Output.JsonBody response;
    Output.JsonBody resources;
    boolean readOnly;
    boolean data;
    long hash;

    void write(JsonGenerator g, String account) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventVersion", data ? "1.09" : "1.10");
        g.writeFieldName("userIdentity");
        identity.write(g);
        g.writeStringField("eventTime", TimeFormats.iso(time));
        g.writeStringField("eventSource", eventSource);
        g.writeStringField("eventName", eventName);
        g.writeStringField("awsRegion", "us-east-1");
        g.writeStringField("sourceIPAddress", sourceIp);
        g.writeStringField("userAgent", userAgent);
        g.writeFieldName("requestParameters");
        if (request == null) {
            g.writeNull();
        } else {
            request.write(g);
        }
        g.writeFieldName("responseElements");
        if (response == null) {
            g.writeNull();
        } else {
            response.write(g);
        }
        g.writeStringField("requestID", Ids.uuid(hash + 1));
        g.writeStringField("eventID", Ids.uuid(hash));
        g.writeBooleanField("readOnly", readOnly);
        if (resources != null) {
            g.writeFieldName("resources");
            resources.write(g);
        }
        g.writeStringField("eventType", "AwsApiCall");
        g.writeBooleanField("managementEvent", !data);
        g.writeStringField("recipientAccountId", account);
        g.writeStringField("eventCategory", data ? "Data" : "Management");
        g.writeEndObject();
    }

    /** An IAM user calling with a long-term key. */
    static Identity user(String account, String name, String userId, String keyId) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("type", "IAMUser");
            g.writeStringField("principalId", userId);
            g.writeStringField("arn", "arn:aws:iam::" + account + ":user/" + name);
            g.writeStringField("accountId", account);
            g.writeStringField("accessKeyId", keyId);
            g.writeStringField("userName", name);
            g.writeEndObject();
        };
    }

    /** A role session with its temporary key. */
    static Identity session(
            String account,
            String roleName,
            String roleId,
            String session,
            String sessionKey,
            long sessionStart) {
        String rolePath =
                roleName.startsWith("AWSReservedSSO_")
                        ? "role/aws-reserved/sso.amazonaws.com/" + roleName
                        : "role/" + roleName;
        return g -> {
            g.writeStartObject();
            g.writeStringField("type", "AssumedRole");
            g.writeStringField("principalId", roleId + ":" + session);
            g.writeStringField(
                    "arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session);
            g.writeStringField("accountId", account);
            g.writeStringField("accessKeyId", sessionKey);
            g.writeObjectFieldStart("sessionContext");
            g.writeObjectFieldStart("sessionIssuer");
            g.writeStringField("type", "Role");
            g.writeStringField("principalId", roleId);
            g.writeStringField("arn", "arn:aws:iam::" + account + ":" + rolePath);
            g.writeStringField("accountId", account);
            g.writeStringField("userName", roleName);
            g.writeEndObject();
            g.writeObjectFieldStart("attributes");
            g.writeStringField("creationDate", TimeFormats.iso(sessionStart));
            g.writeStringField("mfaAuthenticated", "false");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        };
    }
}
