package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInLogParserTest {

    private static final String FORMAT = "azure-signin";
    private static final String TENANT = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";
    private static final String SP = "azure:sp:" + TENANT + "/7d1e0c4b-2a9f-4e3d-8b6c-1f0a9e2d3c4b";
    private static final String MI = "azure:sp:" + TENANT + "/e4d3c2b1-a098-4f7e-8d6c-5b4a39281706";

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, 0);
    }

    private static ListParseOutput parse(String content) {
        return parse("signin.jsonl", content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/azure/" + name);
    }

    @Test
    void everyWorkloadSignInIsAUseOfItsKeyOrItsIdentityAndUserSignInsYieldNothing() {
        ListParseOutput out = parse("signin.jsonl", fixture("signin-workload-identities.jsonl"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // A failed sign-in without a key id: the identity, with the error code.
                        "USED identity="
                                + SP
                                + " resource=Azure Key Vault action=signin consumer=|203.0.113.17| {account="
                                + TENANT
                                + ", errorCode=7000222}",
                        "USED credential=azure:sp-secret:7d1e0c4b-2a9f-4e3d-8b6c-1f0a9e2d3c4b/9f8e7d6c-5b4a-4321-8fed-cba987654321 type=AZURE_CLIENT_SECRET identity="
                                + SP
                                + " resource=Azure Key Vault action=signin consumer=|203.0.113.18|azsdk-python-identity/1.15.0 {account="
                                + TENANT
                                + "}",
                        // No resourceDisplayName: the resource id.
                        "USED credential=azure:sp-cert:7d1e0c4b-2a9f-4e3d-8b6c-1f0a9e2d3c4b/1a2b3c4d-5e6f-4a0b-8c1d-2e3f4a5b6c7d type=AZURE_CERTIFICATE identity="
                                + SP
                                + " resource=cfa8b339-82a2-471a-a3c9-0fc0be7a4093 action=signin consumer=|198.51.100.7| {account="
                                + TENANT
                                + "}",
                        // A federated credential holds no secret: the identity.
                        "USED identity="
                                + SP
                                + " resource=Azure Key Vault action=signin consumer=|192.0.2.44| {account="
                                + TENANT
                                + "}",
                        // A managed identity, with the resource it belongs to as the workload.
                        "USED identity="
                                + MI
                                + " resource=Azure Storage action=signin consumer=/subscriptions/2b7c9d1e-3f4a-4b5c-8d6e-7f8091a2b3c4/resourcegroups/ingest/providers/microsoft.managedidentity/userassignedidentities/ingest-mi|10.20.30.40| {account="
                                + TENANT
                                + "}",
                        "USED identity="
                                + MI
                                + " resource=Azure Storage action=signin consumer=|10.20.30.40| {account="
                                + TENANT
                                + "}");
    }

    @Test
    void idsAreTheSignInIdsElseTheCorrelationIdAndTimeAndTimesKeepTheirFraction() {
        ListParseOutput out = parse("signin.jsonl", fixture("signin-workload-identities.jsonl"));

        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .startsWith("azure-signin:5a0e1f2d-0001-4c3b-9a8d-7e6f5a4b3c21")
                .endsWith(
                        EventIds.hashed(
                                FORMAT,
                                "a1b2c3d4-0006-4000-8000-00000000a006",
                                "2026-03-02T12:00:00Z"));
        assertThat(out.events().get(0).getEventTime())
                .isEqualTo(Instant.parse("2026-03-02T08:15:42.123Z").toEpochMilli());
        // Without a time field, the properties' createdDateTime (+00:00) counts.
        assertThat(out.events().get(5).getEventTime())
                .isEqualTo(Instant.parse("2026-03-02T12:00:00Z").toEpochMilli());
    }

    @Test
    void anEnvelopeWithoutATenantTakesItFromTheFolderBelowTheFormatFolder() {
        ListParseOutput out = parse(TENANT + "/PT1H.json", fixture("signin-records-envelope.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getIdentityId()).isEqualTo(SP);
                            assertThat(e.getEventId())
                                    .isEqualTo("azure-signin:5a0e1f2d-0002-4c3b-9a8d-7e6f5a4b3c22");
                        });
    }

    @Test
    void withoutAnyTenantTheSignInIsRejected() {
        ListParseOutput out = parse("PT1H.json", fixture("signin-records-envelope.json"));

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a service principal sign-in record names no tenant, which its identity ids need; add tenantId to the record or put the file under a folder named after the tenant");
    }

    @Test
    void theTenantMayComeFromTheHomeTenantOfTheProperties() {
        ListParseOutput out =
                parse(
                        "{\"category\":\"ServicePrincipalSignInLogs\",\"time\":\"2026-01-01T00:00:00Z\","
                                + "\"properties\":{\"id\":\"s1\",\"appId\":\"App-1\",\"homeTenantId\":\"T-2\","
                                + "\"status\":{\"errorCode\":\"0\"}}}");

        assertThat(EventsText.of(out))
                .containsExactly("USED identity=azure:sp:t-2/app-1 action=signin {account=T-2}");
    }

    @Test
    void aJsonArrayOfRecordsAndACategoryInAnyCase() {
        ListParseOutput out =
                parse(
                        "[{\"category\":\"managedidentitysigninlogs\",\"tenantId\":\"t\",\"time\":\"2026-01-01T00:00:00Z\","
                                + "\"properties\":{\"id\":\"s1\",\"appId\":\"a\",\"status\":{\"errorCode\":0}}},"
                                + "{\"category\":\"NonInteractiveUserSignInLogs\",\"properties\":{}}]");

        assertThat(EventsText.of(out))
                .containsExactly("USED identity=azure:sp:t/a action=signin {account=t}");
        assertThat(out.rejections()).isEmpty();
    }
}
