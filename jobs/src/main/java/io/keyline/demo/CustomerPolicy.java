package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.model.PrivilegeTier;
import java.io.IOException;

/**
 * The customer-managed policies of every account, with their documents and the tier Keyline's rules
 * give them. The same documents serve as inline policies ({@code inline-<name>}).
 */
enum CustomerPolicy {
    FULL_ADMIN("full-admin", PrivilegeTier.ADMIN, Permissions.ALL),
    IAM_SELF_SERVICE("iam-self-service", PrivilegeTier.ADMIN, 0),
    SECRETS_READER("secrets-reader", PrivilegeTier.HIGH, Permissions.SECRETS),
    DEPLOY_S3("deploy-s3", PrivilegeTier.HIGH, Permissions.S3),
    APP_RW("app-rw", PrivilegeTier.WRITE, Permissions.S3 | Permissions.DYNAMODB),
    APP_RO("app-ro", PrivilegeTier.READ, Permissions.S3_READ);

    private final String policyName;
    private final PrivilegeTier tier;
    private final int permissions;

    CustomerPolicy(String policyName, PrivilegeTier tier, int permissions) {
        this.policyName = policyName;
        this.tier = tier;
        this.permissions = permissions;
    }

    String policyName() {
        return policyName;
    }

    String inlineName() {
        return "inline-" + policyName;
    }

    String arn(String account) {
        return "arn:aws:iam::" + account + ":policy/" + policyName;
    }

    PrivilegeTier tier() {
        return tier;
    }

    /** What it lets a principal call, as {@link Permissions} bits. */
    int permissions() {
        return permissions;
    }

    /** The policy document for an account. */
    JsonSection document(String account) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("Version", "2012-10-17");
            g.writeArrayFieldStart("Statement");
            statements(g, account);
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    private void statements(JsonGenerator g, String account) throws IOException {
        String bucket = "arn:aws:s3:::" + Names.appBucket(account);
        switch (this) {
            case FULL_ADMIN:
                allow(g, "FullAdmin", new String[] {"*"}, new String[] {"*"});
                break;
            case IAM_SELF_SERVICE:
                allow(
                        g,
                        "ManageOwnUser",
                        new String[] {"iam:AttachUserPolicy", "iam:CreateAccessKey"},
                        new String[] {"arn:aws:iam::" + account + ":user/${aws:username}"});
                break;
            case SECRETS_READER:
                allow(
                        g,
                        "ReadAppSecrets",
                        new String[] {
                            "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"
                        },
                        new String[] {
                            "arn:aws:secretsmanager:us-east-1:" + account + ":secret:app/*"
                        });
                break;
            case DEPLOY_S3:
                allow(g, "DeployArtifacts", new String[] {"s3:*"}, new String[] {"*"});
                break;
            case APP_RW:
                allow(
                        g,
                        "AppData",
                        new String[] {"s3:GetObject", "s3:PutObject", "s3:ListBucket"},
                        new String[] {bucket, bucket + "/*"});
                allow(
                        g,
                        "AppState",
                        new String[] {"dynamodb:GetItem", "dynamodb:PutItem"},
                        new String[] {
                            "arn:aws:dynamodb:us-east-1:" + account + ":table/app-state"
                        });
                break;
            case APP_RO:
                allow(
                        g,
                        "AppDataRead",
                        new String[] {"s3:GetObject", "s3:ListBucket"},
                        new String[] {bucket, bucket + "/*"});
                // A guard rail: Deny statements grant nothing, so this must not raise the tier.
                statement(g, "Deny", "NoIam", new String[] {"iam:*"}, new String[] {"*"});
                break;
            default:
                throw new IllegalStateException("No document for policy " + this + ".");
        }
    }

    private static void allow(JsonGenerator g, String sid, String[] actions, String[] resources)
            throws IOException {
        statement(g, "Allow", sid, actions, resources);
    }

    private static void statement(
            JsonGenerator g, String effect, String sid, String[] actions, String[] resources)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("Sid", sid);
        g.writeStringField("Effect", effect);
        stringOrList(g, "Action", actions);
        stringOrList(g, "Resource", resources);
        g.writeEndObject();
    }

    private static void stringOrList(JsonGenerator g, String field, String[] values)
            throws IOException {
        if (values.length == 1) {
            g.writeStringField(field, values[0]);
            return;
        }
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
