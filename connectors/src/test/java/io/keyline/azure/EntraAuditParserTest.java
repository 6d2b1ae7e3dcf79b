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

class EntraAuditParserTest {

    private static final String FORMAT = "azure-audit";
    private static final String TENANT = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";
    private static final String APP = "7d1e0c4b-2a9f-4e3d-8b6c-1f0a9e2d3c4b";
    private static final String SP = "azure:sp:" + TENANT + "/" + APP;
    private static final String PIPELINE =
            "azure:sp:" + TENANT + "/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
    private static final String ACCOUNT = "account=" + TENANT;

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, 0);
    }

    private static ListParseOutput parse(String content) {
        return parse("audit.jsonl", content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/azure/" + name);
    }

    @Test
    void credentialChangesPrincipalsGrantsAndOwnersOfWorkloadIdentities() {
        ListParseOutput out = parse("PT1H.json", fixture("auditlogs-workload-identities.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // Add service principal credentials: the app id from the service principal
                        // names.
                        "CREATED credential=azure:sp-cert:"
                                + APP
                                + "/8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d type=AZURE_CERTIFICATE identity="
                                + SP
                                + " actor=dana.admin@example.org {"
                                + ACCOUNT
                                + ", name=CN=billing-exporter, O=Example}",
                        // Update application (en dash): one secret added, one removed, by an app.
                        "CREATED credential=azure:sp-secret:"
                                + APP
                                + "/0a9b8c7d-6e5f-4d3c-8b2a-1f0e9d8c7b6a type=AZURE_CLIENT_SECRET identity="
                                + SP
                                + " actor="
                                + PIPELINE
                                + " {"
                                + ACCOUNT
                                + ", name=ci secret 2026}",
                        "DELETED credential=azure:sp-secret:"
                                + APP
                                + "/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b type=AZURE_CLIENT_SECRET identity="
                                + SP
                                + " actor="
                                + PIPELINE
                                + " {"
                                + ACCOUNT
                                + ", name=ci secret 2025}",
                        "DELETED credential=azure:sp-cert:"
                                + APP
                                + "/8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d type=AZURE_CERTIFICATE identity="
                                + SP
                                + " actor=dana.admin@example.org {"
                                + ACCOUNT
                                + ", name=CN=billing-exporter, O=Example}",
                        // A directory role: only the object id is known, and stands in for the app
                        // id.
                        "GRANTED identity=azure:sp:"
                                + TENANT
                                + "/0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d actor=dana.admin@example.org resource=Application Administrator {"
                                + ACCOUNT
                                + ", privilege=high, privilegeReason=manages the credentials of every app}",
                        // The role given to a user yields nothing; the app permission goes to the
                        // service principal of the ServicePrincipal.* properties, not to the API.
                        "GRANTED identity="
                                + SP
                                + " actor=dana.admin@example.org resource=Application.ReadWrite.All {"
                                + ACCOUNT
                                + ", privilege=high, privilegeReason=can add credentials to every app}",
                        "GRANTED identity="
                                + SP
                                + " actor=dana.admin@example.org resource=Directory.Read.All {"
                                + ACCOUNT
                                + ", revoked=true}",
                        "OWNER_HINT identity="
                                + SP
                                + " actor=frank.owner@example.org {"
                                + ACCOUNT
                                + ", ownerSource=tag}",
                        "CREATED identity=azure:sp:"
                                + TENANT
                                + "/4b3a2918-7e6d-4c5b-8a29-18f7e6d5c4b3 actor=dana.admin@example.org {"
                                + ACCOUNT
                                + ", identityType=application, name=report-builder}",
                        // The failed Add service principal yields nothing.
                        "DELETED identity=" + SP + " actor=" + PIPELINE + " {" + ACCOUNT + "}");
    }

    @Test
    void eventsTakeTheEntryIdWithASuffixAndTheRecordTime() {
        ListParseOutput out = parse("PT1H.json", fixture("auditlogs-workload-identities.json"));

        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .startsWith(
                        "azure-audit:Directory_ENTRA_0001",
                        "azure-audit:Directory_ENTRA_0002",
                        "azure-audit:Directory_ENTRA_0002/1",
                        "azure-audit:Directory_ENTRA_0003");
        assertThat(out.events().get(0).getEventTime())
                .isEqualTo(Instant.parse("2026-02-11T09:00:00Z").toEpochMilli());
    }

    @Test
    void theGraphShapeWithItsTargetResourceAndTypeQuirkAndTheTenantOfTheFolder() {
        ListParseOutput out =
                parse(
                        TENANT + "/directoryAudits.json",
                        fixture("graph-directoryAudits-response.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OWNER_HINT identity=azure:sp:"
                                + TENANT
                                + "/4b3a2918-7e6d-4c5b-8a29-18f7e6d5c4b3 actor=grace@example.org {"
                                + ACCOUNT
                                + ", ownerSource=tag}");
        assertThat(out.events().get(0).getEventId()).isEqualTo("azure-audit:Directory_GRAPH_0001");
        assertThat(out.events().get(0).getEventTime())
                .isEqualTo(Instant.parse("2026-02-12T16:20:05.123Z").toEpochMilli());
    }

    @Test
    void aMappedActivityWithoutATenantIsRejectedAndUnmappedOnesAreNot() {
        ListParseOutput out =
                parse("directoryAudits.json", fixture("graph-directoryAudits-response.json"));

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an audit log entry names no tenant, which its identity ids need; add tenantId to the record or put the file under a folder named after the tenant");
    }

    @Test
    void entriesAboutDevicesYieldNothing() {
        ListParseOutput out = parse("audit.jsonl", fixture("auditlogs-app-initiated.jsonl"));
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }

    @Test
    void thePantherShapeCreatesTheServicePrincipalButACredentialWithoutKeyIdIsRejected() {
        ListParseOutput out =
                parse(
                        "panther.jsonl",
                        fixture("panther-azure-audit-sp-credentials-normalized.jsonl"));

        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED identity=azure:sp:tenant-ghi/sp-new-789 actor=cloudadmin@company.com {account=tenant-ghi, identityType=servicePrincipal, name=New Automation Service}");
        // No properties.id: the correlation id, activity and space-separated time make the id.
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "sp-create-001",
                                "Add service principal",
                                "2025-01-15T15:05:25.678Z"));
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a credential change in an audit log entry names no KeyIdentifier in its KeyDescription, so the credential is unknown");
    }

    @Test
    void aKeyWithoutItsOwnTypeTakesTheKeyTypePropertyOfTheTarget() {
        String entry =
                "{\"time\":\"2026-01-01T00:00:00Z\",\"tenantId\":\"t\",\"category\":\"AuditLogs\","
                        + "\"properties\":{\"id\":\"e1\",\"activityDisplayName\":\"Add service principal credentials\","
                        + "\"initiatedBy\":{\"app\":{\"servicePrincipalId\":\"sp-obj\"}},"
                        + "\"targetResources\":[{\"id\":\"obj-1\",\"type\":\"ServicePrincipal\",\"modifiedProperties\":["
                        + "{\"displayName\":\"KeyDescription\",\"oldValue\":null,\"newValue\":\"\\\"[KeyIdentifier=k-1,KeyUsage=Verify]\\\"\"},"
                        + "{\"displayName\":\"KeyType\",\"oldValue\":null,\"newValue\":\"\\\"Password\\\"\"}]}]}}";

        assertThat(EventsText.of(parse(entry)))
                .containsExactly(
                        "CREATED credential=azure:sp-secret:obj-1/k-1 type=AZURE_CLIENT_SECRET identity=azure:sp:t/obj-1 actor=azure:sp:t/sp-obj {account=t}");
    }

    @Test
    void anActivityLogRecordIsRejectedWithTheFormatThatReadsIt() {
        ListParseOutput out =
                parse(
                        "{\"category\":\"Administrative\",\"time\":\"2026-01-01T00:00:00Z\","
                                + "\"operationName\":\"MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE\","
                                + "\"identity\":{\"claims\":{}}}");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an activity log record is not an audit log entry; the azure-activity format reads it, and azure-monitor reads streams that mix categories");
    }
}
