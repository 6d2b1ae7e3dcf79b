package io.keyline.testing;

/** Single CloudTrail events, one JSON line each, for tests that feed a running job. */
public final class TrailEvents {

    private TrailEvents() {}

    /** A call at {@code time} by {@code identity}, with its request and response as JSON. */
    public static String call(
            String time, String name, String identity, String params, String response) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\""
                + time
                + "\",\"eventSource\":\""
                + (name.startsWith("Get") ? "sts" : "iam")
                + ".amazonaws.com\",\"eventName\":\""
                + name
                + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\","
                + "\"userAgent\":\"aws-cli/2.22.1\",\"recipientAccountId\":\"111122223333\","
                + "\"eventID\":\""
                + name
                + "-"
                + time
                + "\",\"userIdentity\":"
                + identity
                + ",\"requestParameters\":"
                + params
                + ",\"responseElements\":"
                + response
                + "}\n";
    }

    public static final String PERSON =
            "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/"
                    + "AWSReservedSSO_AdministratorAccess_0123456789abcdef/ana.silva@example.com\","
                    + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAQX7EXAMPLE000099\","
                    + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":"
                    + "\"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                    + "AWSReservedSSO_AdministratorAccess_0123456789abcdef\"}}}";

    public static final String OTHER_KEY = userKey("AKIAQX7EXAMPLECONT02", "svc-other");

    /** The userIdentity of IAM user {@code user} of account 111122223333 signing with a key. */
    public static String userKey(String keyId, String user) {
        return "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/"
                + user
                + "\",\"accountId\":\"111122223333\",\"accessKeyId\":\""
                + keyId
                + "\",\"userName\":\""
                + user
                + "\"}";
    }

    /** The CreateAccessKey and AttachUserPolicy calls that make an administrator's new key. */
    public static String newAdminKey(String time, String later, String keyId, String user) {
        return call(
                        time,
                        "CreateAccessKey",
                        PERSON,
                        "{\"userName\":\"" + user + "\"}",
                        "{\"accessKey\":{\"accessKeyId\":\""
                                + keyId
                                + "\",\"status\":\"Active\",\"userName\":\""
                                + user
                                + "\"}}")
                + call(
                        later,
                        "AttachUserPolicy",
                        PERSON,
                        "{\"userName\":\""
                                + user
                                + "\",\"policyArn\":"
                                + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}",
                        "null");
    }
}
