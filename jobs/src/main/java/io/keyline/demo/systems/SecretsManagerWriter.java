package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.TimeFormats;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.Stores;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes {@code aws secretsmanager list-secrets} of the platform account as of the end ({@code
 * aws-secrets-manager/<account>/}): an API key of each team, owned by its lead, and the copy of the
 * data-sync access key, marked by its {@code keyline-credential-id} tag.
 */
final class SecretsManagerWriter {

    static final String FORMAT = "aws-secrets-manager";

    private final Context c;

    SecretsManagerWriter(Context c) {
        this.c = c;
    }

    void write() throws IOException {
        Window w = c.w;
        String account = w.platformAccount;
        long end = Window.ms(w.end);
        Scenarios s = c.scenarios;
        c.out.pretty(
                FORMAT,
                c.out.file(FORMAT, account, w.stamp + "-list-secrets.json"),
                c.teams.length + 1,
                g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("SecretList");
                    for (Teams.Team t : c.teams) {
                        SplittableRandom r = w.rng(SystemsSeeds.SECRETS, t.index());
                        long created = w.before(r, 40, 600);
                        long accessed = accessed(t, created);
                        String name = t.name() + "/" + t.app() + "/api-key";
                        String arn = arn(name, r);
                        String owner = c.people.email(t.lead());
                        secret(g, arn, name, created, accessed, "owner", owner);
                        String id = CanonicalIds.awsSecret(arn);
                        c.book.observed(
                                id,
                                CredentialTypes.AWS_SECRET,
                                null,
                                end,
                                "Active",
                                Window.ms(created),
                                Window.ms(accessed));
                        c.book.stored(
                                id,
                                CredentialTypes.AWS_SECRET,
                                Stores.AWS_SECRETS_MANAGER,
                                arn,
                                end);
                        c.book.credentialOwner(id, owner, "tag", end);
                    }
                    SplittableRandom r = w.rng(SystemsSeeds.SECRETS, -1);
                    String name = "platform/data-sync/aws-credentials";
                    String arn = arn(name, r);
                    String key = CanonicalIds.awsAccessKey(s.dataSyncKeyId);
                    secret(
                            g,
                            arn,
                            name,
                            s.dataSyncCreated + 3600,
                            -1,
                            "keyline-credential-id",
                            key);
                    c.book.stored(
                            key,
                            CredentialTypes.AWS_ACCESS_KEY,
                            Stores.AWS_SECRETS_MANAGER,
                            arn,
                            end);
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    /** The day a team's secret was last read: within the last days, a day before the end. */
    private long accessed(Teams.Team t, long created) {
        long day = c.w.end - (1 + t.index() % 20) * Window.DAY;
        return Math.max(day, created - Math.floorMod(created, Window.DAY) + Window.DAY);
    }

    private String arn(String name, SplittableRandom r) {
        return "arn:aws:secretsmanager:us-east-1:"
                + c.w.platformAccount
                + ":secret:"
                + name
                + "-"
                + io.keyline.demo.Ids.alphanumeric(r, 6);
    }

    private static void secret(
            JsonGenerator g,
            String arn,
            String name,
            long created,
            long accessed,
            String tag,
            String value)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("ARN", arn);
        g.writeStringField("Name", name);
        g.writeStringField("LastChangedDate", offset(created));
        if (accessed >= 0) {
            g.writeStringField("LastAccessedDate", offset(accessed));
        }
        g.writeArrayFieldStart("Tags");
        g.writeStartObject();
        g.writeStringField("Key", tag);
        g.writeStringField("Value", value);
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("SecretVersionsToStages");
        g.writeArrayFieldStart(io.keyline.demo.Ids.uuid(arn.hashCode()));
        g.writeString("AWSCURRENT");
        g.writeEndArray();
        g.writeEndObject();
        g.writeStringField("CreatedDate", offset(created));
        g.writeStringField("PrimaryRegion", "us-east-1");
        g.writeEndObject();
    }

    /** The CLI's time: ISO-8601 with an offset and milliseconds. */
    private static String offset(long time) {
        return TimeFormats.iso(time).replace("Z", ".000000+00:00");
    }
}
