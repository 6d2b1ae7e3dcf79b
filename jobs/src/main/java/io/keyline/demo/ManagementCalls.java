package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Fills a record for a planned IAM change (users, access keys, policies, groups, roles) with the
 * request parameters and response elements CloudTrail prints for it.
 */
final class ManagementCalls {

    private ManagementCalls() {}

    static void fill(CloudTrailEvent ev, Estate e, UserPlan user, ManagementEvent change) {
        begin(ev, change);
        String userName = user.name();
        int arg = change.argument();
        switch (change.action()) {
            case CREATE_USER:
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("userName", userName);
                            tags(g, e, user);
                            g.writeEndObject();
                        };
                ev.responseElements =
                        g -> {
                            g.writeStartObject();
                            g.writeObjectFieldStart("user");
                            g.writeStringField("path", "/");
                            g.writeStringField("userName", userName);
                            g.writeStringField("userId", user.userId());
                            g.writeStringField("arn", user.arn());
                            g.writeStringField("createDate", TimeFormats.javaDate(user.created()));
                            tags(g, e, user);
                            g.writeEndObject();
                            g.writeEndObject();
                        };
                break;
            case ATTACH_USER_POLICY:
            case DETACH_USER_POLICY:
                String policyArn = policyArn(arg, user.accountId());
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("userName", userName);
                            g.writeStringField("policyArn", policyArn);
                            g.writeEndObject();
                        };
                break;
            case PUT_USER_POLICY:
                CustomerPolicy inline = CustomerPolicy.values()[arg - 16];
                String document = PolicyDocuments.compact(inline.document(user.accountId()));
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("userName", userName);
                            g.writeStringField("policyName", inline.inlineName());
                            g.writeStringField("policyDocument", document);
                            g.writeEndObject();
                        };
                break;
            case ADD_USER_TO_GROUP:
                String group = IamGroup.values()[arg - 24].groupName();
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("groupName", group);
                            g.writeStringField("userName", userName);
                            g.writeEndObject();
                        };
                break;
            case CREATE_ACCESS_KEY:
                KeyPlan created = user.keys()[arg];
                ev.requestParameters = userName(userName);
                ev.responseElements =
                        g -> {
                            g.writeStartObject();
                            g.writeObjectFieldStart("accessKey");
                            g.writeStringField("accessKeyId", created.id());
                            g.writeStringField("status", "Active");
                            g.writeStringField("userName", userName);
                            g.writeStringField(
                                    "createDate", TimeFormats.javaDate(created.created()));
                            g.writeEndObject();
                            g.writeEndObject();
                        };
                break;
            case UPDATE_ACCESS_KEY:
                KeyPlan updated = user.keys()[arg];
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("accessKeyId", updated.id());
                            g.writeStringField("status", "Inactive");
                            g.writeStringField("userName", userName);
                            g.writeEndObject();
                        };
                break;
            case DELETE_ACCESS_KEY:
                KeyPlan deleted = user.keys()[arg];
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("accessKeyId", deleted.id());
                            g.writeStringField("userName", userName);
                            g.writeEndObject();
                        };
                break;
            default:
                throw new IllegalArgumentException(change.action() + " is not a user change.");
        }
    }

    static void fill(CloudTrailEvent ev, RolePlan role, ManagementEvent change) {
        begin(ev, change);
        String roleName = role.name();
        switch (change.action()) {
            case CREATE_ROLE:
                JsonSection trust = PolicyDocuments.trust(role);
                String document = PolicyDocuments.compact(trust);
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("roleName", roleName);
                            g.writeStringField("assumeRolePolicyDocument", document);
                            g.writeEndObject();
                        };
                ev.responseElements =
                        g -> {
                            g.writeStartObject();
                            g.writeObjectFieldStart("role");
                            g.writeStringField("path", role.path());
                            g.writeStringField("roleName", roleName);
                            g.writeStringField("roleId", role.roleId());
                            g.writeStringField("arn", role.arn());
                            g.writeStringField("createDate", TimeFormats.javaDate(role.created()));
                            g.writeStringField(
                                    "assumeRolePolicyDocument", PolicyDocuments.urlEncoded(trust));
                            g.writeEndObject();
                            g.writeEndObject();
                        };
                break;
            case ATTACH_ROLE_POLICY:
                String policyArn = policyArn(change.argument(), role.accountId());
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("roleName", roleName);
                            g.writeStringField("policyArn", policyArn);
                            g.writeEndObject();
                        };
                break;
            default:
                throw new IllegalArgumentException(change.action() + " is not a role change.");
        }
    }

    /** The ARN of a directly attached policy's {@link Grants} bit. */
    static String policyArn(int bit, String accountId) {
        return bit < 8
                ? ManagedPolicy.values()[bit].arn()
                : CustomerPolicy.values()[bit - 8].arn(accountId);
    }

    private static void begin(CloudTrailEvent ev, ManagementEvent change) {
        ev.service = Service.IAM;
        ev.eventName = change.action().eventName();
        ev.readOnly = false;
        ev.data = false;
        ev.tlsHost = "iam.amazonaws.com";
    }

    private static JsonSection userName(String userName) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("userName", userName);
            g.writeEndObject();
        };
    }

    /** The owner tag, in CloudTrail's lower-case spelling. */
    private static void tags(JsonGenerator g, Estate e, UserPlan user) throws IOException {
        if (user.ownerTag() < 0) {
            return;
        }
        g.writeArrayFieldStart("tags");
        g.writeStartObject();
        g.writeStringField("key", "owner");
        g.writeStringField("value", e.email(user.ownerTag()));
        g.writeEndObject();
        g.writeEndArray();
    }
}
