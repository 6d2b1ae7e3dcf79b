package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.Excerpts;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Azure input that is broken on purpose: every case is a rejection with a reason. */
class AzureHostileInputTest {

    private static final String SIGNIN =
            "{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"time\":\"2026-01-01T00:00:00Z\","
                    + "\"properties\":{\"id\":\"good-1\",\"appId\":\"a\",\"status\":{\"errorCode\":0}}}";

    /** Every Azure format. */
    static Stream<String> formats() {
        return Stream.of(
                "azure-signin",
                "azure-audit",
                "azure-activity",
                "azure-monitor",
                "azure-graph",
                "azure-key-vault");
    }

    private static ListParseOutput parse(String format, String text) {
        return ParserHarness.parseFile(
                format, "bad.json", text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "azure-signin|{\"records\":[{\"time\":|the JSON ends too early at line 2, column 1",
                "azure-signin|{\"records\":{\"category\":\"x\"}}|the records field of a sign-in log file is not an array",
                "azure-signin|[\"x\"]|a sign-in record is not a JSON object",
                "azure-signin|{\"properties\":{}}|a sign-in record has no category",
                "azure-signin|{\"category\":\"AuditLogs\"}|an audit log record is not a sign-in record; the azure-audit format reads it, and azure-monitor reads streams that mix categories",
                "azure-signin|{\"category\":\"ProvisioningLogs\"}|a sign-in record has a category that is not a sign-in log of service principals or managed identities",
                "azure-signin|{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"properties\":null}|a service principal sign-in record has no properties object",
                "azure-signin|{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"properties\":{\"appId\":{\"x\":1}}}|a service principal sign-in record has no appId",
                "azure-signin|{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"properties\":{\"appId\":\"a b\"}}|a service principal sign-in record has a tenant or appId that cannot be part of an id",
                "azure-signin|{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"properties\":{\"appId\":\"a\"}}|a service principal sign-in record has no time",
                "azure-signin|{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"time\":\"noon\",\"properties\":{\"appId\":\"a\"}}|the time of a service principal sign-in record is not a time stamp",
                "azure-audit|42|an audit log entry is not a JSON object",
                "azure-audit|{\"value\":{},\"@odata.context\":\"x\"}|the value field of an audit log file is not an array",
                "azure-audit|{\"properties\":[1]}|the properties of an audit log entry is not an object",
                "azure-audit|{\"category\":\"AuditLogs\",\"properties\":{}}|an audit log entry has no activityDisplayName",
                "azure-audit|{\"activityDisplayName\":\"Add application\"}|an audit log entry has no time",
                "azure-audit|{\"activityDisplayName\":\"Add application\",\"activityDateTime\":true}|the time of an audit log entry is not a time stamp",
                "azure-audit|{\"activityDisplayName\":\"Add application\",\"activityDateTime\":\"2026-01-01T00:00:00Z\",\"tenantId\":\"t\",\"targetResources\":null}|the target of an audit log entry names no app",
                "azure-audit|{\"activityDisplayName\":\"Add member to role\",\"activityDateTime\":\"2026-01-01T00:00:00Z\",\"tenantId\":\"t\",\"targetResources\":[{\"id\":\"o\",\"type\":\"ServicePrincipal\"}]}|a role membership in an audit log entry names no Role.DisplayName or no service principal",
                "azure-audit|{\"activityDisplayName\":\"Add app role assignment to service principal\",\"activityDateTime\":\"2026-01-01T00:00:00Z\",\"tenantId\":\"t\",\"targetResources\":[{\"modifiedProperties\":[{\"displayName\":\"AppRole.Value\",\"newValue\":\"\\\"Mail.Send\\\"\"}]}]}|an app role assignment in an audit log entry names no ServicePrincipal.AppId or ServicePrincipal.ObjectID",
                "azure-activity|[1]|an activity log record is not a JSON object",
                "azure-activity|{\"time\":\"2026-01-01T00:00:00Z\"}|an activity log record has no operationName",
                "azure-activity|{\"operationName\":\"X\"}|an activity log record has no time",
                "azure-activity|{\"operationName\":{\"value\":\"X\"},\"time\":[]}|an activity log record has no time",
                "azure-activity|{\"operationName\":\"X\",\"time\":\"later\"}|the time of an activity log record is not a time stamp",
                "azure-monitor|{\"records\":[{\"time\":|the JSON ends too early at line 2, column 1",
                "azure-monitor|{\"records\":{\"category\":\"x\"}}|the records field of an Azure Monitor file is not an array",
                "azure-monitor|[\"x\"]|an Azure Monitor record is not a JSON object",
                "azure-monitor|{\"properties\":{}}|an Azure Monitor record has no category, which says whether it is a sign-in, an audit log entry or an activity log record",
                "azure-monitor|{\"category\":{\"value\":[1]}}|an Azure Monitor record has no category, which says whether it is a sign-in, an audit log entry or an activity log record",
                "azure-monitor|{\"category\":\"StorageRead\"}|an Azure Monitor record has a category Keyline does not know; it reads sign-ins, AuditLogs and the activity log, so leave this category out of the diagnostic setting that sends to this stream",
                "azure-monitor|{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"properties\":null}|a service principal sign-in record has no properties object",
                "azure-monitor|{\"category\":\"AuditLogs\",\"properties\":{}}|an audit log entry has no activityDisplayName",
                "azure-monitor|{\"category\":\"Administrative\",\"time\":\"2026-01-01T00:00:00Z\"}|an activity log record has no operationName",
                "azure-graph|[null]|an element of a Graph response is not an object",
                "azure-graph|{\"displayName\":\"x\"}|a Graph object has no appId and is no credential of an app",
                "azure-graph|{\"appId\":\"a/b\"}|the appId of a Graph application or service principal cannot be part of an id",
                "azure-graph|{\"appId\":\"a\",\"createdDateTime\":\"x\"}|the createdDateTime of a Graph application or service principal is not a time stamp",
                "azure-key-vault|[\"x\"]|a Key Vault secret is not a JSON object",
                "azure-key-vault|[{\"attributes\":{}}]|a Key Vault secret has no id",
                "azure-key-vault|[{\"id\":\"https://v.vault.azure.net/secrets/a\",\"attributes\":[]}]|the attributes of a Key Vault secret is not an object",
                "azure-key-vault|[{\"id\":\"https://v.vault.azure.net/secrets/a\",\"tags\":\"owner\"}]|the tags of a Key Vault secret is not an object",
                "azure-key-vault|[{\"id\":\"https://v.vault.azure.net/secrets/a\",\"attributes\":{\"created\":\"x\"}}]|the created of a Key Vault secret is not a time stamp",
            })
    void brokenRecordsAreRejectedWithAReason(String format, String record, String reason) {
        ListParseOutput out = parse(format, record);
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void aBadRecordInAnEnvelopeCostsOnlyItself() {
        ListParseOutput out =
                parse(
                        "azure-signin",
                        "{\"records\":["
                                + SIGNIN
                                + ",{\"category\":\"ServicePrincipalSignInLogs\",\"time\":42},"
                                + SIGNIN.replace("good-1", "good-2")
                                + "]}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("azure-signin:good-1", "azure-signin:good-2");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "a service principal sign-in record has no properties object");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo(
                                            "{\"category\":\"ServicePrincipalSignInLogs\",\"time\":42}");
                        });
    }

    @ParameterizedTest
    @MethodSource("formats")
    void deepNestingAndHugeValuesAreBounded(String format) {
        ListParseOutput deep = parse(format, "[".repeat(5000) + "]".repeat(5000));
        assertThat(deep.events()).isEmpty();
        assertThat(deep.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("the JSON is nested too deeply"));

        String huge = "{\"id\":\"" + "A".repeat(10 * 1024 * 1024);
        ListParseOutput broken = parse(format, huge);
        assertThat(broken.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .startsWith(
                                            "a JSON string is not closed or holds a raw control character");
                            assertThat(Excerpts.mask(r.payload()))
                                    .hasSizeLessThanOrEqualTo(Excerpts.MAX_LENGTH)
                                    .doesNotContain("AAAAAA");
                        });
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aSecretInBrokenJsonIsMaskedHoweverLongItIs(String format) {
        String secret = "s3cr3t\\\"x".repeat(200_000);
        ListParseOutput out =
                parse(format, "{\"appId\":\"a\",\"secretText\":\"" + secret + "\",\"time\":,}");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .isEqualTo(
                                                "{\"appId\":\"a\",\"secretText\":\"***\",\"time\":,}"));
    }

    @Test
    void aSecretCutOffByTheEndOfThePayloadIsMaskedToTheEnd() {
        assertThat(AzureJson.maskSecrets("{\"key\" : \"abc\\\"def")).isEqualTo("{\"key\" : \"***");
        assertThat(AzureJson.maskSecrets("{\"Password\":\"p\",\"hint\":\"h\\\\\",\"x\":\"y\""))
                .isEqualTo("{\"Password\":\"***\",\"hint\":\"***\",\"x\":\"y\"");
    }

    @Test
    void aLongUserAgentIsClipped() {
        String agent = "x".repeat(1024 * 1024);
        ListParseOutput out =
                parse(
                        "azure-signin",
                        SIGNIN.replace("\"appId\"", "\"userAgent\":\"" + agent + "\",\"appId\""));
        assertThat(out.events())
                .singleElement()
                .satisfies(e -> assertThat(e.getConsumer().getUserAgent()).hasSize(512));
    }

    @Test
    void rejectionReasonsQuoteNothingFromThePayload() {
        for (String format :
                new String[] {
                    "azure-signin",
                    "azure-audit",
                    "azure-activity",
                    "azure-monitor",
                    "azure-key-vault"
                }) {
            ListParseOutput out =
                    parse(
                            format,
                            "{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"time\":\"SECRET-VALUE-123\","
                                    + "\"operationName\":\"SECRET-VALUE-123\",\"activityDisplayName\":\"SECRET-VALUE-123\","
                                    + "\"id\":\"SECRET-VALUE-123\",\"properties\":{\"appId\":\"a\"}}");
            assertThat(out.rejections())
                    .allSatisfy(r -> assertThat(r.reason()).doesNotContain("SECRET-VALUE-123"));
        }
    }
}
