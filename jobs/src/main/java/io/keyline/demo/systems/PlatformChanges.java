package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;

/**
 * The IAM changes in the platform account's CloudTrail: users and keys made, policies put, owner
 * tags set, each noting in the ground truth what Keyline should learn from it.
 */
final class PlatformChanges {

    private final Context c;
    private final PlatformTrail trail;
    private final String account;

    PlatformChanges(Context c, PlatformTrail trail) {
        this.c = c;
        this.trail = trail;
        this.account = c.w.platformAccount;
    }

    void createUser(
            long t, String name, TrailRecord.Identity who, String ip, String agent, String actor) {
        TrailRecord r = trail.record(t, 1, "iam.amazonaws.com", "CreateUser", who, ip, agent);
        String userId = PlatformNames.userId(c.w, name);
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("userName", name);
                    g.writeArrayFieldStart("tags");
                    tag(g, "team", "platform");
                    g.writeEndArray();
                    g.writeEndObject();
                };
        r.response =
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("user");
                    g.writeStringField("path", "/");
                    g.writeStringField("userName", name);
                    g.writeStringField("userId", userId);
                    g.writeStringField("arn", "arn:aws:iam::" + account + ":user/" + name);
                    g.writeStringField("createDate", PlatformNames.javaDate(t));
                    g.writeEndObject();
                    g.writeEndObject();
                };
        trail.add(r);
        c.book.identityCreated(CanonicalIds.awsUser(account, name), actor, Window.ms(t));
    }

    void putUserPolicy(
            long t,
            String user,
            String policy,
            String document,
            TrailRecord.Identity who,
            String ip,
            String agent,
            TruthBook.Tier tier) {
        TrailRecord r = trail.record(t, 2, "iam.amazonaws.com", "PutUserPolicy", who, ip, agent);
        inlinePolicy(r, "userName", user, policy, document);
        c.book.granted(CanonicalIds.awsUser(account, user), tier);
    }

    void putRolePolicy(
            long t,
            String role,
            String policy,
            String document,
            TrailRecord.Identity who,
            String ip,
            String agent,
            TruthBook.Tier tier) {
        TrailRecord r = trail.record(t, 3, "iam.amazonaws.com", "PutRolePolicy", who, ip, agent);
        inlinePolicy(r, "roleName", role, policy, document);
        c.book.granted(CanonicalIds.awsRole(account, role), tier);
    }

    /** The request of a {@code Put*Policy} call: whose, the policy's name and its document. */
    private void inlinePolicy(
            TrailRecord r, String nameField, String name, String policy, String document) {
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField(nameField, name);
                    g.writeStringField("policyName", policy);
                    g.writeStringField("policyDocument", document);
                    g.writeEndObject();
                };
        trail.add(r);
    }

    void createAccessKey(
            long t,
            String user,
            String keyId,
            TrailRecord.Identity who,
            String ip,
            String agent,
            String actor) {
        TrailRecord r = trail.record(t, 4, "iam.amazonaws.com", "CreateAccessKey", who, ip, agent);
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("userName", user);
                    g.writeEndObject();
                };
        r.response =
                g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("accessKey");
                    g.writeStringField("userName", user);
                    g.writeStringField("accessKeyId", keyId);
                    g.writeStringField("status", "Active");
                    g.writeStringField("createDate", PlatformNames.javaDate(t));
                    g.writeEndObject();
                    g.writeEndObject();
                };
        trail.add(r);
        c.book.created(
                CanonicalIds.awsAccessKey(keyId),
                CredentialTypes.AWS_ACCESS_KEY,
                CanonicalIds.awsUser(account, user),
                Window.ms(t),
                actor);
    }

    void tagRole(
            long t, String role, String owner, TrailRecord.Identity who, String ip, String agent) {
        TrailRecord r = trail.record(t, 5, "iam.amazonaws.com", "TagRole", who, ip, agent);
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("roleName", role);
                    g.writeArrayFieldStart("tags");
                    tag(g, "owner", owner);
                    tag(g, "vendor", "salesforce-data-sync");
                    g.writeEndArray();
                    g.writeEndObject();
                };
        trail.add(r);
        c.book.identityOwner(CanonicalIds.awsRole(account, role), owner, "tag", Window.ms(t));
    }

    private static void tag(JsonGenerator g, String key, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("value", value);
        g.writeEndObject();
    }
}
