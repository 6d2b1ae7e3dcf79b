package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.AzurePlan.Secret;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.Stores;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the Azure listings as of the end: Microsoft Graph's {@code GET /applications} for the
 * tenant ({@code azure-graph/<tenant>/}: every team's integration app with its secrets and owner
 * tag, and the app Okta's federation user is trusted by), the {@code addPassword} response of the
 * first team's newest secret (its {@code secretText} is a planted secret), and {@code az keyvault
 * secret list} for each team's vault ({@code azure-key-vault}).
 */
final class AzureListings {

    private final Context c;
    private final AzureWriter azure;

    AzureListings(Context c, AzureWriter azure) {
        this.c = c;
        this.azure = azure;
    }

    void write() throws IOException {
        String tenant = azure.tenant();
        List<AzurePlan> plans = azure.plans();
        long end = Window.ms(c.w.end);
        c.out.pretty(
                AzureWriter.GRAPH,
                c.out.file(AzureWriter.GRAPH, tenant, c.w.stamp + "-applications.json"),
                plans.size() + 1,
                g -> {
                    g.writeStartObject();
                    g.writeStringField(
                            "@odata.context",
                            "https://graph.microsoft.com/v1.0/$metadata#applications");
                    g.writeArrayFieldStart("value");
                    for (AzurePlan plan : plans) {
                        application(g, plan);
                    }
                    bridge(g);
                    g.writeEndArray();
                    g.writeEndObject();
                });
        for (AzurePlan plan : plans) {
            Teams.Team t = plan.team();
            String sp = azure.principal(t);
            c.book.identityOwner(sp, c.people.email(t.lead()), "tag", end);
            for (Secret s : plan.secrets()) {
                String id = AzureWriter.secretId(t, s);
                c.book.observed(
                        id,
                        CredentialTypes.AZURE_CLIENT_SECRET,
                        sp,
                        end,
                        s.end() <= c.w.end ? "Inactive" : "Active",
                        Window.ms(s.start()),
                        null);
                c.book.expires(id, Window.ms(s.end()));
            }
            vault(plan);
        }
        String bridge = CanonicalIds.azureServicePrincipal(tenant, c.scenarios.federationAppId);
        c.book.trusts(bridge, CanonicalIds.oktaUser(Scenarios.FEDERATION_LOGIN));
        c.book.identityOwner(bridge, c.people.email(People.lead(0)), "tag", end);
        addPassword(plans.get(0));
    }

    private void application(JsonGenerator g, AzurePlan plan) throws IOException {
        Teams.Team t = plan.team();
        g.writeStartObject();
        g.writeStringField("id", t.appObjectId());
        g.writeStringField("appId", t.appId());
        g.writeStringField("createdDateTime", TimeFormats.iso(c.w.end - 800 * Window.DAY));
        g.writeStringField("displayName", plan.displayName());
        g.writeStringField("signInAudience", "AzureADMyOrg");
        g.writeArrayFieldStart("tags");
        g.writeString("owner:" + c.people.email(t.lead()));
        g.writeString("team:" + t.name());
        g.writeEndArray();
        g.writeNullField("notes");
        g.writeArrayFieldStart("passwordCredentials");
        for (Secret s : plan.secrets()) {
            g.writeStartObject();
            g.writeNullField("customKeyIdentifier");
            g.writeStringField("displayName", s.name());
            g.writeStringField("endDateTime", TimeFormats.iso(s.end()));
            g.writeStringField("hint", s.keyId().substring(0, 3));
            g.writeStringField("keyId", s.keyId());
            g.writeNullField("secretText");
            g.writeStringField("startDateTime", TimeFormats.iso(s.start()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("keyCredentials");
        g.writeEndArray();
        g.writeArrayFieldStart("federatedIdentityCredentials");
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The app Okta's federation user acts as, by a federated credential of Okta's issuer. */
    private void bridge(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", "0f4e3d2c-1b0a-4998-8776-5544332211ff");
        g.writeStringField("appId", c.scenarios.federationAppId);
        g.writeStringField("createdDateTime", TimeFormats.iso(c.w.end - 300 * Window.DAY));
        g.writeStringField("displayName", "okta-federation-bridge");
        g.writeStringField("signInAudience", "AzureADMyOrg");
        g.writeArrayFieldStart("tags");
        g.writeString("owner:" + c.people.email(People.lead(0)));
        g.writeEndArray();
        g.writeNullField("notes");
        g.writeArrayFieldStart("passwordCredentials");
        g.writeEndArray();
        g.writeArrayFieldStart("keyCredentials");
        g.writeEndArray();
        g.writeArrayFieldStart("federatedIdentityCredentials");
        g.writeStartObject();
        g.writeStringField("id", "c3b2a190-7777-4222-8333-444455556666");
        g.writeStringField("name", "okta-svc-federation");
        g.writeStringField("issuer", "https://" + Scenarios.OKTA_HOST + "/oauth2/default");
        g.writeStringField("subject", Scenarios.FEDERATION_LOGIN);
        g.writeArrayFieldStart("audiences");
        g.writeString("api://AzureADTokenExchange");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * What {@code addPassword} returned when the first team's lead added its newest secret, kept by
     * the pipeline that made it: the one place the secret's text is written.
     */
    private void addPassword(AzurePlan plan) throws IOException {
        Teams.Team t = plan.team();
        Secret s = plan.secrets().get(1);
        SplittableRandom r = c.w.rng(SystemsSeeds.AZURE, t.index(), 7);
        String text = c.secrets.plant(SystemsIds.clientSecret(r));
        c.out.pretty(
                AzureWriter.GRAPH,
                c.out.file(
                        AzureWriter.GRAPH,
                        azure.tenant(),
                        t.appId(),
                        TimeFormats.stamp(s.start()) + "-addPassword.json"),
                1,
                g -> {
                    g.writeStartObject();
                    g.writeNullField("customKeyIdentifier");
                    g.writeStringField("endDateTime", TimeFormats.iso(s.end()));
                    g.writeStringField("keyId", s.keyId());
                    g.writeStringField("startDateTime", TimeFormats.iso(s.start()));
                    g.writeStringField("secretText", text);
                    g.writeStringField("hint", text.substring(0, 3));
                    g.writeStringField("displayName", s.name());
                    g.writeEndObject();
                });
        String id = AzureWriter.secretId(t, s);
        c.book.observed(
                id,
                CredentialTypes.AZURE_CLIENT_SECRET,
                azure.principal(t),
                Window.ms(s.start()),
                "Active",
                Window.ms(s.start()),
                null);
        c.book.expires(id, Window.ms(s.end()));
    }

    /** The team's vault: a secret of its own and a copy of the app's first secret. */
    private void vault(AzurePlan plan) throws IOException {
        Teams.Team t = plan.team();
        Secret copied = plan.secrets().get(0);
        String owner = c.people.email(t.members()[1]);
        String base = "https://" + plan.vault() + ".vault.azure.net/secrets/";
        c.out.pretty(
                AzureWriter.VAULT,
                c.out.file(AzureWriter.VAULT, plan.vault(), c.w.stamp + "-secrets.json"),
                2,
                g -> {
                    g.writeStartArray();
                    item(
                            g,
                            base + plan.vaultSecret(),
                            plan.vaultSecret(),
                            plan.vaultCreated(),
                            plan.vaultExpires(),
                            "owner",
                            owner);
                    item(
                            g,
                            base + "integration-client-secret",
                            "integration-client-secret",
                            copied.start() + 3600,
                            copied.end(),
                            "keyline-credential-id",
                            AzureWriter.secretId(t, copied));
                    g.writeEndArray();
                });
        long end = Window.ms(c.w.end);
        String id = CanonicalIds.azureKeyVaultSecret(plan.vault(), plan.vaultSecret());
        c.book.observed(
                id,
                CredentialTypes.AZURE_KEY_VAULT_SECRET,
                null,
                end,
                "Active",
                Window.ms(plan.vaultCreated()),
                null);
        c.book.expires(id, plan.vaultExpires() < 0 ? null : Window.ms(plan.vaultExpires()));
        c.book.stored(
                id,
                CredentialTypes.AZURE_KEY_VAULT_SECRET,
                Stores.AZURE_KEY_VAULT,
                plan.vault() + "/" + plan.vaultSecret(),
                end);
        c.book.credentialOwner(id, owner, "tag", end);
        c.book.stored(
                AzureWriter.secretId(t, copied),
                CredentialTypes.AZURE_CLIENT_SECRET,
                Stores.AZURE_KEY_VAULT,
                plan.vault() + "/integration-client-secret",
                end);
    }

    private static void item(
            JsonGenerator g,
            String id,
            String name,
            long created,
            long expires,
            String tag,
            String value)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("attributes");
        g.writeStringField("created", TimeFormats.iso(created).replace("Z", "+00:00"));
        g.writeBooleanField("enabled", true);
        if (expires < 0) {
            g.writeNullField("expires");
        } else {
            g.writeStringField("expires", TimeFormats.iso(expires).replace("Z", "+00:00"));
        }
        g.writeNullField("notBefore");
        g.writeNumberField("recoverableDays", 90);
        g.writeStringField("recoveryLevel", "Recoverable");
        g.writeStringField("updated", TimeFormats.iso(created).replace("Z", "+00:00"));
        g.writeEndObject();
        g.writeStringField(
                "contentType", tag.equals("owner") ? "text/plain" : "application/x-client-secret");
        g.writeStringField("id", id);
        g.writeNullField("managed");
        g.writeStringField("name", name);
        g.writeObjectFieldStart("tags");
        g.writeStringField(tag, value);
        g.writeEndObject();
        g.writeEndObject();
    }
}
