package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.Stores;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes Vault: the file audit device's log of the window ({@code vault-audit}, a file per day,
 * request and response entries with HMAC'd tokens and values), where each team's AppRole token
 * reads the team's database secret; and the KV inventory as of the end ({@code vault-kv-metadata}):
 * each team's database password, and the platform's copy of the data-sync key, one record per
 * secret version.
 */
final class VaultWriter {

    static final String AUDIT = "vault-audit";
    static final String KV = "vault-kv-metadata";

    private final Context c;

    VaultWriter(Context c) {
        this.c = c;
    }

    String accessor(Teams.Team t) {
        return "hmac-sha256:" + SystemsIds.hex(c.w.rng(SystemsSeeds.VAULT, t.index(), 1), 64);
    }

    String entity(Teams.Team t) {
        return SystemsIds.guid(c.w.rng(SystemsSeeds.VAULT, t.index(), 2));
    }

    String policy(Teams.Team t) {
        return t.index() % 4 == 3 ? t.name() + "-admin" : t.name() + "-app";
    }

    void day(int d) {
        for (Teams.Team t : c.teams) {
            SplittableRandom r = c.w.rng(SystemsSeeds.DAY, 6, t.index(), d);
            for (int i = 0; i < 2; i++) {
                read(t, c.w.at(d, r, 0, 24), i);
            }
        }
    }

    private void read(Teams.Team t, long time, int part) {
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 7, time, t.index() * 8L + part);
        SplittableRandom r = new SplittableRandom(hash);
        String requestId = SystemsIds.guid(r);
        String clientToken = "hmac-sha256:" + SystemsIds.hex(r, 64);
        String value = "hmac-sha256:" + SystemsIds.hex(r, 64);
        String ip = "10.40." + (t.index() % 250) + "." + (30 + part);
        String path = "secret/data/" + t.name() + "/" + t.app() + "/db";
        String requestTime = nanos(time, 100 + r.nextInt(400));
        String responseTime = nanos(time, 600 + r.nextInt(300));
        Output.JsonBody auth =
                g -> {
                    g.writeObjectFieldStart("auth");
                    g.writeStringField("client_token", clientToken);
                    g.writeStringField("accessor", accessor(t));
                    g.writeStringField("display_name", "approle-" + t.name() + "-" + t.app());
                    g.writeArrayFieldStart("policies");
                    g.writeString("default");
                    g.writeString(policy(t));
                    g.writeEndArray();
                    g.writeArrayFieldStart("token_policies");
                    g.writeString("default");
                    g.writeString(policy(t));
                    g.writeEndArray();
                    g.writeObjectFieldStart("metadata");
                    g.writeStringField("role_name", t.name() + "-" + t.app());
                    g.writeEndObject();
                    g.writeStringField("entity_id", entity(t));
                    g.writeStringField("token_type", "service");
                    g.writeNumberField("token_ttl", 2764800);
                    g.writeStringField(
                            "token_issue_time",
                            TimeFormats.iso(c.w.start - 5 * Window.DAY).replace("Z", "-05:00"));
                    g.writeEndObject();
                };
        Output.JsonBody request =
                g -> {
                    g.writeObjectFieldStart("request");
                    g.writeStringField("id", requestId);
                    g.writeStringField("operation", "read");
                    g.writeStringField("mount_type", "kv");
                    g.writeStringField("client_token", clientToken);
                    g.writeStringField("client_token_accessor", accessor(t));
                    g.writeObjectFieldStart("namespace");
                    g.writeStringField("id", "root");
                    g.writeEndObject();
                    g.writeStringField("path", path);
                    g.writeStringField("remote_address", ip);
                    g.writeEndObject();
                };
        c.log.add(
                AUDIT,
                null,
                time,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("time", requestTime);
                            g.writeStringField("type", "request");
                            auth.write(g);
                            request.write(g);
                            g.writeEndObject();
                        }));
        c.log.add(
                AUDIT,
                null,
                time,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("time", responseTime);
                            g.writeStringField("type", "response");
                            auth.write(g);
                            request.write(g);
                            g.writeObjectFieldStart("response");
                            g.writeStringField("mount_type", "kv");
                            g.writeObjectFieldStart("data");
                            g.writeObjectFieldStart("data");
                            g.writeStringField("password", value);
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeEndObject();
                        }));
        String identity = CanonicalIds.vaultEntity(entity(t));
        c.book.used(
                CanonicalIds.vaultToken(accessor(t)),
                CredentialTypes.VAULT_TOKEN,
                identity,
                Window.ms(time));
        c.book.granted(identity, TruthBook.Tier.READ);
        c.book.granted(identity, t.index() % 4 == 3 ? TruthBook.Tier.HIGH : TruthBook.Tier.WRITE);
    }

    /** The KV inventory: one line per secret version. */
    void inventory() throws IOException {
        StringBuilder lines = new StringBuilder();
        int records = 0;
        for (Teams.Team t : c.teams) {
            long written = c.w.end - (60 + t.index() % 300) * Window.DAY - 7 * Window.HOUR;
            String owner = c.people.email(t.lead());
            String path = t.name() + "/" + t.app() + "/db";
            lines.append(
                            Output.compact(
                                    g ->
                                            version(
                                                    g,
                                                    path,
                                                    written,
                                                    owner,
                                                    "password",
                                                    c.secrets.plant(t.dbPassword()),
                                                    null,
                                                    null)))
                    .append('\n');
            records++;
            c.book.stored(
                    TruthBook.fingerprintKey(t.dbPassword()),
                    CredentialTypes.GENERIC_SECRET,
                    Stores.VAULT,
                    "secret/" + path + "#password",
                    Window.ms(written));
            c.book.credentialOwner(
                    TruthBook.fingerprintKey(t.dbPassword()), owner, "tag", Window.ms(written));
        }
        Scenarios s = c.scenarios;
        long written = s.dataSyncCreated + 1800;
        String owner = c.people.email(People.lead(0));
        lines.append(
                        Output.compact(
                                g ->
                                        version(
                                                g,
                                                "platform/data-sync/aws",
                                                written,
                                                owner,
                                                "AWS_ACCESS_KEY_ID",
                                                s.dataSyncKeyId,
                                                "AWS_SECRET_ACCESS_KEY",
                                                c.secrets.plant(s.dataSyncSecret))))
                .append('\n');
        records++;
        String key = CanonicalIds.awsAccessKey(s.dataSyncKeyId);
        c.book.stored(
                key,
                CredentialTypes.AWS_ACCESS_KEY,
                Stores.VAULT,
                "secret/platform/data-sync/aws#AWS_ACCESS_KEY_ID",
                Window.ms(written));
        c.book.credentialOwner(key, owner, "tag", Window.ms(written));
        c.out.text(
                KV, c.out.file(KV, c.w.stamp + "-kv-inventory.jsonl"), records, lines.toString());
    }

    private static void version(
            JsonGenerator g,
            String path,
            long written,
            String owner,
            String key,
            String value,
            String key2,
            String value2)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("mount", "secret");
        g.writeStringField("path", path);
        g.writeNumberField("version", 3);
        g.writeStringField("created_time", nanos(written, 0));
        g.writeStringField("updated_time", nanos(written, 0));
        g.writeObjectFieldStart("custom_metadata");
        g.writeStringField("owner", owner);
        g.writeEndObject();
        g.writeObjectFieldStart("data");
        g.writeStringField(key, value);
        if (key2 != null) {
            g.writeStringField(key2, value2);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Vault's RFC 3339 time with nanoseconds below the millisecond. */
    private static String nanos(long time, int micros) {
        String iso = TimeFormats.iso(time);
        return iso.substring(0, 19) + String.format(java.util.Locale.ROOT, ".000%06dZ", micros);
    }
}
