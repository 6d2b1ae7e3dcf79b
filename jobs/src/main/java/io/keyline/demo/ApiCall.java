package io.keyline.demo;

import java.util.SplittableRandom;

/** The API calls principals make, with how CloudTrail classifies each. */
enum ApiCall {
    GET_OBJECT(Service.S3, "GetObject", true, true, Permissions.S3_READ, 30),
    PUT_OBJECT(Service.S3, "PutObject", false, true, Permissions.S3_WRITE, 20),
    LIST_OBJECTS(Service.S3, "ListObjects", true, true, Permissions.S3_READ, 10),
    GET_CALLER_IDENTITY(Service.STS, "GetCallerIdentity", true, false, 0, 8),
    GET_ITEM(Service.DYNAMODB, "GetItem", true, true, Permissions.DYNAMODB_READ, 14),
    PUT_ITEM(Service.DYNAMODB, "PutItem", false, true, Permissions.DYNAMODB_WRITE, 10),
    GET_SECRET_VALUE(
            Service.SECRETS_MANAGER, "GetSecretValue", true, false, Permissions.SECRETS, 12),
    LIST_USERS(Service.IAM, "ListUsers", true, false, Permissions.IAM_READ, 6),
    GET_USER(Service.IAM, "GetUser", true, false, Permissions.IAM_READ, 5),
    LIST_ROLES(Service.IAM, "ListRoles", true, false, Permissions.IAM_READ, 4),
    ASSUME_ROLE(Service.STS, "AssumeRole", true, false, 0, 0),
    GET_SESSION_TOKEN(Service.STS, "GetSessionToken", true, false, 0, 0);

    private static final ApiCall[] CALLS = values();

    private final Service service;
    private final String eventName;
    private final boolean readOnly;
    private final boolean data;
    private final int needs;
    private final int weight;

    /**
     * @param needs the {@link Permissions} a principal needs to make it
     * @param weight how often principals allowed to make it do, relative to the other calls
     */
    ApiCall(
            Service service,
            String eventName,
            boolean readOnly,
            boolean data,
            int needs,
            int weight) {
        this.service = service;
        this.eventName = eventName;
        this.readOnly = readOnly;
        this.data = data;
        this.needs = needs;
        this.weight = weight;
    }

    Service service() {
        return service;
    }

    String eventName() {
        return eventName;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** A data event (S3 objects, DynamoDB items) rather than a management event. */
    boolean data() {
        return data;
    }

    /** The IAM action of the call, as an access-denied message names it. */
    String action() {
        return service.prefix() + ":" + eventName;
    }

    /** Whether a principal with these {@link Permissions} may make the call. */
    boolean allowedBy(int permissions) {
        return Permissions.allows(permissions, needs);
    }

    /**
     * An everyday call of a principal with these {@link Permissions}: one it may make, or for a
     * principal that may call nothing but STS, now and then an S3 read that will be denied.
     */
    static ApiCall pick(int permissions, SplittableRandom r) {
        if ((permissions & Permissions.ALL) == 0) {
            return r.nextInt(5) == 0 ? GET_OBJECT : GET_CALLER_IDENTITY;
        }
        int total = 0;
        for (ApiCall call : CALLS) {
            total += call.allowedBy(permissions) ? call.weight : 0;
        }
        int x = r.nextInt(total);
        for (ApiCall call : CALLS) {
            if (call.allowedBy(permissions)) {
                x -= call.weight;
                if (x < 0) {
                    return call;
                }
            }
        }
        return GET_CALLER_IDENTITY;
    }
}
