package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ActivityLogParserTest {

    private static final String FORMAT = "azure-activity";
    private static final String TENANT = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";
    private static final String SUB = "/subscriptions/2b7c9d1e-3f4a-4b5c-8d6e-7f8091a2b3c4";
    private static final String ACCOUNT = "account=" + TENANT;
    private static final String PIPELINE =
            "azure:sp:" + TENANT + "/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
    private static final String SP_OBJECT =
            "azure:sp:" + TENANT + "/0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, 0);
    }

    private static ListParseOutput parse(String content) {
        return parse("activity.jsonl", content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/azure/" + name);
    }

    @Test
    void aListKeysCallOfAServicePrincipalIsAUseAndServiceHealthRecordsYieldNothing() {
        ListParseOutput out = parse("activity.jsonl", fixture("activitylogs-raw.jsonl"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=azure:sp:"
                                + TENANT
                                + "/7d1e0c4b-2a9f-4e3d-8b6c-1f0a9e2d3c4b resource="
                                + SUB
                                + "/resourcegroups/billing/providers/microsoft.storage/storageaccounts/billingexports action=microsoft.storage/storageaccounts/listkeys/action consumer=|203.0.113.50| {"
                                + ACCOUNT
                                + "}");
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "e1e2e3e4-0001-4a5b-8c6d-7e8f9a0b1c2d",
                                "microsoft.storage/storageaccounts/listkeys/action",
                                "Start",
                                "/SUBSCRIPTIONS/2B7C9D1E-3F4A-4B5C-8D6E-7F8091A2B3C4/RESOURCEGROUPS/BILLING/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/BILLINGEXPORTS",
                                "2026-03-01T06:00:00.123Z"));
    }

    @Test
    void roleAssignmentsToServicePrincipalsAreGrantsWithTheTierOfTheirRole() {
        ListParseOutput out = parse("PT1H.json", fixture("activitylogs-role-assignments.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // A person assigns Owner: the request body is a string with PascalCase
                        // names.
                        "GRANTED identity="
                                + SP_OBJECT
                                + " actor=dana.admin@example.org resource=Owner {"
                                + ACCOUNT
                                + ", privilege=admin, privilegeReason=full control and can grant access, resources="
                                + SUB
                                + "/resourcegroups/billing}",
                        // A service principal assigns Contributor: its call, then the grant from
                        // the response body object.
                        "USED identity="
                                + PIPELINE
                                + " resource="
                                + SUB
                                + "/providers/microsoft.authorization/roleassignments/00020000-aaaa-4bbb-8ccc-dddddddddddd action=microsoft.authorization/roleassignments/write consumer=|203.0.113.60| {"
                                + ACCOUNT
                                + "}",
                        "GRANTED identity=azure:sp:"
                                + TENANT
                                + "/e4d3c2b1-0000-4f7e-8d6c-5b4a39281706 actor="
                                + PIPELINE
                                + " resource=Contributor {"
                                + ACCOUNT
                                + ", privilege=high, privilegeReason=full control of resources, resources="
                                + SUB
                                + "}",
                        // The deletion's first phase has no body; the second names what went.
                        "GRANTED identity="
                                + SP_OBJECT
                                + " actor=dana.admin@example.org resource=Reader {"
                                + ACCOUNT
                                + ", resources="
                                + SUB
                                + "/resourcegroups/billing, revoked=true}",
                        // Owner for a user yields nothing; a custom role is write.
                        "GRANTED identity="
                                + SP_OBJECT
                                + " actor=dana.admin@example.org resource="
                                + SUB
                                + "/providers/microsoft.authorization/roledefinitions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e {"
                                + ACCOUNT
                                + ", privilege=write, privilegeReason=custom or unlisted role, resources="
                                + SUB
                                + "/resourcegroups/billing/providers/microsoft.keyvault/vaults/billing-kv}",
                        // A failed call keeps its status code.
                        "USED identity="
                                + PIPELINE
                                + " resource="
                                + SUB
                                + "/resourcegroups/billing/providers/microsoft.keyvault/vaults/billing-kv action=microsoft.keyvault/vaults/write consumer=|203.0.113.60| {"
                                + ACCOUNT
                                + ", errorCode=Forbidden}");
    }

    @Test
    void theCliShapeWithItsEventDataIdAndAppTokenClaims() {
        ListParseOutput out = parse("list.json", fixture("activity-log-list-cli.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=azure:sp:"
                                + TENANT
                                + "/e4d3c2b1-a098-4f7e-8d6c-5b4a39281706 resource="
                                + SUB
                                + "/resourcegroups/billing/providers/microsoft.storage/storageaccounts/billingexports action=microsoft.storage/storageaccounts/listkeys/action consumer=|10.20.30.40| {"
                                + ACCOUNT
                                + "}");
        assertThat(out.events().get(0).getEventId())
                .isEqualTo("azure-activity:0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a");
    }

    @Test
    void aServicePrincipalCallWithoutAnyTenantIsRejected() {
        ListParseOutput out =
                parse(
                        "{\"time\":\"2026-01-01T00:00:00Z\",\"operationName\":\"MICROSOFT.WEB/SITES/READ\","
                                + "\"identity\":{\"authorization\":{\"evidence\":{\"principalType\":\"ServicePrincipal\"}},"
                                + "\"claims\":{\"appid\":\"a1\"}}}");
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an activity log record names no tenant, which its identity ids need; add tenantId to the record or put the file under a folder named after the tenant");
    }

    @Test
    void requestAndResponseBodiesAreNeverEmittedNorRejected() {
        String key = "St0rage-Pl4nt3d-Key-0123456789abcdefABCDEF==";
        String record =
                "{\"time\":\"2026-01-01T00:00:00Z\",\"operationName\":\"MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION\","
                        + "\"resultType\":\"Success\",\"identity\":{\"authorization\":{\"evidence\":{\"principalType\":\"ServicePrincipal\"}},"
                        + "\"claims\":{\"appid\":\"a1\"%s}},\"properties\":{\"responseBody\":\"{\\\"keys\\\":[{\\\"value\\\":\\\""
                        + key
                        + "\\\"}]}\",\"requestBody\":{\"value\":\""
                        + key
                        + "\"}}}";

        ListParseOutput used = parse(String.format(record, ",\"tid\":\"t1\""));
        assertThat(EventsText.of(used))
                .containsExactly(
                        "USED identity=azure:sp:t1/a1 action=microsoft.storage/storageaccounts/listkeys/action {account=t1}");
        assertThat(used.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(key));

        ListParseOutput rejected = parse(String.format(record, ""));
        assertThat(rejected.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason()).doesNotContain(key);
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .doesNotContain(key);
                        });
    }
}
