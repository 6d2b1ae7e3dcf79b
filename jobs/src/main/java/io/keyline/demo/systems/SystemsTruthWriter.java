package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.OutputTree;
import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.TruthBook.Cred;
import io.keyline.demo.systems.TruthBook.Ident;
import io.keyline.demo.systems.TruthRules.Alert;
import io.keyline.demo.systems.TruthRules.Owner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code _systems-truth.json}, what Keyline should conclude from the systems part; see
 * {@link SystemsGenerator} for its fields.
 */
final class SystemsTruthWriter {

    private final Context c;
    private final TruthRules rules;
    private final List<Cred> credentials;

    SystemsTruthWriter(Context c) {
        this.c = c;
        this.rules = new TruthRules(c.book, Window.ms(c.w.end));
        this.credentials = new ArrayList<>(c.book.credentials());
        credentials.sort(
                Comparator.comparing((Cred x) -> x.id == null ? "~" : x.id)
                        .thenComparing(x -> x.fingerprintOf == null ? "" : x.fingerprintOf));
    }

    /** The alerts by {@code rule/severity}, in the order rules are listed. */
    Map<String, Integer> alertCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Cred cred : credentials) {
            for (Alert a : rules.alerts(cred)) {
                counts.merge(a.rule() + "/" + a.severity(), 1, Integer::sum);
            }
        }
        return counts;
    }

    int credentialCount() {
        return credentials.size();
    }

    void write(Path file, Map<String, Output.Count> counts, Scenarios s) throws IOException {
        try (JsonGenerator g = OutputTree.prettyJson(file, 2)) {
            g.writeStartObject();
            g.writeNumberField("seed", c.w.seed);
            g.writeNumberField("identities", c.w.identities);
            g.writeNumberField("days", c.w.days);
            g.writeStringField("start", TimeFormats.iso(c.w.start));
            g.writeStringField("end", TimeFormats.iso(c.w.end));
            g.writeStringField("asOf", TimeFormats.iso(c.w.end));
            g.writeStringField("platformAccount", s.platformAccount);
            g.writeStringField("oktaOrg", Scenarios.OKTA_ORG);
            g.writeStringField("azureTenant", s.azureTenant);
            g.writeStringField("githubOrg", io.keyline.demo.Names.GITHUB_ORG);
            g.writeNumberField("teams", c.teams.length);
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Output.Count> e : counts.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("files", e.getValue().files);
                g.writeNumberField("records", e.getValue().records);
                g.writeEndObject();
            }
            g.writeNumberField("credentials", credentials.size());
            g.writeEndObject();
            g.writeArrayFieldStart("credentials");
            for (Cred cred : credentials) {
                credential(g, cred);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("alerts");
            for (Cred cred : credentials) {
                for (Alert a : rules.alerts(cred)) {
                    g.writeStartObject();
                    g.writeStringField("rule", a.rule());
                    g.writeStringField("severity", a.severity());
                    id(g, cred);
                    g.writeStringField("event_time", iso(a.time()));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            identities(g);
            g.writeArrayFieldStart("trusts");
            for (Ident i : sortedIdentities()) {
                if (!i.trusts.isEmpty()) {
                    g.writeStartObject();
                    g.writeStringField("identity_id", i.id);
                    strings(g, "trusted_principals", i.trusts);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            SystemsScenarios.write(g, c, s);
            people(g);
            g.writeArrayFieldStart("secrets");
            for (String secret : c.secrets.all()) {
                g.writeString(secret);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private void credential(JsonGenerator g, Cred cred) throws IOException {
        Owner owner = rules.ofCredential(cred);
        g.writeStartObject();
        id(g, cred);
        g.writeStringField("credential_type", cred.type);
        g.writeStringField("identity_id", cred.identity);
        g.writeStringField("status", cred.status);
        g.writeStringField("created_at", iso(cred.createdAt));
        g.writeStringField("created_by", cred.createdBy);
        g.writeStringField("last_used_at", iso(cred.lastUsed));
        g.writeStringField("expires_at", iso(cred.expiresAt));
        g.writeBooleanField("never_expires", cred.neverExpires);
        g.writeStringField("owner", owner.owner());
        g.writeStringField("owner_source", owner.source());
        g.writeStringField("owner_status", owner.status());
        g.writeStringField("former_owner", owner.former());
        g.writeNumberField("location_count", cred.locations.size());
        g.writeStringField("exposed_at", iso(cred.exposedAt()));
        g.writeStringField("privilege_tier", rules.tierOf(cred).label());
        g.writeEndObject();
    }

    private void identities(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("identities");
        for (Ident i : sortedIdentities()) {
            Owner owner = rules.ofIdentity(i);
            g.writeStartObject();
            g.writeStringField("identity_id", i.id);
            g.writeStringField("privilege_tier", i.tier.label());
            g.writeStringField("created_by", i.createdBy);
            g.writeStringField("owner", owner.owner());
            g.writeStringField("owner_source", owner.source());
            g.writeStringField("owner_status", owner.status());
            strings(g, "trusted_principals", i.trusts);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Every identity the facts name, those that only hold credentials included. */
    private List<Ident> sortedIdentities() {
        Set<String> ids = new LinkedHashSet<>();
        for (Ident i : c.book.identities()) {
            ids.add(i.id);
        }
        for (Cred cred : credentials) {
            if (cred.identity != null) {
                ids.add(cred.identity);
            }
        }
        List<Ident> out = new ArrayList<>();
        for (String id : ids) {
            out.add(c.book.identity(id));
        }
        out.sort(Comparator.comparing(i -> i.id));
        return out;
    }

    private void people(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("people");
        for (int n = 0; n < c.people.size(); n++) {
            People.Person p = c.people.get(n);
            if (!p.departed() && n != c.people.contractor()) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("email", p.email());
            g.writeStringField("status", p.departed() ? "departed" : "active");
            g.writeStringField("manager_email", p.manager());
            g.writeStringField("department", p.department());
            g.writeStringField("end_date", p.departed() ? TimeFormats.day(p.endDate()) : null);
            g.writeStringField("login", p.login());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void id(JsonGenerator g, Cred cred) throws IOException {
        g.writeStringField("credential_id", cred.id);
        if (cred.fingerprintOf != null) {
            g.writeStringField("fingerprint_of", cred.fingerprintOf);
        }
    }

    static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static String iso(Long millis) {
        return millis == null ? null : java.time.Instant.ofEpochMilli(millis).toString();
    }
}
