package io.keyline.demo;

/**
 * Fills a record for the STS calls that hand out credentials: {@code AssumeRole}, {@code
 * GetSessionToken} and {@code AssumeRoleWithWebIdentity}. Their responses carry the session token,
 * exactly as CloudTrail prints it; the renderer collects those tokens as planted secrets.
 */
final class StsCalls {

    private StsCalls() {}

    /**
     * @param roleArn the role assumed
     * @param roleId its unique id
     * @param assumedArn the session's ARN
     * @param credentials null when the call is denied
     */
    static void assumeRole(
            CloudTrailEvent ev,
            String roleArn,
            String roleAccount,
            String roleId,
            String sessionName,
            String assumedArn,
            Sessions.Credentials credentials,
            String callerArn) {
        sts(ev, "AssumeRole");
        ev.requestParameters =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("roleArn", roleArn);
                    g.writeStringField("roleSessionName", sessionName);
                    g.writeNumberField("durationSeconds", 3600);
                    g.writeEndObject();
                };
        ev.resources =
                g -> {
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeStringField("accountId", roleAccount);
                    g.writeStringField("type", "AWS::IAM::Role");
                    g.writeStringField("ARN", roleArn);
                    g.writeEndObject();
                    g.writeEndArray();
                };
        if (credentials == null) {
            ev.deny(
                    "User: "
                            + callerArn
                            + " is not authorized to perform: sts:AssumeRole on resource: "
                            + roleArn);
            return;
        }
        ev.responseElements =
                g -> {
                    g.writeStartObject();
                    credentials.json().write(g);
                    g.writeObjectFieldStart("assumedRoleUser");
                    g.writeStringField("assumedRoleId", roleId + ":" + sessionName);
                    g.writeStringField("arn", assumedArn);
                    g.writeEndObject();
                    g.writeEndObject();
                };
    }

    /**
     * @param credentials null when the call is denied
     */
    static void getSessionToken(
            CloudTrailEvent ev, Sessions.Credentials credentials, String callerArn) {
        sts(ev, "GetSessionToken");
        ev.requestParameters =
                g -> {
                    g.writeStartObject();
                    g.writeNumberField("durationSeconds", 43_200);
                    g.writeEndObject();
                };
        if (credentials == null) {
            ev.deny("User: " + callerArn + " is not authorized to perform: sts:GetSessionToken");
            return;
        }
        ev.responseElements =
                g -> {
                    g.writeStartObject();
                    credentials.json().write(g);
                    g.writeEndObject();
                };
    }

    static void assumeRoleWithWebIdentity(
            CloudTrailEvent ev,
            RolePlan role,
            String sessionName,
            Sessions.Credentials credentials) {
        sts(ev, "AssumeRoleWithWebIdentity");
        ev.requestParameters =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("roleArn", role.arn());
                    g.writeStringField("roleSessionName", sessionName);
                    g.writeNumberField("durationSeconds", 3600);
                    g.writeEndObject();
                };
        ev.responseElements =
                g -> {
                    g.writeStartObject();
                    credentials.json().write(g);
                    g.writeStringField("subjectFromWebIdentityToken", role.subject());
                    g.writeObjectFieldStart("assumedRoleUser");
                    g.writeStringField("assumedRoleId", role.roleId() + ":" + sessionName);
                    g.writeStringField("arn", role.sessionArn(sessionName));
                    g.writeEndObject();
                    g.writeStringField("provider", role.oidcProviderArn());
                    g.writeStringField("audience", "sts.amazonaws.com");
                    g.writeEndObject();
                };
        ev.resources =
                g -> {
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeStringField("accountId", role.accountId());
                    g.writeStringField("type", "AWS::IAM::Role");
                    g.writeStringField("ARN", role.arn());
                    g.writeEndObject();
                    g.writeEndArray();
                };
    }

    private static void sts(CloudTrailEvent ev, String eventName) {
        ev.service = Service.STS;
        ev.eventName = eventName;
        ev.readOnly = true;
        ev.data = false;
        ev.tlsHost = "sts." + ev.region + ".amazonaws.com";
    }
}
