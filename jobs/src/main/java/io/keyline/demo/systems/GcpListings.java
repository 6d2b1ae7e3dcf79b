package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.GcpPlan.Account;
import io.keyline.demo.systems.GcpPlan.Key;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.Stores;
import java.io.IOException;
import java.util.List;

/**
 * Writes the Google Cloud listings of each project as of the end: {@code gcloud iam
 * service-accounts list --format=json}, the keys of its service accounts (one key per line, as an
 * exporter that lists every account's keys writes them), {@code gcloud projects get-iam-policy} (in
 * a folder named after the project, which names the policy's resource), the AI platform's service
 * account policy that lets Okta's pool act as it, and {@code gcloud secrets list --format=json}.
 */
final class GcpListings {

    private final Context c;

    GcpListings(Context c) {
        this.c = c;
    }

    void write(List<GcpPlan> plans) throws IOException {
        long end = Window.ms(c.w.end);
        String stamp = c.w.stamp;
        for (GcpPlan plan : plans) {
            String p = plan.project();
            c.out.pretty(
                    GcpWriter.ACCOUNTS,
                    c.out.file(GcpWriter.ACCOUNTS, p, stamp + "-service-accounts.json"),
                    plan.accounts().size(),
                    g -> {
                        g.writeStartArray();
                        for (Account a : plan.accounts()) {
                            account(g, plan, a);
                        }
                        g.writeEndArray();
                    });
            for (Account a : plan.accounts()) {
                String owner = ownerIn(a.description());
                if (owner != null) {
                    c.book.identityOwner(
                            CanonicalIds.gcpServiceAccount(a.email()), owner, "tag", end);
                }
            }

            StringBuilder keys = new StringBuilder();
            for (Key k : plan.keys()) {
                keys.append(Output.compact(g -> key(g, plan, k))).append('\n');
                String id = CanonicalIds.gcpServiceAccountKey(k.account(), k.keyId());
                c.book.observed(
                        id,
                        CredentialTypes.GCP_SA_KEY,
                        CanonicalIds.gcpServiceAccount(k.account()),
                        end,
                        "Active",
                        Window.ms(k.created()),
                        null);
                c.book.expires(id, k.expires() < 0 ? null : Window.ms(k.expires()));
            }
            c.out.text(
                    GcpWriter.KEYS,
                    c.out.file(GcpWriter.KEYS, p, stamp + "-keys.jsonl"),
                    plan.keys().size(),
                    keys.toString());

            c.out.pretty(
                    GcpWriter.POLICY,
                    c.out.file(GcpWriter.POLICY, p, stamp + "-get-iam-policy.json"),
                    1,
                    g -> projectPolicy(g, plan));
            for (Account a : plan.accounts()) {
                c.book.granted(CanonicalIds.gcpServiceAccount(a.email()), tier(a.role()));
            }
            if (p.equals(Scenarios.AI_PROJECT)) {
                federationPolicy(plan);
            } else {
                secrets(plan);
            }
        }
    }

    private void account(JsonGenerator g, GcpPlan plan, Account a) throws IOException {
        String uniqueId =
                "1" + SystemsIds.digits(c.w.rng(SystemsSeeds.GCP, a.email().hashCode(), 9), 20);
        g.writeStartObject();
        g.writeStringField("description", a.description());
        g.writeStringField("displayName", a.displayName());
        g.writeStringField("email", a.email());
        g.writeStringField("etag", "MDEwMjE5MjA=");
        g.writeStringField("name", "projects/" + plan.project() + "/serviceAccounts/" + a.email());
        g.writeStringField("oauth2ClientId", uniqueId);
        g.writeStringField("projectId", plan.project());
        g.writeStringField("uniqueId", uniqueId);
        g.writeEndObject();
    }

    private static void key(JsonGenerator g, GcpPlan plan, Key k) throws IOException {
        g.writeStartObject();
        g.writeStringField("keyAlgorithm", "KEY_ALG_RSA_2048");
        g.writeStringField("keyOrigin", "GOOGLE_PROVIDED");
        g.writeStringField("keyType", "USER_MANAGED");
        g.writeStringField("name", GcpPlan.keyName(plan.project(), k));
        g.writeStringField("validAfterTime", TimeFormats.iso(k.created()));
        g.writeStringField(
                "validBeforeTime", k.expires() < 0 ? GcpPlan.NEVER : TimeFormats.iso(k.expires()));
        g.writeEndObject();
    }

    private static void projectPolicy(JsonGenerator g, GcpPlan plan) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("bindings");
        for (Account a : plan.accounts()) {
            g.writeStartObject();
            g.writeArrayFieldStart("members");
            g.writeString("serviceAccount:" + a.email());
            g.writeEndArray();
            g.writeStringField("role", a.role());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("etag", "BwYb3kQ0wF8=");
        g.writeNumberField("version", 1);
        g.writeEndObject();
    }

    /** The federated account's own policy: the Okta pool's subject may act as it. */
    private void federationPolicy(GcpPlan plan) throws IOException {
        String account = c.scenarios.federationGcpAccount;
        c.out.pretty(
                GcpWriter.POLICY,
                c.out.file(
                        GcpWriter.POLICY,
                        plan.project(),
                        c.w.stamp + "-okta-federated-iam-policy.json"),
                1,
                g -> {
                    g.writeStartObject();
                    g.writeStringField(
                            "resource",
                            "projects/" + plan.project() + "/serviceAccounts/" + account);
                    g.writeArrayFieldStart("bindings");
                    g.writeStartObject();
                    g.writeArrayFieldStart("members");
                    g.writeString(GcpPlan.oktaSubject(plan.projectNumber()));
                    g.writeEndArray();
                    g.writeStringField("role", "roles/iam.workloadIdentityUser");
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeStringField("etag", "BwYb3kQ1aB4=");
                    g.writeNumberField("version", 1);
                    g.writeEndObject();
                });
        c.book.trusts(
                CanonicalIds.gcpServiceAccount(account),
                CanonicalIds.oktaUser(Scenarios.FEDERATION_LOGIN));
    }

    /** The project's own secret and the copy of its CI key in Secret Manager. */
    private void secrets(GcpPlan plan) throws IOException {
        long end = Window.ms(c.w.end);
        String p = plan.project();
        String own = "projects/" + p + "/secrets/" + plan.secretName();
        Key deployerKey = plan.keys().get(0);
        String copy = "projects/" + p + "/secrets/ci-deployer-key";
        String copied =
                CanonicalIds.gcpServiceAccountKey(deployerKey.account(), deployerKey.keyId());
        String owner = c.people.email(plan.secretOwner());
        c.out.pretty(
                GcpWriter.SECRETS,
                c.out.file(GcpWriter.SECRETS, p, c.w.stamp + "-secrets.json"),
                2,
                g -> {
                    g.writeStartArray();
                    secret(g, own, plan.secretCreated(), "owner", owner);
                    secret(g, copy, deployerKey.created() + 600, "keyline-credential-id", copied);
                    g.writeEndArray();
                });
        String id = CanonicalIds.gcpSecret(own);
        c.book.observed(
                id,
                CredentialTypes.GCP_SECRET,
                null,
                end,
                "Active",
                Window.ms(plan.secretCreated()),
                null);
        c.book.expires(id, null);
        c.book.stored(id, CredentialTypes.GCP_SECRET, Stores.GCP_SECRET_MANAGER, own, end);
        c.book.credentialOwner(id, owner, "tag", end);
        c.book.stored(copied, CredentialTypes.GCP_SA_KEY, Stores.GCP_SECRET_MANAGER, copy, end);
    }

    private static void secret(
            JsonGenerator g, String name, long created, String annotation, String value)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("annotations");
        g.writeStringField(annotation, value);
        g.writeEndObject();
        g.writeStringField("createTime", TimeFormats.iso(created).replace("Z", ".000482193Z"));
        g.writeStringField("etag", "\"16190a1b2c3d4e\"");
        g.writeObjectFieldStart("labels");
        g.writeStringField("managed-by", "terraform");
        g.writeEndObject();
        g.writeStringField("name", name);
        g.writeObjectFieldStart("replication");
        g.writeObjectFieldStart("automatic");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String ownerIn(String description) {
        int at = description.indexOf("owner: ");
        return at < 0 ? null : description.substring(at + "owner: ".length()).trim();
    }

    static TruthBook.Tier tier(String role) {
        if (role.equals("roles/owner")) {
            return TruthBook.Tier.ADMIN;
        }
        if (role.equals("roles/editor") || role.endsWith(".admin")) {
            return TruthBook.Tier.HIGH;
        }
        if (role.equals("roles/viewer") || role.endsWith("Viewer") || role.endsWith(".viewer")) {
            return TruthBook.Tier.READ;
        }
        return TruthBook.Tier.WRITE;
    }
}
