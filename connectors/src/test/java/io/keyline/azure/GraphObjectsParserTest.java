package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GraphObjectsParserTest {

    private static final String FORMAT = "azure-graph";
    private static final long OBSERVED_AT = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final String TENANT = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";
    private static final String ACCOUNT = "account=" + TENANT;
    private static final String APP = "7d1e0c4b-2a9f-4e3d-8b6c-1f0a9e2d3c4b";
    private static final String SP = "azure:sp:" + TENANT + "/" + APP;
    private static final String REPORTS = "4b3a2918-7e6d-4c5b-8a29-18f7e6d5c4b3";

    /** The secret values planted in the fixtures. */
    private static final String[] SECRETS = {
        "Zq8~Pl4nt3d.Secret-Value_0123456789abcdEF",
        "pfx-Pl4nt3d-P4ssw0rd",
        "MIIKPLANTEDPRIVATEKEYBLOB"
    };

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/azure/" + name);
    }

    @Test
    void servicePrincipalsWithTheirCredentialsAndOwners() {
        ListParseOutput out =
                parse(
                        TENANT + "/servicePrincipals.json",
                        fixture("graph-servicePrincipals-list.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity="
                                + SP
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2025-06-01T12:00:00Z, identityType=Application, name=billing-exporter}",
                        "OBSERVED credential=azure:sp-secret:"
                                + APP
                                + "/0a9b8c7d-6e5f-4d3c-8b2a-1f0e9d8c7b6a type=AZURE_CLIENT_SECRET identity="
                                + SP
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2026-01-02T03:04:05.123Z, expiresAt=2026-12-31T23:59:59Z, name=ci secret 2026, status=Active}",
                        // Past its end time at the time of the listing.
                        "OBSERVED credential=azure:sp-secret:"
                                + APP
                                + "/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b type=AZURE_CLIENT_SECRET identity="
                                + SP
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2025-02-01T00:00:00Z, expiresAt=2026-01-31T00:00:00Z, name=ci secret 2025, status=Inactive}",
                        "OBSERVED credential=azure:sp-cert:"
                                + APP
                                + "/8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d type=AZURE_CERTIFICATE identity="
                                + SP
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2025-06-01T00:00:00Z, expiresAt=2027-06-01T00:00:00Z, name=CN=billing-exporter, status=Active}",
                        // The owner tag and the owners list name the same person once; the notes
                        // another.
                        "OWNER_HINT identity="
                                + SP
                                + " actor=hana@example.org {"
                                + ACCOUNT
                                + ", ownerSource=tag}",
                        "OWNER_HINT identity="
                                + SP
                                + " actor=ivan@example.org {"
                                + ACCOUNT
                                + ", ownerSource=tag}",
                        "OBSERVED identity=azure:sp:"
                                + TENANT
                                + "/e4d3c2b1-a098-4f7e-8d6c-5b4a39281706 {"
                                + ACCOUNT
                                + ", identityType=ManagedIdentity, name=ingest-mi}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
    }

    @Test
    void withoutATenantFolderAServicePrincipalFallsBackToItsAppOwnerOrganization() {
        ListParseOutput out =
                parse("servicePrincipals.json", fixture("graph-servicePrincipals-list.json"));

        assertThat(out.events()).extracting(IdentityEvent::getIdentityId).contains(SP);
        // The managed identity has no appOwnerOrganizationId.
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a service principal names no tenant, so its credentials count but its identity, trusts and owners do not; put the file under a folder named after the tenant");
    }

    @Test
    void applicationsTrustTheirFederatedCredentialsAndASecretWithoutEndNeverExpires() {
        ListParseOutput out =
                parse(TENANT + "/applications.json", fixture("graph-applications-list.json"));

        String app = "azure:sp:" + TENANT + "/" + REPORTS;
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity="
                                + app
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2026-02-12T16:00:00Z, identityType=application, name=report-builder}",
                        "OBSERVED credential=azure:sp-secret:"
                                + REPORTS
                                + "/2b1a0f9e-8d7c-4b6a-9584-736251403928 type=AZURE_CLIENT_SECRET identity="
                                + app
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2026-02-12T16:05:00Z, expiresAt=never, name=no expiry, status=Active}",
                        "TRUSTS identity="
                                + app
                                + " resource=github:actions:example-org/report-builder {"
                                + ACCOUNT
                                + ", trustSource=policy}",
                        "OWNER_HINT identity="
                                + app
                                + " actor=judy@example.org {"
                                + ACCOUNT
                                + ", ownerSource=tag}");
    }

    @Test
    void anApplicationWithoutATenantKeepsItsCredentials() {
        ListParseOutput out = parse("applications.json", fixture("graph-applications-list.json"));

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=azure:sp-secret:"
                                + REPORTS
                                + "/2b1a0f9e-8d7c-4b6a-9584-736251403928 type=AZURE_CLIENT_SECRET {createdAt=2026-02-12T16:05:00Z, expiresAt=never, name=no expiry, status=Active}");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an application names no tenant, so its credentials count but its identity, trusts and owners do not; put the file under a folder named after the tenant");
    }

    @Test
    void anAddPasswordResponseTakesItsAppFromTheFolderAndItsSecretReachesNoOutput() {
        ListParseOutput out =
                parse(
                        TENANT + "/" + REPORTS + "/addPassword.json",
                        fixture("graph-addPassword-response.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=azure:sp-secret:"
                                + REPORTS
                                + "/3c2b1a09-f8e7-4d6c-9b5a-493827160594 type=AZURE_CLIENT_SECRET identity=azure:sp:"
                                + TENANT
                                + "/"
                                + REPORTS
                                + " {"
                                + ACCOUNT
                                + ", createdAt=2026-03-01T00:00:00Z, expiresAt=2028-03-01T00:00:00Z, name=nightly export, status=Active}");
        assertNoSecret(out);
    }

    @Test
    void anAddPasswordResponseOfAnUnknownAppIsRejectedWithoutItsSecret() {
        ListParseOutput out = parse("addPassword.json", fixture("graph-addPassword-response.json"));

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "credentials of an unknown app: the record names no appId; name the app id in the file name or put the file in a folder named after it, below the tenant folder");
        assertNoSecret(out);
        // Not even the secret's first characters, which Graph gives as its hint.
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .doesNotContain("hint");
    }

    @Test
    void aBodyOfCredentialsNamedAfterItsAppInTheFileNameAndItsPrivateKeyIsNeverRead() {
        ListParseOutput out =
                parse("patch-" + REPORTS + ".json", fixture("graph-patch-credentials.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=azure:sp-secret:"
                                + REPORTS
                                + "/4d3c2b1a-0f9e-4d8c-9b7a-6a5b4c3d2e1f type=AZURE_CLIENT_SECRET {createdAt=2026-04-01T00:00:00Z, expiresAt=2027-04-01T00:00:00Z, status=Active}",
                        "OBSERVED credential=azure:sp-cert:"
                                + REPORTS
                                + "/4d3c2b1a-0f9e-4d8c-9b7a-6a5b4c3d2e1f type=AZURE_CERTIFICATE {createdAt=2026-04-01T00:00:00Z, expiresAt=2027-04-01T00:00:00Z, name=CN=report-builder, status=Active}",
                        "OBSERVED credential=azure:sp-cert:"
                                + REPORTS
                                + "/5e4d3c2b-1a0f-4e9d-8c7b-7b6a5c4d3e2f type=AZURE_CERTIFICATE {createdAt=2026-04-01T00:00:00Z, expiresAt=2027-04-01T00:00:00Z, name=CN=report-builder, status=Active}");
        assertNoSecret(out);
    }

    @Test
    void aBadCredentialCostsOnlyItselfAndIsRejectedWithoutItsSecret() {
        String list =
                "{\"value\":[{\"appId\":\"a1\",\"servicePrincipalType\":\"Application\","
                        + "\"passwordCredentials\":[{\"keyId\":\"k1\",\"endDateTime\":\"soon\",\"secretText\":\""
                        + SECRETS[0]
                        + "\"},{\"keyId\":\"k2\"}]}]}";
        ListParseOutput out = parse("t1/sp.json", list.getBytes(StandardCharsets.UTF_8));

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=azure:sp:t1/a1 {account=t1, identityType=Application}",
                        "OBSERVED credential=azure:sp-secret:a1/k2 type=AZURE_CLIENT_SECRET identity=azure:sp:t1/a1 {account=t1, expiresAt=never, status=Active}");
        assertThat(EventsText.reasons(out))
                .containsExactly("the endDateTime of a passwordCredential is not a time stamp");
        assertNoSecret(out);
    }

    private static void assertNoSecret(ListParseOutput out) {
        for (String secret : SECRETS) {
            assertThat(out.events())
                    .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(secret));
            assertThat(out.rejections())
                    .allSatisfy(
                            r -> {
                                assertThat(r.reason()).doesNotContain(secret);
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .doesNotContain(secret);
                            });
        }
    }
}
