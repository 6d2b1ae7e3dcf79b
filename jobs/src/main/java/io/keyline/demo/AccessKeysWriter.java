package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the access key listings: one {@code aws iam list-access-keys} response per line for every
 * user with keys at the end, and the {@code aws iam create-access-key} output of one key created in
 * the window, whose secret access key is a planted secret.
 */
final class AccessKeysWriter {

    private AccessKeysWriter() {}

    static void listAccessKeys(Estate e, int account, Path file) throws IOException {
        try (JsonGenerator g = OutputTree.JSON.createGenerator(OutputTree.create(file))) {
            g.setRootValueSeparator(null);
            for (int i = e.firstIdentity(account); i < e.endIdentity(account); i++) {
                if (e.kind(i) != IdentityKind.USER) {
                    continue;
                }
                UserPlan user = UserPlanner.plan(e, i);
                if (!user.hasKeysAtEnd()) {
                    continue;
                }
                g.writeStartObject();
                g.writeArrayFieldStart("AccessKeyMetadata");
                for (KeyPlan key : user.keys()) {
                    if (key.status() == KeyStatus.DELETED) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("UserName", user.name());
                    g.writeStringField("AccessKeyId", key.id());
                    g.writeStringField("Status", key.status().label());
                    g.writeStringField("CreateDate", TimeFormats.iso(key.created()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeBooleanField("IsTruncated", false);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    /**
     * Writes the creation output of the key of {@code user}'s first slot and returns its secret
     * access key.
     */
    static String createAccessKey(Estate e, UserPlan user, Path file) throws IOException {
        KeyPlan key = user.keys()[0];
        String secret = Ids.secretAccessKey(Seeds.rng(e.seed, Seeds.PLANTED, key.number()));
        try (JsonGenerator g = OutputTree.prettyJson(file, 4)) {
            g.writeStartObject();
            g.writeObjectFieldStart("AccessKey");
            g.writeStringField("UserName", user.name());
            g.writeStringField("AccessKeyId", key.id());
            g.writeStringField("Status", "Active");
            g.writeStringField("SecretAccessKey", secret);
            g.writeStringField("CreateDate", TimeFormats.iso(key.created()));
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        return secret;
    }
}
