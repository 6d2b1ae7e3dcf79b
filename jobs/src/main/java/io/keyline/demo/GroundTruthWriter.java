package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code _ground-truth.json}, what Keyline should conclude from the estate: every
 * credential's facts, the alerts due as of the end, the planted dead letters and secrets. It
 * streams, regenerating each user's plan from its index; a first pass tallies the counts.
 */
final class GroundTruthWriter {

    /** The tallies of the first pass. */
    record Tally(int keys, Map<String, Integer> keysByStatus, Map<String, Integer> alerts) {}

    /** What the generator wrote besides the credentials. */
    record Written(
            long cloudTrailRecords,
            int files,
            List<PlantedInput.DeadLetter> deadLetters,
            List<String> secrets) {}

    private final Estate e;
    private final Usage usage;

    GroundTruthWriter(Estate e, Usage usage) {
        this.e = e;
        this.usage = usage;
    }

    /** Counts the keys by final status and the alerts by rule and severity. */
    Tally tally() {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (KeyStatus status : KeyStatus.values()) {
            byStatus.put(status.label(), 0);
        }
        Map<String, Integer> alerts = new LinkedHashMap<>();
        for (String kind : Alerts.KINDS) {
            alerts.put(kind, 0);
        }
        int keys = 0;
        for (int i = 0; i < e.identities; i++) {
            if (e.kind(i) != IdentityKind.USER) {
                continue;
            }
            UserPlan user = UserPlanner.plan(e, i);
            for (KeyPlan key : user.keys()) {
                keys++;
                byStatus.merge(key.status().label(), 1, Integer::sum);
                for (Alerts.Alert alert : Alerts.of(KeyFacts.of(e, user, key, usage), e.end)) {
                    alerts.merge(alert.kind(), 1, Integer::sum);
                }
            }
        }
        return new Tally(keys, byStatus, alerts);
    }

    void write(Path file, Tally tally, Written written) throws IOException {
        try (JsonGenerator g = OutputTree.prettyJson(file, 2)) {
            g.writeStartObject();
            g.writeNumberField("seed", e.seed);
            g.writeNumberField("identities", e.identities);
            g.writeNumberField("days", e.days);
            g.writeStringField("start", TimeFormats.iso(e.start));
            g.writeStringField("end", TimeFormats.iso(e.end));
            g.writeStringField("asOf", TimeFormats.iso(e.end));
            g.writeArrayFieldStart("accounts");
            for (int k = 0; k < e.accounts; k++) {
                g.writeString(e.accountId(k));
            }
            g.writeEndArray();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("users", e.users());
            g.writeNumberField("roles", e.roles());
            g.writeNumberField("groups", e.groups());
            g.writeNumberField("keys", tally.keys());
            g.writeNumberField("cloudTrailRecords", written.cloudTrailRecords());
            g.writeNumberField("files", written.files());
            g.writeEndObject();
            g.writeArrayFieldStart("credentials");
            forEachKey((user, key) -> credential(g, KeyFacts.of(e, user, key, usage)));
            g.writeEndArray();
            g.writeArrayFieldStart("alerts");
            forEachKey((user, key) -> alerts(g, KeyFacts.of(e, user, key, usage)));
            g.writeEndArray();
            g.writeArrayFieldStart("deadLetters");
            for (PlantedInput.DeadLetter dead : written.deadLetters()) {
                g.writeStartObject();
                g.writeStringField("file", dead.file());
                g.writeStringField("reason", dead.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("secrets");
            for (String secret : written.secrets()) {
                g.writeString(secret);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private void credential(JsonGenerator g, KeyFacts k) throws IOException {
        g.writeStartObject();
        g.writeStringField("credential_id", k.credentialId());
        g.writeStringField("identity_id", k.identityId());
        g.writeStringField("status", k.status().label());
        // A key created before the window and deleted inside it is in no listing: nothing in the
        // input tells when it was created.
        boolean creationUnknown = k.status() == KeyStatus.DELETED && k.createdBy() == null;
        g.writeStringField("created_at", creationUnknown ? null : TimeFormats.iso(k.created()));
        g.writeStringField("created_by", k.createdBy());
        g.writeStringField("owner", k.owner());
        g.writeStringField("owner_source", k.ownerSource());
        g.writeStringField("privilege_tier", k.tier().label());
        g.writeStringField("last_used_at", k.lastUsed() < 0 ? null : TimeFormats.iso(k.lastUsed()));
        g.writeNumberField("consumer_count", k.consumers());
        g.writeEndObject();
    }

    private void alerts(JsonGenerator g, KeyFacts k) throws IOException {
        for (Alerts.Alert alert : Alerts.of(k, e.end)) {
            g.writeStartObject();
            g.writeStringField("rule", alert.rule());
            g.writeStringField("severity", alert.severity());
            g.writeStringField("credential_id", k.credentialId());
            g.writeStringField("event_time", TimeFormats.iso(alert.time()));
            g.writeEndObject();
        }
    }

    private interface KeyVisitor {
        void visit(UserPlan user, KeyPlan key) throws IOException;
    }

    /** Every key of the estate, by account, user and slot. */
    private void forEachKey(KeyVisitor visitor) throws IOException {
        for (int i = 0; i < e.identities; i++) {
            if (e.kind(i) == IdentityKind.USER) {
                UserPlan user = UserPlanner.plan(e, i);
                for (KeyPlan key : user.keys()) {
                    visitor.visit(user, key);
                }
            }
        }
    }
}
