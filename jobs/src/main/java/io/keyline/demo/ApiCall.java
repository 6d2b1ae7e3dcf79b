package io.keyline.demo;

import io.keyline.model.PrivilegeTier;
import java.util.SplittableRandom;

/** The API calls principals make, with how CloudTrail classifies each. */
enum ApiCall {
    GET_OBJECT(Service.S3, "GetObject", true, true),
    PUT_OBJECT(Service.S3, "PutObject", false, true),
    LIST_OBJECTS(Service.S3, "ListObjects", true, true),
    GET_CALLER_IDENTITY(Service.STS, "GetCallerIdentity", true, false),
    GET_ITEM(Service.DYNAMODB, "GetItem", true, true),
    PUT_ITEM(Service.DYNAMODB, "PutItem", false, true),
    GET_SECRET_VALUE(Service.SECRETS_MANAGER, "GetSecretValue", true, false),
    LIST_USERS(Service.IAM, "ListUsers", true, false),
    GET_USER(Service.IAM, "GetUser", true, false),
    LIST_ROLES(Service.IAM, "ListRoles", true, false),
    ASSUME_ROLE(Service.STS, "AssumeRole", true, false),
    GET_SESSION_TOKEN(Service.STS, "GetSessionToken", true, false);

    // Weights of the first ten calls for each tier, from none to admin.
    private static final int[][] WEIGHTS = {
        {20, 0, 0, 80, 0, 0, 0, 0, 0, 0},
        {40, 0, 20, 10, 20, 0, 0, 5, 5, 0},
        {30, 25, 10, 8, 15, 12, 0, 0, 0, 0},
        {25, 20, 8, 7, 10, 10, 20, 0, 0, 0},
        {20, 15, 8, 7, 8, 7, 10, 10, 8, 7}
    };
    private static final ApiCall[] CALLS = values();

    private final Service service;
    private final String eventName;
    private final boolean readOnly;
    private final boolean data;

    ApiCall(Service service, String eventName, boolean readOnly, boolean data) {
        this.service = service;
        this.eventName = eventName;
        this.readOnly = readOnly;
        this.data = data;
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

    /** An everyday call of a principal of that tier. */
    static ApiCall pick(PrivilegeTier tier, SplittableRandom r) {
        int[] weights = WEIGHTS[tier.ordinal()];
        int x = r.nextInt(100);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return CALLS[i];
            }
        }
        return GET_CALLER_IDENTITY;
    }
}
