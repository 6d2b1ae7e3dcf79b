package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an account's {@code aws iam get-account-authorization-details} output at the end of the
 * window, as the CLI prints it. Policy documents are JSON objects in accounts of even index and
 * URL-encoded JSON text (as the raw IAM API returns them) in accounts of odd index.
 */
final class AuthorizationDetailsWriter {

    private final Estate e;
    private final Usage usage;
    private final int account;
    private final String accountId;
    private final boolean encoded;
    private final int[] attachments = new int[CustomerPolicy.values().length];

    private AuthorizationDetailsWriter(Estate e, Usage usage, int account) {
        this.e = e;
        this.usage = usage;
        this.account = account;
        this.accountId = e.accountId(account);
        this.encoded = account % 2 == 1;
    }

    static void write(Estate e, Usage usage, int account, Path file) throws IOException {
        new AuthorizationDetailsWriter(e, usage, account).write(file);
    }

    private void write(Path file) throws IOException {
        try (JsonGenerator g = OutputTree.prettyJson(file, 4)) {
            g.writeStartObject();
            g.writeArrayFieldStart("UserDetailList");
            for (int i = e.firstIdentity(account); i < e.endIdentity(account); i++) {
                if (e.kind(i) == IdentityKind.USER) {
                    user(g, UserPlanner.plan(e, i));
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("GroupDetailList");
            for (IamGroup group : IamGroup.values()) {
                group(g, group);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("RoleDetailList");
            for (int i = e.firstIdentity(account); i < e.endIdentity(account); i++) {
                if (e.kind(i).isRole()) {
                    role(g, RolePlanner.plan(e, i));
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Policies");
            for (CustomerPolicy policy : CustomerPolicy.values()) {
                policy(g, policy);
            }
            g.writeEndArray();
            g.writeBooleanField("IsTruncated", false);
            g.writeEndObject();
        }
    }

    private void user(JsonGenerator g, UserPlan user) throws IOException {
        int grants = user.grants();
        g.writeStartObject();
        g.writeStringField("Path", "/");
        g.writeStringField("UserName", user.name());
        g.writeStringField("UserId", user.userId());
        g.writeStringField("Arn", user.arn());
        g.writeStringField("CreateDate", TimeFormats.iso(user.created()));
        inlinePolicies(g, "UserPolicyList", grants);
        g.writeArrayFieldStart("GroupList");
        for (IamGroup group : IamGroup.values()) {
            if (Grants.has(grants, Grants.group(group))) {
                g.writeString(group.groupName());
            }
        }
        g.writeEndArray();
        attachedPolicies(g, grants);
        if (user.ownerTag() >= 0) {
            g.writeArrayFieldStart("Tags");
            tag(g, "owner", e.email(user.ownerTag()));
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void group(JsonGenerator g, IamGroup group) throws IOException {
        g.writeStartObject();
        g.writeStringField("Path", "/");
        g.writeStringField("GroupName", group.groupName());
        g.writeStringField("GroupId", Ids.iamId(e.seed, "AGPA", account * 8L + group.ordinal()));
        g.writeStringField("Arn", group.arn(accountId));
        g.writeStringField("CreateDate", TimeFormats.iso(e.accountCreated(account) + 7200));
        g.writeArrayFieldStart("GroupPolicyList");
        g.writeEndArray();
        attachedPolicies(g, group.grants());
        g.writeEndObject();
    }

    private void role(JsonGenerator g, RolePlan role) throws IOException {
        g.writeStartObject();
        g.writeStringField("Path", role.path());
        g.writeStringField("RoleName", role.name());
        g.writeStringField("RoleId", role.roleId());
        g.writeStringField("Arn", role.arn());
        g.writeStringField("CreateDate", TimeFormats.iso(role.created()));
        g.writeFieldName("AssumeRolePolicyDocument");
        PolicyDocuments.write(g, PolicyDocuments.trust(role), encoded);
        g.writeArrayFieldStart("InstanceProfileList");
        g.writeEndArray();
        inlinePolicies(g, "RolePolicyList", role.grants());
        attachedPolicies(g, role.grants());
        g.writeArrayFieldStart("Tags");
        tag(g, "team", role.workload().team());
        g.writeEndArray();
        long lastUsed = Math.max(usage.roleLastUse(role.identity()), role.priorLastUse());
        g.writeObjectFieldStart("RoleLastUsed");
        if (lastUsed >= 0) {
            g.writeStringField("LastUsedDate", TimeFormats.iso(lastUsed));
            g.writeStringField("Region", e.region(account));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void policy(JsonGenerator g, CustomerPolicy policy) throws IOException {
        String created = TimeFormats.iso(e.accountCreated(account) + 3600 + policy.ordinal());
        g.writeStartObject();
        g.writeStringField("PolicyName", policy.policyName());
        g.writeStringField("PolicyId", Ids.iamId(e.seed, "ANPA", account * 8L + policy.ordinal()));
        g.writeStringField("Arn", policy.arn(accountId));
        g.writeStringField("Path", "/");
        g.writeStringField("DefaultVersionId", "v1");
        g.writeNumberField("AttachmentCount", attachments[policy.ordinal()]);
        g.writeNumberField("PermissionsBoundaryUsageCount", 0);
        g.writeBooleanField("IsAttachable", true);
        g.writeStringField("CreateDate", created);
        g.writeStringField("UpdateDate", created);
        g.writeArrayFieldStart("PolicyVersionList");
        g.writeStartObject();
        g.writeFieldName("Document");
        PolicyDocuments.write(g, policy.document(accountId), encoded);
        g.writeStringField("VersionId", "v1");
        g.writeBooleanField("IsDefaultVersion", true);
        g.writeStringField("CreateDate", created);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void inlinePolicies(JsonGenerator g, String field, int grants) throws IOException {
        g.writeArrayFieldStart(field);
        for (CustomerPolicy policy : CustomerPolicy.values()) {
            if (Grants.has(grants, Grants.inline(policy))) {
                g.writeStartObject();
                g.writeStringField("PolicyName", policy.inlineName());
                g.writeFieldName("PolicyDocument");
                PolicyDocuments.write(g, policy.document(accountId), encoded);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    /** The directly attached policies, counting the customer-managed ones' attachments. */
    private void attachedPolicies(JsonGenerator g, int grants) throws IOException {
        g.writeArrayFieldStart("AttachedManagedPolicies");
        for (ManagedPolicy policy : ManagedPolicy.values()) {
            if (Grants.has(grants, Grants.managed(policy))) {
                attached(g, policy.policyName(), policy.arn());
            }
        }
        for (CustomerPolicy policy : CustomerPolicy.values()) {
            if (Grants.has(grants, Grants.customer(policy))) {
                attached(g, policy.policyName(), policy.arn(accountId));
                attachments[policy.ordinal()]++;
            }
        }
        g.writeEndArray();
    }

    private static void attached(JsonGenerator g, String name, String arn) throws IOException {
        g.writeStartObject();
        g.writeStringField("PolicyName", name);
        g.writeStringField("PolicyArn", arn);
        g.writeEndObject();
    }

    private static void tag(JsonGenerator g, String key, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("Key", key);
        g.writeStringField("Value", value);
        g.writeEndObject();
    }
}
